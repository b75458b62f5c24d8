"""Rasa's loop guard costs one turn, never the conversation."""

from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_integration import turn_guard

RASAS_GUARD = MessageProcessor.is_action_limit_reached


class _Processor:
    max_number_of_predictions = 10


def _tripped_then(message: str) -> DialogueStateTracker:
    """«hei», «nei» answered ten times until the guard tripped (no listen), then a new message."""
    events = [ActionExecuted("action_listen"), UserUttered("nei", {"name": "guide_answer"}),
              *[ActionExecuted("utter_not_understood") for _ in range(10)],
              UserUttered(message, {"name": "start_over"})]
    return DialogueStateTracker.from_events("t", events)


def test_the_message_after_a_trip_is_answered():
    tracker = _tripped_then("start på nytt")
    assert RASAS_GUARD(_Processor(), tracker, True)  # why the conversation stayed dead
    assert not turn_guard.is_action_limit_reached(_Processor(), tracker, True)


def test_the_guard_still_stops_a_loop_within_a_turn():
    tracker = _tripped_then("start på nytt")
    for _ in range(10):
        tracker.update(ActionExecuted("action_unclear"))
    assert turn_guard.is_action_limit_reached(_Processor(), tracker, True)
    assert not turn_guard.is_action_limit_reached(_Processor(), tracker, False)


def test_a_tripped_turn_ends_listening():
    tracker = _tripped_then("start på nytt")
    turn_guard.listen_after_trip(tracker, None, None)
    assert tracker.latest_action_name == "action_listen"
    assert turn_guard.actions_this_turn(tracker) == 0
