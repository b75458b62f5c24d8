"""A question about rights or law that no rule in the knowledge answers gets an honest «I
cannot answer that with certainty» and people to ask, never the nearest rule (issue 15:
«er det straffbart?» about shared pictures got the parents' rights in a barnevern case, and
«hvem kan jeg klage til?» about a school got the barnevern article). Messages in users' words."""

from dataclasses import replace

import pytest

from bot.dialogue.answers import for_asker
from bot.dialogue.answers.compose import UNSURE_OF_LAW, Question, answer
from bot.dialogue.answers.items import ItemRef
from bot.knowledge.model import ItemKind
from bot.understanding.reading import read_message

from tests.answers.conftest import MONDAY_MORNING


def ask(kb, search, text, asker=None, earlier=None):
    reading = read_message(text)
    reading = replace(reading, asker=asker) if asker else reading
    question = Question(intent="ask_rule", text=text, reading=reading, earlier_item=earlier)
    return answer(kb, search, question, MONDAY_MORNING)


def text_of(reply):
    return "\n".join(m.text for m in reply.messages)


def test_a_teen_asking_if_shared_pictures_are_a_crime_gets_an_honest_answer_and_safe_adults(kb, search):
    reply = ask(kb, search, "er det straffbart?", asker="youth_self")
    said = text_of(reply)
    assert reply.item is None and UNSURE_OF_LAW in said
    assert "116 111" in said and "voksen du stoler på" in said
    assert kb.rule("foreldres-rettigheter").title not in said and "§" not in said


def test_a_parent_asking_whom_to_complain_to_about_the_school_is_pointed_to_the_school(kb, search):
    school = next(s for s in kb.services.values() if s.id == "skole")
    reply = ask(kb, search, "hvem kan jeg klage til?", asker="parent_worried",
                earlier=ItemRef(ItemKind.SERVICE, school.id))
    said = text_of(reply)
    assert reply.item is None and UNSURE_OF_LAW in said and school.name in said
    assert kb.rule("foreldres-rettigheter").title not in said and "§" not in said


def test_with_nothing_earlier_the_honest_answer_still_names_someone_to_talk_to(kb, search):
    said = text_of(ask(kb, search, "hvem kan jeg klage til?"))
    assert UNSURE_OF_LAW in said and "116 111" in said


@pytest.mark.parametrize("text, asker", [
    ("kan vi klage på vedtaket fra barnevernet?", None),
    ("har jeg rett til å se meldingen?", None),
    ("hvem kan jeg klage til?", "parent_reported"),
])
def test_rights_in_a_case_with_barnevernet_still_get_the_rights_rule(kb, search, text, asker):
    reply = ask(kb, search, text, asker=asker)
    assert reply.item is not None and reply.item.kind is ItemKind.RULE
    assert UNSURE_OF_LAW not in text_of(reply)


def test_only_a_question_about_rights_outside_barnevernet_is_beyond_the_rules():
    assert not for_asker.knows_the_rights_asked(read_message("er det straffbart?"), "er det straffbart?")
    assert for_asker.knows_the_rights_asked(read_message("må jeg melde?"), "må jeg melde?")
    text = "hva er rettighetene mine når barnevernet undersøker?"
    assert for_asker.knows_the_rights_asked(read_message(text), text)


def test_in_the_walk_the_honest_answer_leaves_the_buttons_to_the_walk(kb, search):
    text = "hvem kan jeg klage til?"
    question = Question(intent="ask_rule", text=text, reading=read_message(text), in_walk=True)
    reply = answer(kb, search, question, MONDAY_MORNING)
    assert UNSURE_OF_LAW in text_of(reply) and not any(m.buttons for m in reply.messages)
