"""The action server gets the events our actions read, and reads the same from them."""

from pathlib import Path

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted, ActionExecutionRejected, ActiveLoop, BotUttered, SlotSet, UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk import Tracker

from actions import guide, roles, unclear
from bot.rasa_integration.action_payload import action_call_format, events_for_actions, tracker_for_actions
from tests.story_trackers import rereading_events, story_events

ROOT = Path(__file__).resolve().parents[1]
RASAS_CALL_FORMAT = RemoteAction._action_call_format


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain"))


def _side_question_during_the_walk() -> list:
    """The walk moves, a side question is answered and the walk comes back, twice."""
    def user(text, intent):
        return UserUttered(text, intent={"name": intent, "confidence": 1.0})

    side = [user("hva er stafettlogg?", "ask_term"), ActionExecutionRejected("guide_form"),
            ActionExecuted("action_answer_question"), BotUttered("Et verktøy."),
            ActionExecuted("guide_form"), ActionExecuted("action_ask_guide_outcome"),
            BotUttered("Vil du fortsette?"), ActionExecuted("action_listen")]
    return [ActionExecuted("action_listen"), user("jeg er lærer", "tell_role"),
            SlotSet("user_role", "lærer"), ActionExecuted("action_listen"),
            user("jeg er bekymret", "worry_about_child"), ActionExecuted("guide_form"),
            ActiveLoop("guide_form"), SlotSet("guide_state", '{"path": ["start"]}'),
            ActionExecuted("action_listen"), *side,
            user("ja", "affirm"), ActionExecuted("guide_form"), SlotSet("guide_state", '{"path": ["start", "a"]}'),
            ActionExecuted("action_listen"), *side,
            user("vold", "guide_answer"), ActionExecuted("guide_form"),
            SlotSet("guide_state", '{"path": ["start", "a", "b"]}'),
            SlotSet("guide_outcome", "b"), ActiveLoop(None), ActionExecuted("action_listen")]


def _readings(tracker: Tracker) -> tuple:
    """What the actions read from a tracker's events."""
    return (roles.walk_resumes(tracker), guide._state_before_latest_message(tracker),
            guide._walk_was_open(tracker), unclear.previous_action(tracker))


def _sdk_tracker(state: dict) -> Tracker:
    return Tracker.from_dict(state)


def test_actions_read_the_same_from_the_events_sent_after_every_event(domain):
    calls = shorter = 0
    for events in [*story_events(domain), rereading_events(), _side_question_during_the_walk()]:
        tracker = DialogueStateTracker("test", domain.slots)
        for event in events:
            tracker.update(event, domain)
            whole, sent = tracker.current_state(EventVerbosity.ALL), tracker_for_actions(tracker)
            assert {**sent, "events": None} == {**whole, "events": None}
            assert _readings(_sdk_tracker(sent)) == _readings(_sdk_tracker(whole))
            calls += 1
            shorter += len(sent["events"]) < len(whole["events"])
    assert calls > 400 and shorter > calls / 2


def test_the_events_sent_stop_growing_with_the_conversation(domain):
    walk = _side_question_during_the_walk()
    tracker = DialogueStateTracker("test", domain.slots)
    sizes = []
    for _ in range(20):
        for event in walk:
            tracker.update(event, domain)
        sizes.append(len(events_for_actions(tracker.events)))
    assert len(tracker.events) == 20 * len(walk)
    # From the second round on, when every slot has been set: the latest turn,
    # and each slot's and the loop's last event before it.
    assert len(set(sizes[1:])) == 1 and sizes[-1] < len(walk)


def test_keeps_the_order_and_everything_from_the_latest_user_message():
    events = [SlotSet("a", 1), ActiveLoop("guide_form"), SlotSet("b", 1), SlotSet("a", 2),
              UserUttered("hei"), SlotSet("a", 3), ActiveLoop(None), UserUttered("ja"),
              SlotSet("a", 4), ActionExecuted("action_listen")]
    assert events_for_actions(events) == [SlotSet("b", 1), SlotSet("a", 3), ActiveLoop(None),
                                          UserUttered("ja"), SlotSet("a", 4),
                                          ActionExecuted("action_listen")]
    no_user_yet = [ActionExecuted("action_session_start"), SlotSet("a", 1), SlotSet("a", 2)]
    assert events_for_actions(no_user_yet) == no_user_yet


@pytest.mark.parametrize("selective_domain", [True, False])
def test_the_call_is_rasas_but_for_the_events(domain, selective_domain):
    endpoint = EndpointConfig("http://localhost:5055/webhook", enable_selective_domain=selective_domain)
    action = RemoteAction("validate_guide_form", endpoint)
    tracker = DialogueStateTracker.from_events("test", _side_question_during_the_walk(), domain.slots)
    ours, rasas = action_call_format(action, tracker, domain), RASAS_CALL_FORMAT(action, tracker, domain)
    assert ours["tracker"]["events"] == [e.as_dict() for e in events_for_actions(tracker.events)]
    ours["tracker"]["events"] = rasas["tracker"]["events"]
    assert ours == rasas


def test_no_action_of_ours_is_sent_the_domain(domain):
    endpoint = EndpointConfig("http://localhost:5055/webhook", enable_selective_domain=True)
    tracker = DialogueStateTracker.from_events("test", _side_question_during_the_walk(), domain.slots)
    for name in domain.user_actions:
        if not name.startswith("utter_"):
            assert "domain" not in action_call_format(RemoteAction(name, endpoint), tracker, domain)
