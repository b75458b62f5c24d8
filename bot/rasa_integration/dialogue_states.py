"""Rasa's dialogue states for a tracker, continued from the last call instead of
recomputed from the first event. Used by ContinuedRulePolicy (policies.py).

``Domain.states_for_tracker_history`` replays the whole conversation and builds
a state for every action in it, and RulePolicy asks for it at every prediction
of a message: in a long conversation that was 13 % of Rasa's time, and the
main reason a turn cost more the longer the conversation was. Within one
message the tracker only grows, so this keeps, per tracker, the replayed
tracker and the states so far, and goes on from there.

It goes on only where Rasa's result cannot differ: the same tracker object,
its earlier events untouched, and no new event that makes Rasa re-read the
history (a restart, a new session, an undo, a new loop, or a loop's action,
which can fold away earlier turns). Otherwise it starts over, as Rasa does.
States for machine-learning policies (``ignore_rule_only_turns``) share parts
between turns that callers change, so those stay with Rasa's own code.
tests/rasa_integration/test_policies.py compares it with Rasa after every event of the
conversation tests.
"""

import itertools
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Tuple

from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import (
    ActionExecuted, ActionReverted, ActiveLoop, Event, Restarted, SessionStarted,
    UserUtteranceReverted,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.platform.per_object import PerObject

_REREADS_HISTORY = (Restarted, SessionStarted, ActionReverted, UserUtteranceReverted)


@dataclass
class _Progress:
    """How far the states of one tracker are worked out, for one set of arguments."""

    domain: Domain
    omit_unset_slots: bool
    events_seen: int
    last_event: Optional[Event]
    loop_names: FrozenSet[str]
    replayed: DialogueStateTracker  # the tracker as of the last event seen
    states: List[State] = field(default_factory=list)


def _loop_names(events: List[Event]) -> FrozenSet[str]:
    return frozenset(e.name for e in events if isinstance(e, ActiveLoop) and e.name)


def _can_go_on(progress: _Progress, new_events: List[Event]) -> bool:
    """True if Rasa would apply each new event plainly, leaving earlier ones as they were."""
    for event in new_events:
        if isinstance(event, _REREADS_HISTORY):
            return False
        if isinstance(event, ActiveLoop) and event.name and event.name not in progress.loop_names:
            return False  # a new loop name changes how earlier loop actions are read
        if isinstance(event, ActionExecuted) and event.action_name in progress.loop_names:
            return False
    return True


class ContinuedStates:
    """A replacement for ``Domain.states_for_tracker_history`` (see the module)."""

    def __init__(self) -> None:
        # Per tracker: (domain id, omit_unset_slots) -> progress.
        self._progress: PerObject[Dict[Tuple[int, bool], _Progress]] = PerObject()

    def __call__(self, domain: Domain, tracker: DialogueStateTracker,
                 omit_unset_slots: bool = False) -> List[State]:
        progress = self._progress_for(domain, tracker, omit_unset_slots)
        # Plus the state as of now, which later events will change.
        return [*progress.states, _state(domain, progress.replayed, omit_unset_slots)]

    def _progress_for(self, domain: Domain, tracker: DialogueStateTracker,
                      omit_unset_slots: bool) -> _Progress:
        entries = self._progress.get(tracker)
        if entries is None:
            entries = {}
            self._progress.set(tracker, entries)
        # The progress holds its domain, so the id cannot pass to another domain.
        key = (id(domain), omit_unset_slots)
        progress = entries.get(key)
        events = tracker.events
        if (progress is not None
                and len(events) >= progress.events_seen
                and (progress.events_seen == 0
                     or events[progress.events_seen - 1] is progress.last_event)):
            new_events = list(itertools.islice(events, progress.events_seen, None))
            if _can_go_on(progress, new_events):
                _go_on(progress, new_events)
                return progress
        progress = _from_the_start(domain, tracker, omit_unset_slots)
        entries[key] = progress
        return progress


def _state(domain: Domain, tracker: DialogueStateTracker, omit_unset_slots: bool) -> State:
    # Rasa's states_for_tracker_history without ignore_rule_only_turns, per prior tracker.
    return domain._clean_state(domain.get_active_state(tracker, omit_unset_slots=omit_unset_slots))


def _from_the_start(domain: Domain, tracker: DialogueStateTracker,
                    omit_unset_slots: bool) -> _Progress:
    events = list(tracker.events)
    progress = _Progress(domain, omit_unset_slots, 0, None, _loop_names(events),
                         tracker.init_copy())
    # As Rasa's generate_all_prior_trackers: the applied events, a state before each action.
    _replay(progress, tracker.applied_events())
    progress.events_seen, progress.last_event = len(events), (events[-1] if events else None)
    return progress


def _replay(progress: _Progress, events: List[Event]) -> None:
    for event in events:
        if isinstance(event, ActionExecuted):
            progress.states.append(_state(progress.domain, progress.replayed,
                                          progress.omit_unset_slots))
        progress.replayed.update(event)


def _go_on(progress: _Progress, new_events: List[Event]) -> None:
    _replay(progress, new_events)
    if new_events:
        progress.events_seen += len(new_events)
        progress.last_event = new_events[-1]
