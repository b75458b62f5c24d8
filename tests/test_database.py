from sqlalchemy import text

from bot.platform.database import create_engine
from bot.rasa_integration.tracker_store import RedactingSQLTrackerStore


def _pragma(engine, name: str):
    with engine.connect() as connection:
        return connection.execute(text(f"PRAGMA {name}")).scalar()


def test_a_sqlite_file_is_opened_in_wal_mode_with_normal_sync(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'under' / 'db.sqlite'}")
    assert _pragma(engine, "journal_mode") == "wal"
    assert _pragma(engine, "synchronous") == 1  # NORMAL
    assert (tmp_path / "under").is_dir()


def test_sqlite_connections_are_reused_between_sessions(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.connect() as first:
        first_id = id(first.connection.dbapi_connection)
    with engine.connect() as second:
        assert id(second.connection.dbapi_connection) == first_id


def test_an_in_memory_database_keeps_sqlalchemys_defaults():
    engine = create_engine("sqlite:///:memory:")
    assert _pragma(engine, "journal_mode") == "memory"


def test_the_tracker_store_uses_the_tuned_engine(tmp_path):
    store = RedactingSQLTrackerStore(host=f"sqlite:///{tmp_path / 'samtaler.db'}")
    assert _pragma(store.engine, "journal_mode") == "wal"
    with store.session_scope() as session:
        assert session.get_bind() is store.engine


async def test_the_tracker_store_also_works_on_an_in_memory_database():
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    store = RedactingSQLTrackerStore(host="sqlite:///:memory:")
    tracker = DialogueStateTracker("minne", [])
    tracker.update(UserUttered("hei"))
    await store.save(tracker)
    assert [e.text for e in (await store.retrieve("minne")).events] == ["hei"]
