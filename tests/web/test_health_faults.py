"""/healthz names the failing component and checks the database can be written;
a message Rasa could not store gets a Norwegian answer to send it again."""

import dataclasses
from pathlib import Path

import pytest

from bot.platform.relay_faults import FAILED, FAULT_KEY, NOT_STORED
from bot.web.app import create_app
from bot.web.rasa_client import NOT_STORED_REPLY, RASA_DOWN_REPLY
from database_faults import full_disk, read_only_database, write_lock_held
from web_fakes import SENDER


def _database_file(settings) -> Path:
    return Path(settings.database_url[len("sqlite:///"):])


async def _healthz(client):
    response = await client.get("/healthz")
    return response.status, await response.json()


async def test_a_locked_database_is_named_not_rasa(client, settings):
    assert (await _healthz(client))[0] == 200  # creates the database file
    with write_lock_held(_database_file(settings)):
        status, body = await _healthz(client)
    assert status == 503
    assert body["components"] == {"rasa": "ok", "action_server": "ok", "database": "feil"}
    assert body["problems"] == {"database": "låst"}


async def test_a_read_only_database_is_not_ok(client):
    assert (await _healthz(client))[0] == 200
    with read_only_database():
        status, body = await _healthz(client)
    assert status == 503
    assert body["problems"] == {"database": "skrivebeskyttet"}


async def test_a_full_disk_is_not_ok(client):
    with full_disk():
        status, body = await _healthz(client)
    assert status == 503
    assert body["problems"] == {"database": "full"}


async def test_a_missing_database_folder_is_unreachable(aiohttp_client, settings, tmp_path):
    unreachable = f"sqlite:///{tmp_path / 'mangler' / 'mappe' / 'web.db'}"
    client = await aiohttp_client(create_app(dataclasses.replace(settings, database_url=unreachable)))
    status, body = await _healthz(client)
    assert (status, body["problems"]) == (503, {"database": "utilgjengelig"})


async def test_an_unstored_message_asks_the_user_to_send_it_again(client, fake_rasa):
    fake_rasa.reply = [{"recipient_id": SENDER, "custom": {FAULT_KEY: NOT_STORED}}]
    response = await client.post("/api/chat", json={"sender": SENDER, "message": "hei"})
    assert response.status == 503
    assert await response.json() == {"error": NOT_STORED_REPLY}
    assert "igjen" in NOT_STORED_REPLY and "112" in NOT_STORED_REPLY


@pytest.mark.parametrize("reply", [
    [{"recipient_id": SENDER, "custom": {FAULT_KEY: FAILED}}],
    # Half an answer and then the fault: the half is not shown.
    [{"recipient_id": SENDER, "text": "Hei!"}, {"recipient_id": SENDER,
                                                "custom": {FAULT_KEY: FAILED}}],
])
async def test_a_failed_turn_is_rasa_unavailable(client, fake_rasa, reply):
    fake_rasa.reply = reply
    response = await client.post("/api/chat", json={"sender": SENDER, "message": "hei"})
    assert (response.status, await response.json()) == (503, {"error": RASA_DOWN_REPLY})
