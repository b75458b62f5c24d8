"""Names learnt in a conversation: shared by every process, stored only as keyed hashes."""

import stat
import time
from pathlib import Path

import pytest

from bot.safety.name_memory import (KEY_ENV, KEY_FILE_ENV, NameHasher, NameKeyError, NameMemory,
                                    name_hash_key)
from bot.safety.redaction import Redactor
from bot.safety.retention import SECONDS_PER_DAY, purge_old_events

KEY = b"en-hemmelig-nokkel-som-er-lang-nok-0123"


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'samtaler.db'}"


def test_a_name_learnt_in_one_process_is_known_in_another(database_url):
    web_server, rasa = NameMemory.for_database(database_url), NameMemory.for_database(database_url)
    for memory in (web_server, rasa):
        memory._hasher = NameHasher(KEY)
    web_server.learn("samtale-1", Redactor().names_in("jenta heter Ingrid"))

    known = rasa.recall("samtale-1")
    assert Redactor().redact("Ingrid gråter hver dag", known).text == "[NAVN] gråter hver dag"
    assert "Ingrid" not in rasa.recall("samtale-2")  # another conversation knows nothing


def test_the_database_holds_hashes_only(database_url, tmp_path):
    memory = NameMemory.for_database(database_url)
    memory.learn("samtale-1", {"Ingrid", "Solberg"})
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("samtaler.db*"))
    assert b"Ingrid" not in stored and b"ingrid" not in stored and b"Solberg" not in stored
    assert len(memory.recall("samtale-1").hashes) == 2


def test_the_same_name_hashes_differently_in_two_conversations():
    hasher = NameHasher(KEY)
    assert hasher.hash("samtale-1", "Ingrid") != hasher.hash("samtale-2", "Ingrid")
    assert hasher.hash("samtale-1", "Ingrid") == hasher.hash("samtale-1", "INGRID")
    assert NameHasher(b"x" * 32).hash("samtale-1", "Ingrid") != hasher.hash("samtale-1", "Ingrid")


def test_without_a_configured_key_one_is_made_once_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    key_file = tmp_path / "var" / "name-hash.key"
    monkeypatch.setenv(KEY_FILE_ENV, str(key_file))
    first = name_hash_key()
    assert name_hash_key() == first and len(first) >= 32
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_a_configured_key_wins_and_a_short_one_stops_the_start(monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY.decode())
    assert name_hash_key() == KEY
    monkeypatch.setenv(KEY_ENV, "for-kort")
    with pytest.raises(NameKeyError, match="minst 32 tegn"):
        name_hash_key()


def test_the_retention_purge_forgets_old_names(database_url):
    memory = NameMemory.for_database(database_url)
    memory.learn("samtale-1", {"Ingrid"})
    purge_old_events(database_url, older_than_days=30)
    assert memory.recall("samtale-1")
    purge_old_events(database_url, older_than_days=30, now=time.time() + 31 * SECONDS_PER_DAY)
    assert not memory.recall("samtale-1")
