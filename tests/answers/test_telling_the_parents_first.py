"""«Må jeg si det til foreldrene først?» from staff reads like confidentiality («si det til
foreldrene»), but the step «Snakk med foreldrene» answers it, with its exception for violence
(persona: a teacher in the walk got the general confidentiality rule). Users' own words."""

from dataclasses import replace

import pytest

from bot.dialogue.answers.compose import Question, answer
from bot.understanding.reading import read_message

from tests.answers.conftest import MONDAY_MORNING


@pytest.mark.parametrize("text", [
    "må jeg si det til foreldrene først?",
    "skal jeg snakke med foreldrene først",
    "bør eg seie frå til foreldra først?",
])
@pytest.mark.parametrize("in_walk", [False, True])
def test_staff_asking_whether_to_tell_the_parents_first_get_the_step_with_its_exception(kb, search, text, in_walk):
    reading = replace(read_message(text), asker="professional", sector="skole")
    reply = answer(kb, search, Question(intent="ask_rule", text=text, reading=reading, in_walk=in_walk),
                   MONDAY_MORNING)
    said = "\n".join(m.text for m in reply.messages)
    assert str(reply.item) == "veiledersteg:niva0-samtale-foreldre"
    assert "mistenker du vold" in said


def test_a_young_person_asking_if_the_nurse_tells_their_parents_still_gets_the_youth_rule(kb, search):
    text = "kan helsesykepleier si det til foreldrene mine?"
    reply = answer(kb, search, Question(intent="ask_rule", text=text, reading=read_message(text)), MONDAY_MORNING)
    assert str(reply.item) == "regel:ungdom-taushetsplikt"
