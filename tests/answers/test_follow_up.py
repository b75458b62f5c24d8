"""Follow-ups refer to what was just discussed, or ask which one."""

import pytest

from bot.dialogue.answers.compose import Question, answer
from bot.dialogue.answers.follow_up import follow_up
from bot.dialogue.answers.items import ItemRef
from bot.knowledge.model import ItemKind, Role

from tests.answers.conftest import SATURDAY_EVENING

HEALTH_STATION = ItemRef(ItemKind.SERVICE, "helsestasjon")
DUTY_TO_REPORT = ItemRef(ItemKind.RULE, "opplysningsplikt")


@pytest.mark.parametrize("text", ["er den åpen nå?", "hvor er den?", "trenger jeg time?",
                                  "hva er nummeret?", "og på lørdag?", "Er det åpent nå?"])
def test_questions_about_the_last_contact(text):
    assert follow_up(text).kind is ItemKind.SERVICE


def test_questions_about_the_last_rule():
    assert follow_up("hva er kilden?").asks_source
    assert follow_up("gjelder det barnehage også?").role is Role.KINDERGARTEN


@pytest.mark.parametrize("text", ["hva blir været i morgen?", "hvem har åpent nå?",
                                  "er det lov å slå et barn?", "hei", "ja",
                                  "jeg er lærer og lurer på hva jeg skal gjøre med en elev",
                                  # a young person's own question, not «does it apply to health staff too?»
                                  "sier helsesøster det til foreldrene mine?"])
def test_questions_of_their_own(text):
    assert follow_up(text) is None


def _answer(kb, search, text, intent, earlier):
    return answer(kb, search, Question(intent, text, earlier_item=earlier), SATURDAY_EVENING)


@pytest.mark.parametrize("text, intent", [("er den åpen nå?", "ask_contact"),
                                          ("hva er nummeret?", "ask_term"),
                                          ("og på lørdag?", "out_of_scope")])
def test_a_follow_up_about_a_contact_answers_about_that_contact(kb, search, text, intent):
    reply = _answer(kb, search, text, intent, HEALTH_STATION)
    assert reply.item == HEALTH_STATION
    assert reply.messages[0].text.startswith(kb.service("helsestasjon").name)


def test_a_named_service_is_not_a_follow_up(kb, search):
    reply = _answer(kb, search, "når er barnevernet åpent?", "ask_contact", HEALTH_STATION)
    assert reply.item != HEALTH_STATION


def test_a_follow_up_about_a_rule_gives_its_source_or_the_answer_for_another_role(kb, search):
    source = _answer(kb, search, "hva er kilden?", "ask_term", DUTY_TO_REPORT)
    assert source.messages[0].text.splitlines()[1].startswith("Kilder:")
    kindergarten = _answer(kb, search, "gjelder det barnehage også?", "ask_rule", DUTY_TO_REPORT)
    assert "Kort svar til deg som er ansatt i barnehagen" in kindergarten.messages[0].text


def test_nothing_discussed_yet_asks_which_one(kb, search):
    reply = _answer(kb, search, "er den åpen nå?", "ask_contact", None)
    assert reply.messages[0].text.startswith("Hvilken tjeneste mener du?") and reply.item is None
    assert len(reply.messages[0].buttons) == len(kb.services)
    rule = _answer(kb, search, "hva er kilden?", "ask_term", HEALTH_STATION)
    assert rule.messages[0].text.startswith("Hvilken regel mener du?")
