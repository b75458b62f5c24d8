"""The thin Rasa actions: slots they set and what they pass on, with a fixed clock."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import knowledge_access, questions, roles, unclear
from bot.understanding.reading import read_message

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
    assert slots == {"user_role": "barnehage", "known_asker": None}  # the told role outranks an earlier asker


def test_an_unclear_role_is_asked_with_buttons():
    text, slots = run(roles.RememberRole(), "jeg er bare meg", "tell_role")
    assert "Hvem er du?" in text and slots == {}


def run_with_previous(action, text, intent, previous_action, slots=None):
    """As ``run``, in a conversation where the assistant's last action was ``previous_action``."""
    message = {"text": text, "intent": {"name": intent}, "entities": []}
    events = [{"event": "action", "name": previous_action}, {"event": "action", "name": "action_listen"},
              {"event": "user", "text": text}]
    tracker = Tracker("t", dict(slots or {}), message, events, False, None, {}, None)
    dispatcher = CollectingDispatcher()
    returned = action.run(dispatcher, tracker, {})
    return dispatcher.messages, returned


def test_an_unclear_message_gets_suggestions_or_the_topics_with_the_safety_line():
    text, slots = run(unclear.Unclear(), "blåmerker på armen", "nlu_fallback")
    assert "Mente du" in text and "116 111" in text and slots == {"unclear_in_a_row": 1}
    text, slots = run(unclear.Unclear(), "qwerty asdf", "nlu_fallback")
    assert text.startswith("Det skjønte jeg ikke helt") and "Ring 112" in text


def test_two_unclear_messages_in_a_row_offer_a_person():
    messages, events = run_with_previous(unclear.Unclear(), "qwerty asdf", "nlu_fallback",
                                         "action_unclear", {"unclear_in_a_row": 1})
    assert messages[0]["text"].startswith("Jeg forstår deg dessverre ikke helt. Vil du heller snakke")
    assert "/ask_human" in [b["payload"] for b in messages[0]["buttons"]]
    assert {"event": "slot", "name": "unclear_in_a_row", "value": 2, "timestamp": None} in events


def test_off_topic_gets_the_refusal_with_the_safety_line():
    text, slots = run(unclear.Unclear(), "hva blir været i morgen", "out_of_scope")
    assert text.startswith("Det kan jeg dessverre ikke hjelpe med") and "116 111" in text
    assert slots == {"unclear_in_a_row": 0}


def test_yes_to_the_offer_of_a_person_gives_people():
    messages, _ = run_with_previous(unclear.ShortReply(), "ja", "guide_answer", "utter_bot_challenge")
    assert "Du kan snakke med et menneske her" in messages[0]["text"]


def test_yes_after_the_greeting_answers_its_danger_question():
    messages, _ = run_with_previous(unclear.ShortReply(), "ja", "guide_answer", "utter_greet")
    assert messages == [{"response": "utter_acute_danger", **{k: v for k, v in messages[0].items()
                                                                if k != "response"}}]
    messages, _ = run_with_previous(unclear.ShortReply(), "ok", "guide_answer", "utter_greet")
    assert messages[0]["text"].startswith("Hva vil du vite mer om?")


def test_a_worry_in_the_walks_words_outside_the_walk_starts_the_walk():
    messages, events = run_with_previous(unclear.ShortReply(), "far drikker", "guide_answer",
                                         "utter_greet")
    assert messages == [] and events[0]["event"] == "followup" and events[0]["name"] == "guide_form"


def test_a_role_given_in_the_middle_of_the_walk_does_not_repeat_the_last_rule():
    """Fuzzer: «jeg er fastlegen» mid-walk gave thanks, the rule twice over and the walk: four bubbles."""
    message = {"text": "jeg er fastlegen", "intent": {"name": "tell_role"}, "entities": []}
    tracker = Tracker("t", {"kb_item": "regel:opplysningsplikt"}, message, [], False, None,
                      {"name": "guide_form"}, None)
    dispatcher = CollectingDispatcher()
    events = roles.RememberRole().run(dispatcher, tracker, {})
    assert [m["text"] for m in dispatcher.messages] == ["Takk. Da svarer jeg deg som helsepersonell."]
    assert events[0]["value"] == "helse"


def test_a_side_question_the_walk_put_aside_is_answered_as_in_the_walk():
    """The guide form rejected the message, so «Vil du fortsette der vi var?» follows
    the answer: the answer must leave room for it (the fuzzer found four bubbles)."""
    text = "kan sjefen min nekte meg å sende bekymringsmelding?"
    message = {"text": text, "intent": {"name": "ask_rule"}, "entities": []}
    events = [{"event": "user", "text": text},
              {"event": "action_execution_rejected", "name": "guide_form"}]
    tracker = Tracker("t", {}, message, events, False, None, {}, None)
    assert questions.question_in(tracker).in_walk
    before = Tracker("t", {}, message, events[:1], False, None, {}, None)
    assert not questions.question_in(before).in_walk


# Persona round 2 (staff): who the first message showed holds for the conversation.

def test_the_role_in_a_message_answered_after_the_emergency_block_is_remembered():
    """«hei er kontaktlærer, … blåmerker …» gets the acute block first; a later «kan jeg ringe
    barnevernet uten å si navn» was then met with «Hvem er du?»."""
    text = "hei er kontaktlærer, en elev i 5 klasse har hatt blåmerker flere ganger. har jeg meldeplikt??"
    _, slots = run(questions.AnswerAfterAcute(), text, "acute_danger")
    assert slots.get("user_role") == "skole"


def run_read(action, text, intent):
    """As ``run``, with the reading the NLU pipeline adds to the message."""
    message = {"text": text, "intent": {"name": intent}, "entities": [],
               "reading": read_message(text).as_dict()}
    events = action.run(CollectingDispatcher(), Tracker("t", {}, message, [], False, None, {}, None), {})
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_staff_at_their_own_workplace_are_remembered_as_that_role():
    slots = run_read(questions.AnswerQuestion(), "et av barna i barnehagen har blåmerker, har jeg meldeplikt?",
                     "ask_rule")
    assert slots.get("user_role") == "barnehage"


@pytest.mark.parametrize("text", ["har lærere meldeplikt?", "må jeg si det til rektor først?"])
def test_a_profession_asked_about_is_not_remembered_as_the_users_role(text):
    assert "user_role" not in run_read(questions.AnswerQuestion(), text, "ask_rule")


def test_the_childs_age_from_staff_whose_role_is_known_gets_the_last_rule_not_who_are_you():
    """A helsesykepleier wrote «hun er 14» after the answer and was asked «Hvem er du?»."""
    text, slots = run(roles.RememberRole(), "hun er 14", "tell_role",
                      {"user_role": "helse", "kb_item": "regel:ungdom-taushetsplikt"})
    assert "Hvem er du?" not in text
    assert "Som helsepersonell: under 16 år" in text and slots == {}
