"""Fixtures: a fake Rasa on loopback and our web app started against it."""

import dataclasses
from pathlib import Path

import pytest

from bot.platform.settings import Settings
from bot.web.app import create_app
from web_fakes import FakeRasa, closed_port


@pytest.fixture
async def fake_rasa(aiohttp_server):
    fake = FakeRasa()
    fake.server = await aiohttp_server(fake.app())
    return fake


@pytest.fixture
def base_settings(tmp_path: Path) -> Settings:
    port = closed_port()
    return Settings(
        rasa_port=port,
        action_port=port,
        web_port=8080,
        database_url=f"sqlite:///{tmp_path / 'web.db'}",
        model_path=tmp_path / "model.tar.gz",
        knowledge_dir=tmp_path,
        cors_origins=("https://intranett.kommune.example",),
        message_max_chars=200,
        rate_limit_per_minute=60,
        rate_limit_burst=100,
    )


@pytest.fixture
def settings(base_settings: Settings, fake_rasa: FakeRasa) -> Settings:
    port = fake_rasa.server.port
    return dataclasses.replace(base_settings, rasa_port=port, action_port=port)


@pytest.fixture
async def client(aiohttp_client, settings):
    return await aiohttp_client(create_app(settings))
