import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.__main__ import main
from bot.safety.retention import SECONDS_PER_DAY, parse_days, purge_old_events
from bot.rasa_integration.tracker_store import RedactingSQLTrackerStore
from database_faults import read_only_database, write_lock_held

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOW = time.time()


async def save_conversation(store, sender_id: str, days_ago: float) -> None:
    timestamp = NOW - days_ago * SECONDS_PER_DAY
    tracker = DialogueStateTracker(sender_id, [])
    tracker.update(ActionExecuted("action_listen", timestamp=timestamp))
    tracker.update(UserUttered("hei", timestamp=timestamp))
    await store.save(tracker)


@pytest.fixture
async def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'samtaler.db'}"
    store = RedactingSQLTrackerStore(domain=Domain.empty(), host=url)
    await save_conversation(store, "gammel", days_ago=45)
    await save_conversation(store, "ny", days_ago=2)
    return url


async def test_old_conversations_are_deleted_and_new_ones_kept(database_url):
    report = purge_old_events(database_url, older_than_days=30, now=NOW)
    assert report.events_deleted == 2 and report.conversations_removed == 1
    store = RedactingSQLTrackerStore(domain=Domain.empty(), host=database_url)
    assert set(await store.keys()) == {"ny"}


async def test_cli_purges_with_default_database_url(database_url, monkeypatch):
    result = subprocess.run(
        [sys.executable, "-m", "bot", "purge", "--older-than", "30d"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
        env={"DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "Slettet 2 hendelser" in result.stdout


def test_empty_database_is_fine(tmp_path):
    report = purge_old_events(f"sqlite:///{tmp_path / 'tom.db'}")
    assert report.events_deleted == 0


@pytest.mark.parametrize("text, days", [("30d", 30), ("7", 7), (" 90d ", 90)])
def test_parse_days(text, days):
    assert parse_days(text) == days


def test_parse_days_rejects_other_units():
    with pytest.raises(ValueError):
        parse_days("2w")


# --- The scheduled purge (deploy/purge.*) fails loudly ---

def _purge_command(database_url: str, monkeypatch) -> int:
    monkeypatch.setenv("DATABASE_URL", database_url)
    return main(["purge", "--older-than", "30d"])


def test_purge_command_fails_when_the_database_file_is_missing(tmp_path, monkeypatch, capsys):
    assert _purge_command(f"sqlite:///{tmp_path / 'feil-sti.db'}", monkeypatch) == 1
    assert "Fant ikke databasefila" in capsys.readouterr().err
    assert not (tmp_path / "feil-sti.db").exists()


def test_purge_command_fails_on_a_database_without_conversations(tmp_path, monkeypatch, capsys):
    sqlite3.connect(tmp_path / "annen.db").close()
    assert _purge_command(f"sqlite:///{tmp_path / 'annen.db'}", monkeypatch) == 1
    assert "ingen samtaletabell" in capsys.readouterr().err


def test_purge_command_fails_on_a_locked_database(database_url, monkeypatch, capsys):
    with write_lock_held(Path(database_url[len("sqlite:///"):])):
        assert _purge_command(database_url, monkeypatch) == 1
    assert "locked" in capsys.readouterr().err


def test_purge_command_fails_on_a_read_only_database(database_url, monkeypatch, capsys):
    with read_only_database():
        assert _purge_command(database_url, monkeypatch) == 1
    assert "readonly" in capsys.readouterr().err


def test_purge_command_succeeds_and_says_what_it_deleted(database_url, monkeypatch, capsys):
    assert _purge_command(database_url, monkeypatch) == 0
    assert "Slettet 2 hendelser" in capsys.readouterr().out
