"""/api/chat: relay to Rasa's REST channel, input checks and the Rasa-down reply."""

import asyncio
import dataclasses

from aiohttp import web

from bot.web.app import create_app
from bot.web.rasa_client import RASA_DOWN_REPLY, RasaClient
from web_fakes import SENDER


async def test_relays_message_and_returns_text_buttons_and_topic(client, fake_rasa):
    fake_rasa.reply = [
        {"recipient_id": SENDER, "text": "Hva gjelder bekymringen?",
         "buttons": [{"title": "Vold", "payload": "/tema_vold"},
                     {"title": "Omsorgssvikt", "payload": "/tema_omsorgssvikt"}]},
        {"recipient_id": SENDER, "custom": {"topic": "tema_vold", "ignored": 1}, "text": "Les mer."},
        {"recipient_id": SENDER, "image": "https://example.invalid/x.png"},
    ]

    response = await client.post("/api/chat", json={"sender": SENDER, "message": "  hei  "})

    assert response.status == 200
    assert fake_rasa.received == [{"sender": SENDER, "message": "hei"}]
    assert await response.json() == {"messages": [
        {"text": "Hva gjelder bekymringen?",
         "buttons": [{"title": "Vold", "payload": "/tema_vold"},
                     {"title": "Omsorgssvikt", "payload": "/tema_omsorgssvikt"}]},
        {"text": "Les mer.", "topic": "tema_vold"},
    ]}


async def test_message_over_the_size_limit_goes_whole_to_rasa_with_a_notice(
        client, fake_rasa, settings):
    # Acute words at the very end must reach Rasa's acute-danger check.
    too_long = "ord " * 5_000 + "pappa slår meg"  # over 20 000 characters

    response = await client.post("/api/chat", json={"sender": SENDER, "message": too_long})

    assert response.status == 200
    messages = (await response.json())["messages"]
    assert f"over {settings.message_max_chars} tegn" in messages[0]["text"]
    assert messages[1]["text"] == "Hei! Hva gjelder det?"
    assert fake_rasa.received[0]["message"].endswith("pappa slår meg")


async def test_message_at_the_size_limit_is_relayed(client, fake_rasa, settings):
    response = await client.post(
        "/api/chat", json={"sender": SENDER, "message": "a" * settings.message_max_chars})

    assert response.status == 200
    assert len(fake_rasa.received) == 1


async def test_oversized_request_body_gets_norwegian_413(client, fake_rasa):
    response = await client.post(
        "/api/chat", data=b'{"message": "' + b"a" * 200_000 + b'"}',
        headers={"Content-Type": "application/json"})

    assert response.status == 413
    assert (await response.json())["error"].startswith("Meldingen er for lang")
    assert fake_rasa.received == []


async def test_bad_requests_get_norwegian_errors(client, fake_rasa):
    cases = [
        ({"json": {"sender": SENDER, "message": "   "}}, 400, "Skriv en melding"),
        ({"json": {"sender": "a b", "message": "hei"}}, 400, "økt"),
        ({"json": {"message": "hei"}}, 400, "økt"),
        ({"json": ["hei"]}, 400, "forsto ikke"),
        ({"data": b"{not json", "headers": {"Content-Type": "application/json"}}, 400, "forsto ikke"),
        ({"data": b"message=hei", "headers": {"Content-Type": "text/plain"}}, 415, "JSON"),
    ]
    for request, status, text in cases:
        response = await client.post("/api/chat", **request)
        assert response.status == status, request
        assert text in (await response.json())["error"], request
    assert fake_rasa.received == []


async def test_rasa_down_gives_the_norwegian_reply(aiohttp_client, base_settings):
    client = await aiohttp_client(create_app(base_settings))  # Rasa port is closed

    response = await client.post("/api/chat", json={"sender": SENDER, "message": "hei"})

    assert response.status == 503
    assert await response.json() == {"error": RASA_DOWN_REPLY}


async def test_rasa_error_status_gives_the_norwegian_reply(client, fake_rasa):
    fake_rasa.status = 500
    fake_rasa.reply = {"error": "Traceback (most recent call last): ..."}

    response = await client.post("/api/chat", json={"sender": SENDER, "message": "hei"})

    assert response.status == 503
    assert await response.json() == {"error": RASA_DOWN_REPLY}


async def test_slow_rasa_times_out_with_the_norwegian_reply(aiohttp_client, aiohttp_server, settings):
    async def never_in_time(request):
        await asyncio.sleep(5)
        return web.json_response([])

    slow = web.Application()
    slow.router.add_post("/webhooks/rest/webhook", never_in_time)
    slow_server = await aiohttp_server(slow)
    slow_settings = dataclasses.replace(settings, rasa_port=slow_server.port)
    client = await aiohttp_client(
        create_app(slow_settings, rasa_client=RasaClient(slow_settings.rasa_url, timeout_seconds=0.2)))

    response = await client.post("/api/chat", json={"sender": SENDER, "message": "hei"})

    assert response.status == 503
    assert await response.json() == {"error": RASA_DOWN_REPLY}


async def test_crash_gives_norwegian_500_without_stack_trace(aiohttp_client, settings):
    class BrokenRasaClient(RasaClient):
        async def send(self, sender, message):
            raise RuntimeError("secret internal detail")

    client = await aiohttp_client(
        create_app(settings, rasa_client=BrokenRasaClient(settings.rasa_url)))

    response = await client.post("/api/chat", json={"sender": SENDER, "message": "hei"})

    body = await response.text()
    assert response.status == 500
    assert "Noe gikk galt hos oss" in body
    assert "secret internal detail" not in body and "Traceback" not in body
