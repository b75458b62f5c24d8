"""A database fault stops the turn: never answered from memory, never lost unseen.

Before the fix, with the database locked for 35 s, Rasa logged «Falling back to use
the 'InMemoryTrackerStore'» and the message was lost; with a read-only
database users got answers and nothing was stored."""

import time

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.platform.database import DATABASE_WAIT_SECONDS
from bot.platform.relay_faults import FAILED, FAULT_KEY, NOT_STORED
from bot.rasa_integration.rest_channel import handle_reporting_faults
from bot.rasa_integration.tracker_store import (ConversationNotStored, NoFallbackTrackerStore,
                                                RedactingSQLTrackerStore)
from bot.web.rasa_client import DEFAULT_TIMEOUT_SECONDS
from database_faults import full_disk, read_only_database, write_lock_held

SENDER = "feil-i-databasen-01"


@pytest.fixture
def database(tmp_path):
    return tmp_path / "samtaler.db"


@pytest.fixture(autouse=True)
def no_fallback_store(monkeypatch):
    """As bot/rasa_integration/patches.py installs it in the Rasa server."""
    import rasa.core.agent

    monkeypatch.setattr(rasa.core.agent, "FailSafeTrackerStore", NoFallbackTrackerStore)


async def _store_as_rasa_builds_it(database):
    """The tracker store as Rasa's Agent wraps it, after our launcher ran."""
    store = RedactingSQLTrackerStore(domain=Domain.empty(), host=f"sqlite:///{database}")
    wrapped = Agent._create_tracker_store(store, Domain.empty())
    tracker = DialogueStateTracker(SENDER, [])
    tracker.update(UserUttered("hei"))
    await wrapped.save(tracker)  # the conversation so far is stored
    return store, wrapped


async def _next_turn(wrapped) -> DialogueStateTracker:
    tracker = await wrapped.retrieve(SENDER)
    tracker.update(UserUttered("jeg er bekymret for en elev"))
    return tracker


def _stored_texts(database):
    import sqlite3
    with sqlite3.connect(database) as connection:
        return [row[0] for row in connection.execute(
            "SELECT json_extract(data, '$.text') FROM events WHERE type_name = 'user'")]


async def test_a_locked_database_fails_the_turn_in_time_instead_of_saving_to_memory(database):
    store, wrapped = await _store_as_rasa_builds_it(database)
    tracker = await _next_turn(wrapped)
    with write_lock_held(database):
        started = time.monotonic()
        with pytest.raises(ConversationNotStored):
            await wrapped.save(tracker)
        waited = time.monotonic() - started
    assert waited < DATABASE_WAIT_SECONDS + 2
    # A turn reads and writes once: both waits end before the web server gives up.
    assert 2 * DATABASE_WAIT_SECONDS < DEFAULT_TIMEOUT_SECONDS
    assert _stored_texts(database) == ["hei"]
    # Once the lock is gone the user's resent message is stored, once.
    await wrapped.save(await _next_turn(wrapped))
    assert _stored_texts(database) == ["hei", "jeg er bekymret for en elev"]


async def test_a_read_only_database_fails_the_turn_instead_of_answering_unstored(database):
    store, wrapped = await _store_as_rasa_builds_it(database)
    tracker = await _next_turn(wrapped)
    with read_only_database():
        store.engine.dispose()  # the connections opened from now on are read-only
        with pytest.raises(ConversationNotStored, match="readonly"):
            await wrapped.save(tracker)
    assert _stored_texts(database) == ["hei"]


async def test_a_full_disk_fails_the_turn_instead_of_saving_to_memory(database):
    store, wrapped = await _store_as_rasa_builds_it(database)
    tracker = await _next_turn(wrapped)
    with full_disk():
        with pytest.raises(ConversationNotStored, match="disk is full"):
            await wrapped.save(tracker)
    assert _stored_texts(database) == ["hei"]


async def test_a_conversation_that_cannot_be_read_is_not_started_afresh(database):
    store, wrapped = await _store_as_rasa_builds_it(database)
    database.unlink()
    (database.parent / "samtaler.db").mkdir()  # the path is there, the database is not
    store.engine.dispose()
    with pytest.raises(ConversationNotStored):
        await wrapped.retrieve(SENDER)


async def _send_then_fail(error: Exception):
    async def handle(message: UserMessage) -> None:
        await message.output_channel.send_text_message(message.sender_id, "Et svar som ikke ble lagret")
        raise error

    output = CollectingOutputChannel()
    await handle_reporting_faults(UserMessage("hei", output, SENDER), handle)
    return output.messages


async def test_the_rest_channel_reports_an_unstored_turn_instead_of_its_answer():
    assert await _send_then_fail(ConversationNotStored("saving failed")) == [
        {"recipient_id": SENDER, "custom": {FAULT_KEY: NOT_STORED}}]


async def test_the_rest_channel_reports_any_other_failure_as_failed():
    assert await _send_then_fail(RuntimeError("lock error")) == [
        {"recipient_id": SENDER, "custom": {FAULT_KEY: FAILED}}]
