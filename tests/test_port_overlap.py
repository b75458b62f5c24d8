"""`python -m bot run` refuses ports that overlap before it starts anything: the Rasa processes
take RASA_PORT and the RASA_PROCESSES-1 ports after it, so RASA_PORT=5400 with ACTION_PORT=5401
and two Rasa processes would start two services on port 5401."""

import os
import subprocess
import sys

import pytest

from bot.platform.settings import PROJECT_ROOT, Settings

PORT_VARIABLES = ("RASA_PORT", "RASA_PROCESSES", "ACTION_PORT", "WEB_PORT", "REDIS_HOST", "REDIS_PORT")


@pytest.fixture
def ports(monkeypatch):
    """Sets the port variables given, and leaves the others at their defaults."""
    for name in PORT_VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def settings(**values) -> Settings:
        for name, value in values.items():
            monkeypatch.setenv(name, str(value))
        return Settings.from_env()
    return settings


def refusal(settings: Settings) -> str:
    with pytest.raises(SystemExit) as stopped:
        settings.refuse_overlapping_ports()
    return str(stopped.value.code)


def test_the_action_port_inside_the_rasa_range_is_refused_naming_the_variables(ports):
    message = refusal(ports(RASA_PORT=5400, ACTION_PORT=5401, RASA_PROCESSES=2))
    assert "RASA_PORT=5400" in message and "RASA_PROCESSES=2" in message and "5400–5401" in message
    assert "ACTION_PORT=5401" in message and "port 5401" in message


def test_the_same_ports_are_fine_with_one_rasa_process(ports):
    ports(RASA_PORT=5400, ACTION_PORT=5401, RASA_PROCESSES=1).refuse_overlapping_ports()


@pytest.mark.parametrize("values, named", [
    ({"WEB_PORT": 5005}, ("RASA_PORT=5005", "WEB_PORT=5005")),
    ({"ACTION_PORT": 8080}, ("ACTION_PORT=8080", "WEB_PORT=8080")),
    ({"REDIS_PORT": 5055}, ("ACTION_PORT=5055", "REDIS_PORT=5055")),
    ({"REDIS_PORT": 5006, "RASA_PROCESSES": 2}, ("RASA_PORT=5005", "REDIS_PORT=5006")),
])
def test_any_two_services_on_one_port_are_refused(ports, values, named):
    message = refusal(ports(**values))
    assert all(name in message for name in named)


def test_every_overlap_is_named_at_once(ports):
    message = refusal(ports(RASA_PORT=5400, ACTION_PORT=5401, RASA_PROCESSES=2, WEB_PORT=6380))
    assert "ACTION_PORT=5401" in message and "WEB_PORT=6380 og REDIS_PORT=6380" in message


def test_a_redis_on_another_machine_shares_no_port_with_the_services_here(ports):
    ports(REDIS_HOST="redis.kommune.no", REDIS_PORT=8080).refuse_overlapping_ports()
    assert "REDIS_PORT=8080" in refusal(ports(REDIS_HOST="localhost", REDIS_PORT=8080))


def test_rasa_ports_past_the_last_port_are_refused(ports):
    assert "65535–65536" in refusal(ports(RASA_PORT=65535, RASA_PROCESSES=2, WEB_PORT=8081))


def test_the_default_ports_do_not_overlap(ports):
    for processes in range(1, 9):
        ports(RASA_PROCESSES=processes).refuse_overlapping_ports()


def test_bot_run_refuses_before_it_starts_anything(tmp_path):
    """A clear Norwegian message, no stack trace, and nothing created: not even the database."""
    database = tmp_path / "assistent.db"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "DATABASE_URL": f"sqlite:///{database}",
           "RASA_PORT": "5400", "ACTION_PORT": "5401", "RASA_PROCESSES": "2", "WEB_PORT": "8401",
           "REDIS_PORT": "6401", "MODEL_PATH": str(tmp_path / "ingen-modell.tar.gz")}
    env.pop("REDIS_HOST", None)
    done = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "To tjenester kan ikke bruke samme port" in done.stderr and "ACTION_PORT=5401" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert not database.exists()
