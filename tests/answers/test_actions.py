"""The thin Rasa actions: slots they set and what they pass on, with a fixed clock."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import fallback, knowledge_access, questions, roles

from tests.answers.conftest import SATURDAY_EVENING


@pytest.fixture(autouse=True)
def use_knowledge(monkeypatch, database_url):
    knowledge_access.repository.cache_clear()
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setattr(knowledge_access, "local_now", lambda kb: SATURDAY_EVENING)
    yield
    knowledge_access.repository.cache_clear()


def run(action, text, intent, slots=None, entities=()):
    message = {"text": text, "intent": {"name": intent}, "entities": list(entities)}
    tracker = Tracker("t", dict(slots or {}), message, [], False, None, {}, None)
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, {})
    return "\n".join(m.get("text") or "" for m in dispatcher.messages), \
        {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_a_question_remembers_its_item_and_a_stated_role():
    text, slots = run(questions.AnswerQuestion(), "jeg er lærer, har jeg meldeplikt?", "ask_rule")
    assert "Som ansatt i skolen" in text
    assert slots == {"kb_item": "regel:opplysningsplikt", "user_role": "skole"}


def test_a_remembered_role_shapes_the_answer():
    text, _ = run(questions.AnswerQuestion(), "har jeg meldeplikt?", "ask_rule",
                  {"user_role": "forelder"})
    assert "Som forelder eller privatperson" in text


def test_a_role_button_is_remembered_and_the_last_rule_answered_again():
    text, slots = run(roles.RememberRole(), '/tell_role{"role_choice":"barnehage"}', "tell_role",
                      {"kb_item": "regel:opplysningsplikt"},
                      [{"entity": "role_choice", "value": "barnehage"}])
    assert text.startswith("Takk. Da svarer jeg deg som ansatt i barnehagen.")
    assert "barnehageloven § 46" in text
    assert slots == {"user_role": "barnehage"}


def test_an_unclear_role_is_asked_with_buttons():
    text, slots = run(roles.RememberRole(), "jeg er bare meg", "tell_role")
    assert "Hvem er du?" in text and slots == {}


def test_the_fallback_tells_the_rule_whether_it_found_anything():
    text, slots = run(fallback.SuggestMatches(), "blåmerker på armen", "nlu_fallback")
    assert "Mente du" in text and slots == {"found_suggestions": True}
    text, slots = run(fallback.SuggestMatches(), "qwerty asdf", "nlu_fallback")
    assert text == "" and slots == {"found_suggestions": False}
