import os
from datetime import datetime

import pytest

from bot.platform.settings import PROJECT_ROOT, Settings


def test_defaults_are_local(monkeypatch):
    for name in ("RASA_PORT", "ACTION_PORT", "WEB_PORT", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings.from_env()
    assert (settings.rasa_port, settings.action_port, settings.web_port) == (5005, 5055, 8080)
    assert settings.database_url.startswith("sqlite:///")
    assert settings.web_url == "http://127.0.0.1:8080"


def test_default_paths_are_in_the_project(monkeypatch):
    """The default database, model and knowledge lie beside bot/, not inside it."""
    monkeypatch.delenv("KNOWLEDGE_DIR", raising=False)
    assert (PROJECT_ROOT / "bot").is_dir() and (PROJECT_ROOT / "knowledge").is_dir()
    settings = Settings.from_env()
    assert settings.knowledge_dir == PROJECT_ROOT / "knowledge"


def test_ports_and_database_come_from_environment(monkeypatch):
    monkeypatch.setenv("RASA_PORT", "6005")
    monkeypatch.setenv("WEB_PORT", "9090")
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot@localhost/bot")
    settings = Settings.from_env()
    assert settings.rasa_url == "http://127.0.0.1:6005"
    assert settings.web_port == 9090
    assert settings.database_url == "postgresql://bot@localhost/bot"


@pytest.mark.parametrize("value", ["abc", "0", "70000"])
def test_bad_port_gives_norwegian_message(monkeypatch, value):
    monkeypatch.setenv("WEB_PORT", value)
    with pytest.raises(SystemExit, match="WEB_PORT"):
        Settings.from_env()


def test_knowledge_intervals_default_to_well_under_a_second(monkeypatch):
    for name in ("KNOWLEDGE_POLL_SECONDS", "KNOWLEDGE_CHECK_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings.from_env()
    assert 0 < settings.knowledge_poll_seconds < 1 and 0 < settings.knowledge_check_seconds < 1


def test_knowledge_intervals_come_from_environment(monkeypatch):
    monkeypatch.setenv("KNOWLEDGE_POLL_SECONDS", "0,5")
    monkeypatch.setenv("KNOWLEDGE_CHECK_SECONDS", "2")
    settings = Settings.from_env()
    assert (settings.knowledge_poll_seconds, settings.knowledge_check_seconds) == (0.5, 2.0)


@pytest.mark.parametrize("value", ["snart", "0", "-1", "nan", "inf"])
def test_bad_interval_gives_norwegian_message(monkeypatch, value):
    monkeypatch.setenv("KNOWLEDGE_CHECK_SECONDS", value)
    with pytest.raises(SystemExit, match="KNOWLEDGE_CHECK_SECONDS må være et positivt antall"):
        Settings.from_env()


def test_rasa_processes_use_both_cores_of_a_small_server(monkeypatch):
    monkeypatch.delenv("RASA_PROCESSES", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    assert Settings.from_env().rasa_processes == 2
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert Settings.from_env().rasa_processes == 1


def test_rasa_processes_get_the_ports_after_rasa_port(monkeypatch):
    monkeypatch.setenv("RASA_PORT", "6005")
    monkeypatch.setenv("RASA_PROCESSES", "3")
    assert Settings.from_env().started_rasa_ports == (6005, 6006, 6007)


def test_rasa_processes_are_spread_by_the_web_server(monkeypatch):
    from bot.servers.supervisor import build_services, service_environment

    monkeypatch.setenv("RASA_PORT", "6005")
    monkeypatch.setenv("RASA_PROCESSES", "2")
    settings = Settings.from_env()
    assert service_environment(settings)["RASA_URLS"] == \
        "http://127.0.0.1:6005,http://127.0.0.1:6006"
    rasa = [s for s in build_services(settings) if s.name.startswith("rasa")]
    assert [s.health_url for s in rasa] == ["http://127.0.0.1:6005/", "http://127.0.0.1:6006/"]


@pytest.mark.parametrize("value", ["0", "9", "to"])
def test_bad_rasa_process_count_gives_norwegian_message(monkeypatch, value):
    monkeypatch.setenv("RASA_PROCESSES", value)
    with pytest.raises(SystemExit, match="RASA_PROCESSES"):
        Settings.from_env()


def test_the_clock_follows_the_machine_unless_fixed(monkeypatch):
    monkeypatch.delenv("ASSISTANT_CLOCK", raising=False)
    assert Settings.from_env().fixed_local_time is None
    monkeypatch.setenv("ASSISTANT_CLOCK", "2026-11-23T10:00")
    assert Settings.from_env().fixed_local_time == datetime(2026, 11, 23, 10, 0)


@pytest.mark.parametrize("value", ["mandag 10", "2026-11-23T10:00+01:00", "2026-13-01T10:00"])
def test_a_bad_clock_gives_norwegian_message(monkeypatch, value):
    monkeypatch.setenv("ASSISTANT_CLOCK", value)
    with pytest.raises(SystemExit, match="ASSISTANT_CLOCK må være en lokal dato og tid"):
        Settings.from_env()
