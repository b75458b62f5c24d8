"""One wiring (issue 18): the Rasa processes `python -m bot run` starts take
messages through our channel and their locks through our Redis lock store,
as in production; only addresses, from the environment, differ."""

from pathlib import Path

import pytest
import yaml
from rasa.core.lock_store import LockStore
from rasa.core.run import create_http_input_channels
from rasa.utils.endpoints import read_endpoint_config

from bot.platform.settings import LOOPBACK, PROJECT_ROOT, Settings
from bot.rasa_integration.lock_store import RenewingRedisLockStore
from bot.rasa_integration.rest_channel import ResendableRestInput
from bot.servers.supervisor import build_services, service_environment

PRODUCTION_REDIS = "redis.kommune.internal"


def settings(tmp_path: Path, **changes) -> Settings:
    return Settings(rasa_port=25001, action_port=25011, web_port=25021,
                    database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
                    model_path=tmp_path / "model", knowledge_dir=tmp_path, rasa_processes=2,
                    **changes)


def option(command, name: str) -> str:
    return command[command.index(name) + 1]


def test_every_rasa_process_uses_our_channel_and_lock_store(tmp_path, monkeypatch):
    configured = settings(tmp_path)
    for name, value in service_environment(configured).items():
        monkeypatch.setenv(name, value)
    rasa_services = [s for s in build_services(configured) if s.name.startswith("rasa")]
    assert len(rasa_services) == 2
    for service in rasa_services:
        endpoints = str(PROJECT_ROOT / option(service.command, "--endpoints"))
        credentials = str(PROJECT_ROOT / option(service.command, "--credentials"))
        lock_store = LockStore.create(read_endpoint_config(endpoints, "lock_store"))
        assert isinstance(lock_store, RenewingRedisLockStore)
        assert lock_store.red.connection_pool.connection_kwargs["port"] == configured.redis_port
        assert [type(c) for c in create_http_input_channels(None, credentials)] == [
            ResendableRestInput]


def test_without_a_redis_host_bot_run_starts_the_redis_its_rasa_processes_use(tmp_path):
    configured = settings(tmp_path, redis_port=25031)
    environment = service_environment(configured)
    [lock_server] = [s for s in build_services(configured) if s.name == "lock-server"]
    assert option(lock_server.command, "--port") == environment["REDIS_PORT"] == "25031"
    assert environment["REDIS_HOST"] == LOOPBACK
    assert lock_server.health_url == f"redis://{LOOPBACK}:25031"


def test_with_a_redis_host_bot_run_uses_it_and_starts_none(tmp_path):
    configured = settings(tmp_path, redis_host=PRODUCTION_REDIS, redis_port=6379)
    assert "lock-server" not in [s.name for s in build_services(configured)]
    assert service_environment(configured)["REDIS_HOST"] == PRODUCTION_REDIS


@pytest.mark.parametrize("redis_host, port", [("", 6380), (PRODUCTION_REDIS, 6379)])
def test_the_redis_port_defaults_to_redis_own_only_for_a_redis_named(monkeypatch, redis_host,
                                                                     port):
    # The local one keeps clear of a Redis already running on the machine.
    monkeypatch.setenv("REDIS_HOST", redis_host)
    monkeypatch.delenv("REDIS_PORT", raising=False)
    assert Settings.from_env().redis_port == port


def unexpanded(path: str):
    """The file as written, ${...} left as they are."""
    return yaml.load((PROJECT_ROOT / path).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


@pytest.mark.parametrize("local, production", [
    ("endpoints.yml", "deploy/endpoints.production.yml"),
    ("credentials.yml", "deploy/credentials.production.yml"),
])
def test_local_and_production_files_differ_only_in_comments(local, production):
    assert unexpanded(local) == unexpanded(production)

