"""Rasa's SQL tracker store, but personal data never reaches the database.

Configure it in endpoints.yml::

    tracker_store:
      type: bot.rasa_integration.tracker_store.RedactingSQLTrackerStore
      url: ${DATABASE_URL}

Rasa quietly falls back to an in-memory store when a custom store cannot be
imported; :func:`require_redacting_store` turns that into a stop.
Rasa also answers from memory when the database fails mid-conversation: a
save that failed went to memory (lost when the process ends, unseen by the
other instances) and a read that failed started the conversation afresh (the
walk lost its place). :class:`NoFallbackTrackerStore` (installed by
bot/rasa_integration/patches.py) makes both a
:class:`ConversationNotStored` error, which bot/rasa_integration/rest_channel.py reports to the
web server.
"""

import copy
import itertools
import json
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

import sqlalchemy as sa

import rasa.core.tracker_store as rasa_tracker_store
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, TrackerStore
from rasa.shared.core.events import (
    BotUttered, EntitiesAdded, Event, SessionStarted, SlotSet, UserUttered, deserialise_events,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.shared.utils.common import class_from_module_path
from sqlalchemy.orm import sessionmaker

from bot.platform.database import create_engine
from bot.platform.per_object import PerObject
from bot.rasa_integration.recent_sessions import RecentSessions, StoredSession
from bot.safety.name_memory import ConversationNames, NameMemory
from bot.safety.redaction import KnownNames, Redactor, lexicon_redactor

# The parts of an event's dictionary that can hold what a person wrote.
_FREE_TEXT_KEYS = ("text", "parse_data", "metadata", "value", "entities", "data")
_EVENTS_WITH_FREE_TEXT = (UserUttered, BotUttered, SlotSet, EntitiesAdded)

# Events of recent conversations kept between messages (see bot.rasa_integration.recent_sessions).
DEFAULT_CACHED_EVENTS = 3000

STORE_CLASS_PATH = "bot.rasa_integration.tracker_store.RedactingSQLTrackerStore"


class TrackerStoreStartupError(RuntimeError):
    """Our store could not start. Not an ImportError, so Rasa cannot swallow it."""


class ConversationNotStored(RuntimeError):
    """The conversation could not be read from or written to the database."""


class NoFallbackTrackerStore(FailSafeTrackerStore):
    """What Rasa's Agent wraps its tracker store in: errors stop the turn
    instead of falling back to an in-memory store or an empty conversation."""

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        try:
            return await self._tracker_store.retrieve(sender_id)
        except Exception as error:
            raise ConversationNotStored(f"reading failed: {error}") from error

    async def retrieve_full_tracker(self, sender_id: str) -> Optional[DialogueStateTracker]:
        try:
            return await self._tracker_store.retrieve_full_tracker(sender_id)
        except Exception as error:
            raise ConversationNotStored(f"reading failed: {error}") from error

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            await self._tracker_store.save(tracker)
        except Exception as error:
            raise ConversationNotStored(f"saving failed: {error}") from error


def redacted_event_data(event: Event, redactor: Redactor,
                        known_names: Optional[KnownNames] = None) -> Dict[str, Any]:
    """The event's dictionary as it may be stored: free text redacted, the rest kept."""
    data = event.as_dict()
    if isinstance(event, _EVENTS_WITH_FREE_TEXT):
        for key in _FREE_TEXT_KEYS:
            if key in data:
                data[key] = redactor.redact_nested(data[key], known_names)
    return data


def event_row(sender_id: str, data: Dict[str, Any]) -> Dict[str, Any]:
    """One row of Rasa's ``events`` table, with the columns Rasa fills."""
    return {
        "sender_id": sender_id,
        "type_name": data["event"],
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


def event_data_queries(events: sa.Table) -> Tuple[Any, Any, Any]:
    """A sender's stored events (``id``, ``timestamp``, ``data``): all of them,
    those of the latest session as Rasa's ``_event_query`` selects them, and
    the first row of a known session with the rows after its last known row.
    Built once: building Rasa's ORM query anew for every message cost more
    than running it."""
    sender_id = sa.bindparam("sender_id")
    latest_start = (
        sa.select(sa.func.max(events.c.timestamp))
        .where(events.c.sender_id == sender_id, events.c.type_name == SessionStarted.type_name)
        .scalar_subquery()
    )
    all_sessions = sa.select(events.c.id, events.c.timestamp, events.c.data) \
        .where(events.c.sender_id == sender_id).order_by(events.c.id)
    latest_session = all_sessions.where(
        sa.or_(events.c.timestamp >= latest_start, latest_start.is_(None)))
    added_rows = all_sessions.where(sa.or_(events.c.id == sa.bindparam("first_id"),
                                           events.c.id > sa.bindparam("last_id")))
    return all_sessions, latest_session, added_rows


def _events(rows: Iterable[Any]) -> List[Event]:
    return deserialise_events([json.loads(row.data) for row in rows])


def _session_start(events: Iterable[Event]) -> Optional[float]:
    return max((event.timestamp for event in events if isinstance(event, SessionStarted)),
               default=None)


def _own_latest_message(events: List[Event]) -> List[Event]:
    """``events`` with the last user message copied: Rasa changes the latest
    message in place (entities added, text featurisation), and the others are
    shared with the next tracker read."""
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if isinstance(event, UserUttered):
            own = copy.copy(event)
            own.entities = list(event.entities)
            return [*events[:index], own, *events[index + 1:]]
    return events


class RedactingSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that redacts user text, parse data and slots before saving."""

    def __init__(self, *args: Any, redactor: Optional[Redactor] = None,
                 cached_events: int = DEFAULT_CACHED_EVENTS, **kwargs: Any) -> None:
        try:
            super().__init__(*args, **kwargs)
        except (ImportError, AttributeError) as error:
            # e.g. a missing PostgreSQL driver: Rasa would fall back to memory.
            raise TrackerStoreStartupError(
                f"Samtaledatabasen kunne ikke startes: {error}. "
                "Sjekk DATABASE_URL og at databasedriveren er installert."
            ) from error
        if self.engine.dialect.name in ("sqlite", "postgresql"):
            # Rasa's engine opens a new SQLite connection per query and waits
            # without bound; ours pools them and bounds every wait.
            url = self.engine.url
            self.engine.dispose()
            self.engine = create_engine(url, **rasa_tracker_store.create_engine_kwargs(url))
            self.Base.metadata.create_all(self.engine)  # an in-memory database starts empty
            self.sessionmaker = sessionmaker(bind=self.engine)
        # With the dictionaries the tokenizer has loaded in this process.
        self._redactor = redactor or lexicon_redactor()
        # Names learnt in a conversation, shared with the web server and the
        # other Rasa processes through the database (as keyed hashes).
        self._names = NameMemory(self.engine)
        self._all_sessions_query, self._latest_session_query, self._added_rows_query = \
            event_data_queries(self.SQLEvent.__table__)
        self._recent_sessions = RecentSessions(int(cached_events))
        # How many of a tracker's first events are stored.
        self._stored_counts: PerObject[int] = PerObject()

    def _rows(self, query: Any, **parameters: Any) -> List[Any]:
        # A plain connection: an ORM session around each query cost as much again.
        with self.engine.connect() as connection:
            return connection.execute(query, parameters).all()

    async def _retrieve(self, sender_id: str,
                        fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        """Rasa's _retrieve, with queries built once and the latest session's
        rows read only once while the conversation is recent."""
        if fetch_events_from_all_sessions:
            events = _events(self._rows(self._all_sessions_query, sender_id=sender_id))
        else:
            events = self._latest_session_events(sender_id)
        if not (self.domain and events):
            return None
        tracker = DialogueStateTracker.from_events(
            sender_id, _own_latest_message(events), self.domain.slots)
        if not fetch_events_from_all_sessions:
            self._remember_stored(tracker)
        return tracker

    def _latest_session_events(self, sender_id: str) -> List[Event]:
        known = self._recent_sessions.take(sender_id)
        if known is not None and self._read_added_rows(sender_id, known):
            self._recent_sessions.put(sender_id, known)
            return known.events
        rows = self._rows(self._latest_session_query, sender_id=sender_id)
        if not rows:
            return []
        events = _events(rows)
        self._recent_sessions.put(
            sender_id, StoredSession(rows[0].id, rows[-1].id, _session_start(events), events))
        return events

    def _read_added_rows(self, sender_id: str, known: StoredSession) -> bool:
        """Adds the rows stored since ``known`` was read; False if the session
        must be read again: a new session started, or rows were deleted."""
        rows = self._rows(self._added_rows_query, sender_id=sender_id,
                          first_id=known.first_id, last_id=known.last_id)
        if not rows or rows[0].id != known.first_id:
            return False
        # As the latest-session query: rows from the session's start on.
        added = [row for row in rows[1:] if known.started_at is None
                 or (row.timestamp is not None and row.timestamp >= known.started_at)]
        events = _events(added)
        if any(isinstance(event, SessionStarted) for event in events):
            return False
        if added:
            known.extend(added[-1].id, events)
        return True

    def _remember_stored(self, tracker: DialogueStateTracker) -> None:
        """Notes that all of ``tracker``'s events are stored, for its next save."""
        self._stored_counts.set(tracker, len(tracker.events))

    def _unsaved_events(self, tracker: DialogueStateTracker) -> List[Event]:
        """The events not stored yet. Rasa counts the stored ones with a query on
        every save; the count is known for a tracker this store read or saved."""
        stored = self._stored_counts.get(tracker)
        if stored is not None:
            return list(itertools.islice(tracker.events, stored, None))
        with self.session_scope() as session:
            return list(self._additional_events(session, tracker))

    def _learn_names(self, sender_id: str, events: Iterable[Event]) -> ConversationNames:
        """A name the user wrote once ("heter Ingrid") is also removed where it
        stands alone: in later messages (in any process), entity values and slots."""
        written: Set[str] = {name for event in events if isinstance(event, UserUttered) and event.text
                             for name in self._redactor.names_in(event.text)}
        return self._names.learn(sender_id, written)

    def redacted_copy(self, tracker: DialogueStateTracker,
                      known_names: Optional[ConversationNames] = None) -> DialogueStateTracker:
        if known_names is None:
            known_names = self._learn_names(tracker.sender_id, tracker.events)
        return DialogueStateTracker.from_events(
            tracker.sender_id,
            [Event.from_parameters(redacted_event_data(event, self._redactor, known_names))
             for event in tracker.events],
            slots=self.domain.slots,
            max_event_history=tracker._max_event_history,
        )

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save, with only the events not stored yet redacted and written
        in one statement. Redacting the whole tracker made each turn dearer than
        the last; one ORM object and INSERT per event cost more than the rest."""
        unsaved = self._unsaved_events(tracker)
        known_names = self._learn_names(tracker.sender_id, unsaved)
        if self.event_broker is not None:
            # The event broker (analytics) compares whole trackers, so it gets a
            # redacted copy (redacting a placeholder again leaves it as it is).
            await self.stream_events(self.redacted_copy(tracker, known_names))
        rows = [event_row(tracker.sender_id, redacted_event_data(event, self._redactor, known_names))
                for event in unsaved]
        if rows:
            with self.engine.begin() as connection:
                connection.execute(self.SQLEvent.__table__.insert(), rows)
        self._remember_stored(tracker)


def _stop(reason: str) -> SystemExit:
    return SystemExit(
        f"Assistenten starter ikke: {reason} Samtaler må lagres med "
        f"{STORE_CLASS_PATH}, slik at personopplysninger fjernes før lagring. "
        "Sett «tracker_store: type: " + STORE_CLASS_PATH + "» i endpoints.yml."
    )


def require_redacting_store(endpoints_file: str) -> None:
    """Stops start-up unless ``endpoints_file`` names our store.

    Call it before Rasa starts: Rasa quietly keeps conversations in memory when
    a custom store cannot be imported, and this makes that a stop instead."""
    from rasa.utils.endpoints import read_endpoint_config

    config = read_endpoint_config(endpoints_file, "tracker_store")
    store_type = config.type if config else None
    if not store_type:
        raise _stop(f"{endpoints_file} nevner ikke noe samtalelager.")
    try:
        store_class = class_from_module_path(store_type)
    except (ImportError, AttributeError) as error:
        raise _stop(f"fant ikke «{store_type}» ({error}).") from error
    if not (isinstance(store_class, type) and issubclass(store_class, RedactingSQLTrackerStore)):
        raise _stop(f"samtalelageret er {store_type}.")
