"""Hostile or broken requests get a short Norwegian answer, never a crash or a stall."""

import asyncio

from bot.web.rasa_client import RASA_DOWN_REPLY
from bot.web.security import SECURITY_HEADERS
from web_fakes import SENDER


async def test_deeply_nested_json_gives_400_not_500(client, fake_rasa):
    body = '{"sender": "' + SENDER + '", "message": ' + "[" * 30_000 + "]" * 30_000 + "}"
    response = await client.post("/api/chat", data=body,
                                 headers={"Content-Type": "application/json"})
    assert response.status == 400
    assert "forsto ikke" in (await response.json())["error"]
    assert fake_rasa.received == []


async def test_a_sender_with_a_trailing_newline_is_refused(client, fake_rasa):
    response = await client.post("/api/chat", json={"sender": SENDER + "\n", "message": "hei"})
    assert response.status == 400
    assert fake_rasa.received == []


async def test_no_server_header_names_aiohttp(client):
    for response in (await client.get("/"), await client.get("/finnes-ikke"),
                     await client.get("/healthz")):
        assert "aiohttp" not in response.headers.get("Server", "")
        assert "Python" not in response.headers.get("Server", "")


async def test_a_forbidden_static_path_does_not_blame_the_web_page(client):
    # A folder under /static/ is refused (no listing) with 403.
    response = await client.get("/static/")
    assert response.status in (403, 404)
    error = (await response.json())["error"]
    assert "nettsiden har ikke tilgang til chatten" not in error
    assert response.headers["X-Content-Type-Options"] == SECURITY_HEADERS["X-Content-Type-Options"]


def test_the_outage_message_names_112_and_113():
    assert "112" in RASA_DOWN_REPLY and "113" in RASA_DOWN_REPLY


async def test_a_body_that_never_arrives_is_given_up(client, monkeypatch):
    monkeypatch.setattr("bot.web.app.BODY_READ_TIMEOUT_SECONDS", 0.2)

    async def trickle():
        yield b'{"sender": "'
        await asyncio.sleep(5)
        yield b'"}'

    response = await asyncio.wait_for(client.post(
        "/api/chat", data=trickle(), headers={"Content-Type": "application/json"}), 3)
    assert response.status == 408
    assert "Prøv igjen" in (await response.json())["error"]
