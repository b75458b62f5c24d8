"""Rasa's loop guard, kept to the turn it trips in (defence in depth).

Rasa stops predicting after ``MAX_NUMBER_OF_PREDICTIONS`` actions without
listening. It counts actions back to the last ``action_listen``, and after a
trip none is logged, so the next message counts the tripped turn's actions
too and trips at once, before any action: the conversation answered nothing,
not even «start på nytt» or an acute message, until the session expired.
Here the count stops at the latest user message as well, and a tripped turn
ends by listening, as a turn should. The rules (data/rules/fallback.yml) keep
the guard from tripping at all; this makes sure a trip, whatever its cause,
costs one turn and not the conversation.
"""

import logging
from typing import Any

from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

log = logging.getLogger(__name__)
TRIPPED = "Loop guard tripped"  # the fuzzer (tests/fuzz) looks for this in the log


def actions_this_turn(tracker: DialogueStateTracker) -> int:
    """Actions predicted since the user's latest message (or the last listen)."""
    count = 0
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, ActionExecuted):
            if event.action_name in (ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME):
                break
            count += 1
    return count


def is_action_limit_reached(self: MessageProcessor, tracker: DialogueStateTracker,
                            should_predict_another_action: bool) -> bool:
    return should_predict_another_action and \
        actions_this_turn(tracker) >= self.max_number_of_predictions


def listen_after_trip(tracker: DialogueStateTracker, output_channel: Any, nlg: Any) -> None:
    """Rasa's on_circuit_break callback: the turn ends waiting for the user."""
    log.warning("%s for sender '%s'; the turn ends listening.", TRIPPED, tracker.sender_id)
    tracker.update(ActionExecuted(ACTION_LISTEN_NAME))


def with_listen_after_trip(init: Any) -> Any:
    def __init__(self: MessageProcessor, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        self.on_circuit_break = self.on_circuit_break or listen_after_trip

    __init__.__wrapped__ = init
    return __init__
