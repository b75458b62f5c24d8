"""Small helpers shared by every part that opens the database."""

from pathlib import Path
from typing import Any, Dict

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine
from sqlalchemy.pool import QueuePool

SQLITE_FILE_PREFIX = "sqlite:///"
SQLITE_IN_MEMORY = "sqlite:///:memory:"
# Seconds a query waits for another writer's lock (SQLite's busy timeout,
# PostgreSQL's lock_timeout), for a pooled connection or for PostgreSQL to
# answer a connect. A turn reads and writes the conversation once each, so
# two waits must fit well inside the web server's relay timeout
# (bot/web/rasa_client.py): a message that cannot be stored is refused in
# time, not stored after the web server gave up on it (the user then sends it
# again, and it is stored twice). Rasa, the supervisor's content loads and
# the web server's feedback share the database.
DATABASE_WAIT_SECONDS = 5


def ensure_sqlite_folder(database_url: str) -> None:
    """SQLite creates the file but not its folder (the default is var/assistent.db)."""
    if database_url.startswith(SQLITE_FILE_PREFIX) and database_url != SQLITE_IN_MEMORY:
        Path(database_url[len(SQLITE_FILE_PREFIX):]).parent.mkdir(parents=True, exist_ok=True)


def _tune_sqlite_connection(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    # WAL: readers in other processes are not blocked by a writer. NORMAL
    # sync is safe with WAL (a power cut can lose the last turns, never
    # corrupt the file) and spares an fsync per saved turn.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _with_postgres_timeouts(kwargs: Dict[str, Any]) -> Dict[str, Any]:
    connect_args = dict(kwargs.get("connect_args") or {})
    connect_args.setdefault("connect_timeout", DATABASE_WAIT_SECONDS)
    lock_timeout = f"-c lock_timeout={DATABASE_WAIT_SECONDS * 1000}"
    connect_args["options"] = f"{connect_args.get('options', '')} {lock_timeout}".strip()
    return {"pool_timeout": DATABASE_WAIT_SECONDS, **kwargs, "connect_args": connect_args}


def create_engine(database_url: "str | URL", **kwargs: Any) -> Engine:
    """``sqlalchemy.create_engine``, tuned for a chat server, with waits
    bounded by DATABASE_WAIT_SECONDS.

    SQLAlchemy 1.4 opens a new SQLite connection for every session of a file
    database (NullPool); re-reading the schema each time cost more than the
    queries. Here connections are pooled and set to WAL.
    """
    url = sa.engine.make_url(database_url)
    if url.get_backend_name() == "postgresql":
        return sa.create_engine(url, **_with_postgres_timeouts(kwargs))
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return sa.create_engine(url, **kwargs)
    ensure_sqlite_folder(str(url))
    engine = sa.create_engine(
        url, poolclass=QueuePool,
        # Pooled connections move between threads; each is used by one at a time.
        connect_args={"check_same_thread": False, "timeout": DATABASE_WAIT_SECONDS},
        **kwargs,
    )
    sa.event.listen(engine, "connect", _tune_sqlite_connection)
    return engine
