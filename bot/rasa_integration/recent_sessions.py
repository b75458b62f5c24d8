"""The latest session of recently active conversations, as the tracker store
read it, kept until the next message.

Rasa reads a conversation's whole latest session from the database for every
message and turns each row back into an event: at turn 50 of a conversation
that was the largest cost that grew with its length. The tracker store keeps
what it read here, so the next message reads only the rows added since (by
this Rasa instance or another one).

What is kept is what the database holds, redacted, and no more: events
deserialised from stored rows, for as many conversations as fit in a budget of
events, least recently used out first.
"""

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from rasa.shared.core.events import Event


@dataclass
class StoredSession:
    """One conversation's latest session, as stored."""

    first_id: int  # while this row exists, none of the session's rows were deleted
    last_id: int
    started_at: Optional[float]  # the session's SessionStarted timestamp, if any
    events: List[Event] = field(default_factory=list)

    def extend(self, last_id: int, events: List[Event]) -> None:
        self.last_id = last_id
        self.events.extend(events)


class RecentSessions:
    """Stored sessions by sender, at most ``max_events`` events in all."""

    def __init__(self, max_events: int) -> None:
        self.max_events = max_events
        # Each session with its size when it was put, which is what it counts for.
        self._sessions: "OrderedDict[str, Tuple[StoredSession, int]]" = OrderedDict()
        self._events = 0

    def take(self, sender_id: str) -> Optional[StoredSession]:
        """The sender's session, out of the cache until it is put back."""
        session, size = self._sessions.pop(sender_id, (None, 0))
        self._events -= size
        return session

    def put(self, sender_id: str, session: StoredSession) -> None:
        self.take(sender_id)
        size = len(session.events)
        if size > self.max_events:
            return
        self._sessions[sender_id] = (session, size)
        self._events += size
        while self._events > self.max_events:
            _, (_, oldest_size) = self._sessions.popitem(last=False)
            self._events -= oldest_size

    @property
    def events(self) -> int:
        return self._events

    def __len__(self) -> int:
        return len(self._sessions)
