"""The web server reaches Rasa and the action server as configured in deploy/."""

import dataclasses

from bot.platform.settings import Settings
from bot.web.app import create_app
from web_fakes import SENDER, closed_port


async def test_every_message_to_rasa_carries_the_shared_secret(aiohttp_client, settings, fake_rasa):
    client = await aiohttp_client(create_app(dataclasses.replace(
        settings, rasa_shared_secret="delt-hemmelighet-123")))
    await client.post("/api/chat", json={"sender": SENDER, "message": "hei"})
    assert fake_rasa.authorizations == ["Bearer delt-hemmelighet-123"]


async def test_healthz_checks_the_configured_action_server_not_loopback(
        aiohttp_client, settings, fake_rasa):
    # The action server is on another host; nothing listens on ACTION_PORT here.
    elsewhere = dataclasses.replace(settings, action_port=closed_port(),
                                    action_server_url=str(fake_rasa.server.make_url("")).rstrip("/"))
    client = await aiohttp_client(create_app(elsewhere))
    body = await (await client.get("/healthz")).json()
    assert body["components"]["action_server"] == "ok"


def test_secret_and_action_server_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("RASA_SHARED_SECRET", " s3cret ")
    monkeypatch.setenv("ACTION_SERVER_URL", "http://actions.kommune.internal:5055/")
    settings = Settings.from_env()
    assert settings.rasa_shared_secret == "s3cret"
    assert settings.action_url == "http://actions.kommune.internal:5055"
    monkeypatch.delenv("ACTION_SERVER_URL")
    monkeypatch.setenv("ACTION_PORT", "5056")
    assert Settings.from_env().action_url == "http://127.0.0.1:5056"
