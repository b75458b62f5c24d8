"""What Rasa sends the action server: the tracker, with only the events our
actions read.

Rasa sends the whole conversation with every action call: each event turned
into a dictionary, encoded, sent and decoded again, two or three times a
message, so each turn cost more than the last. Our actions (actions/) read
the events since the latest user message, and from before it only the last
value given to each slot and the last loop event (``guide._walk_was_open``,
``guide._state_before_latest_message``). Those are kept, in their order;
slots, the latest message and the active loop are sent whole as before.
tests/test_action_payload.py checks the actions' readings on every turn of
the conversation tests.
"""

import dataclasses
from typing import Any, Dict, List, Sequence

from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTIVE_LOOP, FOLLOWUP_ACTION
from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker


def events_for_actions(events: Sequence[Event]) -> List[Event]:
    """The events from the latest user message on, after the last event
    before it for each slot, for the loop and for the assistant's actions."""
    events = list(events)
    latest_user = next((index for index in range(len(events) - 1, -1, -1)
                        if isinstance(events[index], UserUttered)), 0)
    last_before: Dict[Any, int] = {}
    for index in range(latest_user):
        event = events[index]
        if isinstance(event, SlotSet):
            last_before[event.key] = index
        elif isinstance(event, ActiveLoop):
            last_before[ActiveLoop] = index
        elif isinstance(event, ActionExecuted) and event.action_name != ACTION_LISTEN_NAME:
            last_before[ActionExecuted] = index
    return [events[index] for index in sorted(last_before.values())] + events[latest_user:]


def tracker_for_actions(tracker: DialogueStateTracker) -> Dict[str, Any]:
    """``tracker.current_state(EventVerbosity.ALL)``, with the events above.

    Rasa's ``current_state`` turns the active loop into a dictionary with
    ``dataclasses.asdict``, which deep-copies the whole parse of the message that
    started the loop (≈ 4 % of Rasa's time, twice a message). The state is only
    encoded and sent, so here the loop's fields are taken as they are."""
    loop = tracker.active_loop
    return {
        "sender_id": tracker.sender_id,
        "slots": tracker.current_slot_values(),
        "latest_message": tracker._latest_message_data(),
        "latest_event_time": tracker.events[-1].timestamp if tracker.events else None,
        FOLLOWUP_ACTION: tracker.followup_action,
        "paused": tracker.is_paused(),
        "events": [event.as_dict() for event in events_for_actions(tracker.events)],
        "latest_input_channel": tracker.get_latest_input_channel(),
        ACTIVE_LOOP: {f.name: getattr(loop, f.name) for f in dataclasses.fields(loop)} if loop else {},
        "latest_action": tracker.latest_action,
        "latest_action_name": tracker.latest_action_name,
    }


def action_call_format(self: Any, tracker: DialogueStateTracker, domain: Any) -> Dict[str, Any]:
    """Rasa 3.6's RemoteAction._action_call_format, with ``tracker_for_actions``."""
    import rasa

    result = {
        "next_action": self._name,
        "sender_id": tracker.sender_id,
        "tracker": tracker_for_actions(tracker),
        "version": rasa.__version__,
    }
    if (not self._is_selective_domain_enabled()
            or domain.does_custom_action_explicitly_need_domain(self.name())):
        result["domain"] = domain.as_dict()
    return result
