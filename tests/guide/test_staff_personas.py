"""The walk as staff wrote it (persona round 2, tests/conversations/personas.yml): «kva no?»
and «hva nå?» in the middle of the walk ask for the step it is at (a helsesykepleier got the
assistant's topics, a NAV worker «Det finner jeg ikke noe svar på»), and «jobber i
barnehagen» or a worry that names the child is no choice of the danger exit. Users' words."""

import pytest

from bot.dialogue.guide.interpret import asks_what_next

from tests.guide.test_actions import Conversation, _options, _texts, use_knowledge  # noqa: F401 (fixture)


@pytest.mark.parametrize("text", ["hva nå?", "kva no?", "Hva gjør jeg nå?", "ok, hva nå", "og så?"])
def test_what_next_is_read(text):
    assert asks_what_next(text)


@pytest.mark.parametrize("text", ["hva nå med taushetsplikten?", "jeg har ringt, hva nå?", "hva skjer"])
def test_a_longer_question_is_not_what_next(text):
    assert not asks_what_next(text)


@pytest.mark.parametrize("text, intent", [("kva no?", "help"), ("hva nå?", "ask_term"), ("hva nå?", "nlu_fallback")])
def test_what_next_in_the_walk_shows_the_step_it_is_at(database_url, use_knowledge, text, intent):
    use_knowledge(database_url)
    chat = Conversation()
    chat.say("helsesjukepleiar på ungdomsskulen. elev (15) fortel at far drikk mykje", "worry_about_child",
             reading={"asker": "professional", "sector": "helse", "concerns": ["parent_mental_substance"],
                      "urgent": False, "kind": "what_to_do"})
    assert chat.position == "forelder-psykisk-rus"
    replies = chat.say(text, intent)
    said = _texts(replies)
    assert said.startswith("En forelder har psykisk sykdom eller rusproblemer")
    assert "Jeg kan hjelpe deg med tre ting" not in said and "Det finner jeg ikke" not in said
    assert "niva0-skriv-ned" in _options(replies)
    assert chat.position == "forelder-psykisk-rus"


@pytest.mark.parametrize("text", ["jeg jobber i barnehagen", "barnet er ofte sultent",
                                  "Jeg jobber med barnet (barnehage, skole, helsestasjon)"])
def test_the_child_or_the_kindergarten_is_no_choice_of_the_danger_exit(kb, matcher, text):
    choice = matcher.match(text, kb.node("omsorgssvikt"), kb)
    assert choice is None or choice.target != "akutt-fare"


@pytest.mark.parametrize("text", ["barnet er i fare", "det haster"])
def test_danger_still_chooses_the_danger_exit(kb, matcher, text):
    assert matcher.match(text, kb.node("omsorgssvikt"), kb).target == "akutt-fare"


def test_no_to_the_danger_line_at_the_worry_step_is_not_misunderstood(database_url, use_knowledge):
    """The walk opened at the worry with «Er barnet i fare akkurat nå, så ring 112.»; a
    pedagogisk leder answered «nei» and got «Jeg er ikke sikker på hva du mener»."""
    use_knowledge(database_url)
    chat = Conversation()
    chat.say("jeg er pedagogisk leder i barnehage og redd for å ta feil", "worry_about_child",
             reading={"asker": "professional", "sector": "barnehage", "concerns": ["gut_feeling"],
                      "urgent": False, "kind": "what_to_do"})
    assert chat.position == "magefolelse"
    replies = chat.say("nei", "guide_answer")
    said = _texts(replies)
    assert "Jeg er ikke sikker på hva du mener" not in said
    assert said.startswith("Greit.") and "En vag uro, en magefølelse" in said
    assert chat.position == "magefolelse"
