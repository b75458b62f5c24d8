"""Short replies and unclear messages outside the walk: one fitting answer each."""

import pytest

from bot.dialogue.answers.compose import SAFETY_LINE
from bot.dialogue.answers.unclear import short_reply, unclear_reply
from bot.dialogue.names import Response

from tests.answers.conftest import SATURDAY_EVENING


def _reply(kb, text, previous, in_a_row=0, old_button=False):
    return short_reply(kb, text, old_button, previous, in_a_row, None, SATURDAY_EVENING)


@pytest.mark.parametrize("text, opening", [("nei", "Greit. Hva vil du vite mer om?"),
                                           ("ok", "Hva vil du vite mer om?"),
                                           ("nja", "Det er helt greit. Hva vil du vite mer om?")])
def test_elsewhere_a_short_reply_asks_what_more(kb, text, opening):
    reply = _reply(kb, text, "action_answer_question")
    assert reply.messages[0].text.startswith(opening) and len(reply.messages[0].buttons) == 3


def test_after_the_greeting_yes_answers_its_danger_question(kb):
    assert _reply(kb, "ja", "utter_greet").response == Response.ACUTE_DANGER
    assert _reply(kb, "vet ikke", "utter_greet").messages[0].text.startswith("Er du i tvil, ring 112.")
    assert _reply(kb, "ok", "utter_greet").response is None


def test_yes_after_a_person_was_offered_gives_people(kb):
    assert "menneske her" in _reply(kb, "ja", "action_unclear", in_a_row=2).messages[0].text
    assert "menneske her" not in _reply(kb, "ja", "action_unclear", in_a_row=1).messages[0].text


def test_an_old_walk_button_says_so_with_the_safety_line(kb):
    text = _reply(kb, "", None, old_button=True).messages[0].text
    assert text.startswith("Den knappen hører til") and SAFETY_LINE in text


@pytest.mark.parametrize("intent, in_a_row, opening", [
    ("out_of_scope", 0, "Det kan jeg dessverre ikke hjelpe med."),
    ("nlu_fallback", 1, "Det skjønte jeg ikke helt"),
    ("nlu_fallback", 2, "Jeg forstår deg dessverre ikke helt. Vil du heller snakke med et menneske?"),
])
def test_every_unclear_reply_carries_the_safety_line(kb, search, intent, in_a_row, opening):
    messages = unclear_reply(kb, search, "qwerty asdf", intent, in_a_row, SATURDAY_EVENING)
    assert len(messages) == 1 and messages[0].text.startswith(opening)
    assert "Er noen i fare nå? Ring 112." in messages[0].text and "116 111" in messages[0].text


def test_a_walk_word_in_a_question_about_visitation_answers_the_question(kb):
    """Persona role-play (issue 15): «usikker på samværet» was read as a walk answer and
    started the walk with «Er barnet i fare akkurat nå, så ring 112.»."""
    reply = _reply(kb, "usikker på samværet", "utter_greet")
    assert not reply.starts_walk
    assert "Familievern" in reply.messages[0].text and "ring 112" not in reply.messages[0].text
