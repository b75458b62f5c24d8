"""Edits in knowledge/ go live through the watcher; broken edits never do."""

import shutil

import pytest

from bot.knowledge import watcher as content_watcher
from bot.knowledge.watcher import ContentWatcher
from bot.knowledge.store import LoadStatus, stored_state
from bot.platform.settings import PROJECT_ROOT
from bot.servers.supervisor import load_knowledge

SERVICES_FILE = "tjenester-lokale.yml"


@pytest.fixture
def content(tmp_path):
    directory = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", directory)
    return directory


@pytest.fixture
def database(tmp_path):
    return f"sqlite:///{tmp_path / 'kb.db'}"


def break_opening_hours(directory):
    path = directory / SERVICES_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("mandag: 08:00–15:30", "mandag: 08:00–25:00", 1), encoding="utf-8")
    return text


def test_edit_is_loaded_once_and_reported(content, database):
    messages = []
    watcher = ContentWatcher(content, database, report=messages.append)

    assert watcher.poll_once().status is LoadStatus.LOADED
    assert watcher.poll_once().status is LoadStatus.UNCHANGED
    assert len(messages) == 1 and "versjon 1" in messages[0]

    path = content / SERVICES_FILE
    path.write_text(path.read_text(encoding="utf-8") + "\n# endret\n", encoding="utf-8")
    assert watcher.poll_once().status is LoadStatus.LOADED
    assert stored_state(database)[0] == 2


def test_broken_edit_keeps_old_content_and_is_reported_once(content, database):
    messages = []
    watcher = ContentWatcher(content, database, report=messages.append)
    watcher.poll_once()
    original = break_opening_hours(content)

    assert watcher.poll_once().status is LoadStatus.INVALID
    assert watcher.poll_once().status is LoadStatus.INVALID
    invalid_reports = [m for m in messages if "IKKE lastet" in m]
    assert len(invalid_reports) == 1
    assert SERVICES_FILE in invalid_reports[0] and "25:00" in invalid_reports[0]
    assert stored_state(database)[0] == 1

    # Undoing the mistake brings back exactly what is stored: nothing to load.
    (content / SERVICES_FILE).write_text(original, encoding="utf-8")
    assert watcher.poll_once().status is LoadStatus.UNCHANGED


def test_background_thread_picks_up_an_edit(content, database):
    import time

    watcher = ContentWatcher(content, database, interval_seconds=0.05, report=lambda m: None)
    watcher.poll_once()
    watcher.start()
    try:
        path = content / SERVICES_FILE
        path.write_text(path.read_text(encoding="utf-8") + "\n# endret\n", encoding="utf-8")
        deadline = time.monotonic() + 5
        while stored_state(database)[0] < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert stored_state(database)[0] == 2
    finally:
        watcher.stop()


def test_start_refuses_broken_content_when_nothing_is_loaded(content, database, capsys):
    break_opening_hours(content)
    watcher = ContentWatcher(content, database, report=print)
    assert load_knowledge(watcher) is False
    assert "kan ikke lastes" in capsys.readouterr().err


def test_start_keeps_running_on_old_content_after_a_broken_edit(content, database):
    watcher = ContentWatcher(content, database, report=lambda m: None)
    assert load_knowledge(watcher) is True
    break_opening_hours(content)
    assert load_knowledge(watcher) is True


@pytest.fixture
def counted_polls(monkeypatch):
    """Counts the full polls (reading and fingerprinting every file)."""
    polls = []
    real = content_watcher.load_if_changed

    def counting(*args):
        polls.append(args)
        return real(*args)

    monkeypatch.setattr(content_watcher, "load_if_changed", counting)
    return polls


def test_frequent_check_reads_the_files_only_when_one_was_saved_added_or_removed(
        content, database, counted_polls):
    watcher = ContentWatcher(content, database, report=lambda m: None)
    assert watcher.poll_if_touched().status is LoadStatus.LOADED
    assert watcher.poll_if_touched() is None
    assert len(counted_polls) == 1

    path = content / SERVICES_FILE
    path.write_text(path.read_text(encoding="utf-8") + "\n# endret\n", encoding="utf-8")
    assert watcher.poll_if_touched().status is LoadStatus.LOADED
    (content / "notat.yml").write_text("# bare en kommentar\n", encoding="utf-8")
    assert watcher.poll_if_touched().status is LoadStatus.LOADED
    (content / "notat.yml").unlink()
    assert watcher.poll_if_touched().status is LoadStatus.LOADED
    assert watcher.poll_if_touched() is None
    assert len(counted_polls) == 4 and stored_state(database)[0] == 4


def test_frequent_check_tries_again_after_a_failed_poll(content, database, monkeypatch):
    watcher = ContentWatcher(content, database, report=lambda m: None)

    def database_down(*args):
        raise ConnectionError("databasen svarer ikke")

    monkeypatch.setattr(content_watcher, "load_if_changed", database_down)
    with pytest.raises(ConnectionError):
        watcher.poll_if_touched()
    monkeypatch.undo()
    assert watcher.poll_if_touched().status is LoadStatus.LOADED
