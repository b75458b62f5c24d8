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
    ActionExecuted, BotUttered, EntitiesAdded, SessionStarted, SlotSet, UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_integration.tracker_store import RedactingSQLTrackerStore

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


def _fresh_read(path: Path):
    """The latest session as a store that never read it before sees it."""
    return RedactingSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{path}").retrieve("samtale")


@pytest.fixture
def counted_rows(monkeypatch):
    """How many stored rows the stores turn back into events."""
    import bot.rasa_integration.tracker_store as tracker_store
    counted = []
    deserialise = tracker_store.deserialise_events

    def counting(rows):
        counted.append(len(rows))
        return deserialise(rows)

    monkeypatch.setattr(tracker_store, "deserialise_events", counting)
    return counted


async def test_a_recent_conversation_reads_only_the_rows_added_since(stores, tmp_path, counted_rows):
    ours, _ = stores
    await _stored_conversation(ours, "samtale")
    tracker = await ours.retrieve("samtale")
    counted_rows.clear()
    for number in range(3):
        _turn(tracker, f"spørsmål {number}", 30.0 + number)
        await ours.save(tracker)
        tracker = await ours.retrieve("samtale")
        fresh = await _fresh_read(tmp_path / "vår.db")
        assert list(tracker.events) == list(fresh.events)
        assert tracker.current_state() == fresh.current_state()
    # Each read after a turn: that turn's four events; the fresh stores read all.
    assert counted_rows[0::2] == [4, 4, 4]
    assert counted_rows[1::2] == [len(fresh.events) - 8, len(fresh.events) - 4, len(fresh.events)]


async def test_rows_another_instance_stored_are_read(tmp_path):
    path = tmp_path / "delt.db"
    first, second = (RedactingSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{path}")
                     for _ in range(2))
    await _stored_conversation(first, "samtale")
    await first.retrieve("samtale")  # known to the first instance
    tracker = await second.retrieve("samtale")
    _turn(tracker, "hvem kan jeg ringe?", 40.0)
    await second.save(tracker)
    read_by_first = await first.retrieve("samtale")
    assert list(read_by_first.events) == list(tracker.events)
    assert read_by_first.latest_message.text == "hvem kan jeg ringe?"


async def test_a_new_session_is_read_from_its_start(stores, tmp_path):
    ours, _ = stores
    await _stored_conversation(ours, "samtale")
    tracker = await ours.retrieve("samtale")
    _new_session(tracker, 50.0)
    _turn(tracker, "hei igjen", 51.0)
    await ours.save(tracker)
    latest = await ours.retrieve("samtale")
    assert [e for e in latest.events if isinstance(e, SessionStarted)] == [SessionStarted(50.0)]
    assert list(latest.events) == list((await _fresh_read(tmp_path / "vår.db")).events)


async def test_deleted_rows_are_not_read_from_memory(stores, tmp_path):
    """The retention purge deletes a session's oldest rows first."""
    ours, _ = stores
    await _stored_conversation(ours, "samtale")
    await ours.retrieve("samtale")
    with sqlite3.connect(tmp_path / "vår.db") as connection:
        connection.execute("DELETE FROM events WHERE timestamp < 21")
    latest = await ours.retrieve("samtale")
    assert list(latest.events) == list((await _fresh_read(tmp_path / "vår.db")).events)
    with sqlite3.connect(tmp_path / "vår.db") as connection:
        connection.execute("DELETE FROM events")
    assert await ours.retrieve("samtale") is None


async def test_changes_to_a_tracker_read_do_not_reach_the_next_read(stores):
    ours, _ = stores
    await _stored_conversation(ours, "samtale")
    tracker = await ours.retrieve("samtale")
    as_stored = tracker.latest_message.use_text_for_featurization
    tracker.update(EntitiesAdded([{"entity": "rolle", "value": "lærer"}]))
    tracker.latest_message.use_text_for_featurization = not as_stored
    again = await ours.retrieve("samtale")
    assert again.latest_message.entities == []
    assert again.latest_message.use_text_for_featurization == as_stored


async def test_without_a_budget_every_read_reads_the_whole_session(tmp_path, counted_rows):
    store = RedactingSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{tmp_path / 'a.db'}",
                                     cached_events=0)
    await _stored_conversation(store, "samtale")
    counted_rows.clear()
    for _ in range(2):
        tracker = await store.retrieve("samtale")
    assert counted_rows == [len(tracker.events)] * 2
