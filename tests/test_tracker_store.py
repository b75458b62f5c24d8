"""The redacting tracker store reads and writes what Rasa's SQL store does,
without Rasa's per-message query building and stored-event count."""

import gc
import sqlite3
import time
from pathlib import Path

import pytest
import rasa.core.tracker_store as rasa_tracker_store
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import RedactingSQLTrackerStore

DOMAIN = Domain.from_dict({"slots": {"rolle": {"type": "text", "mappings": [{"type": "custom"}]}}})


def _turn(tracker: DialogueStateTracker, text: str, at: float) -> None:
    tracker.update(UserUttered(text, intent={"name": "ask_rule", "confidence": 0.9},
                               parse_data={"text": text, "entities": [],
                                           "intent": {"name": "ask_rule", "confidence": 0.9}},
                               timestamp=at))
    tracker.update(SlotSet("rolle", "lærer", timestamp=at))
    tracker.update(BotUttered("Ring Alarmtelefonen for barn og unge på 116 111.", timestamp=at))
    tracker.update(ActionExecuted("action_listen", timestamp=at))


def _new_session(tracker: DialogueStateTracker, at: float) -> None:
    tracker.update(ActionExecuted("action_session_start", timestamp=at))
    tracker.update(SessionStarted(timestamp=at))
    tracker.update(ActionExecuted("action_listen", timestamp=at))


def _stored_data(path: Path) -> list:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT data FROM events ORDER BY id")]


@pytest.fixture
def stores(tmp_path):
    ours = RedactingSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{tmp_path / 'vår.db'}")
    rasas = rasa_tracker_store.SQLTrackerStore(domain=DOMAIN, db=str(tmp_path / "rasa.db"))
    return ours, rasas


async def _stored_conversation(store, sender: str) -> None:
    """Two sessions, each turn read back and saved as Rasa's processor does."""
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    _new_session(tracker, 1.0)
    await store.save(tracker)
    for number, text in enumerate(["hei", "jeg er lærer", "har jeg meldeplikt?"]):
        tracker = await store.retrieve(sender)
        if number == 2:
            _new_session(tracker, 20.0)
        _turn(tracker, text, 2.0 + 10 * number)
        await store.save(tracker)


async def test_reads_the_same_trackers_as_rasas_store(stores):
    for store in stores:
        await _stored_conversation(store, "samtale")
    ours, rasas = stores
    for read in ("retrieve", "retrieve_full_tracker"):
        mine, theirs = [await getattr(store, read)("samtale") for store in stores]
        assert list(mine.events) == list(theirs.events)
        assert mine.current_state() == theirs.current_state()
    latest = await ours.retrieve("samtale")
    assert [e for e in latest.events if isinstance(e, SessionStarted)] == [SessionStarted(20.0)]
    assert await ours.retrieve("ukjent") is None


async def test_a_tracker_saved_twice_has_each_event_stored_once(stores, tmp_path):
    """Rasa saves a new conversation when it creates it and again after the turn."""
    ours, rasas = stores
    for store in stores:
        tracker = await store.get_or_create_tracker("ny", append_action_listen=True)
        _new_session(tracker, time.time())
        _turn(tracker, "hei", time.time())
        await store.save(tracker)
    assert len(_stored_data(tmp_path / "vår.db")) == len(tracker.events)
    assert list((await ours.retrieve("ny")).events) != []
    assert [e.as_dict()["event"] for e in (await ours.retrieve("ny")).events] == \
        [e.as_dict()["event"] for e in (await rasas.retrieve("ny")).events]


async def test_a_tracker_it_did_not_read_gets_only_its_new_events_stored(stores, tmp_path):
    ours, _ = stores
    await _stored_conversation(ours, "samtale")
    stored = len(_stored_data(tmp_path / "vår.db"))
    copy = (await ours.retrieve("samtale")).copy()  # not the object the store read
    _turn(copy, "takk", 40.0)
    await ours.save(copy)
    assert len(_stored_data(tmp_path / "vår.db")) == stored + 4


async def test_forgets_a_tracker_once_it_is_gone(stores):
    ours, _ = stores
    await _stored_conversation(ours, "samtale")
    tracker = await ours.retrieve("samtale")
    assert ours._stored_counts.get(tracker) == len(tracker.events)
    del tracker
    gc.collect()
    assert len(ours._stored_counts) == 0
