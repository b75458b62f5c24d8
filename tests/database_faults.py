"""Database faults for tests: a held write lock, a read-only database, a full disk."""

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Engine

_WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "DROP")


@contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Another connection holds the write lock, as a long content load or purge would."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def _refuse_writes(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA query_only = ON")


@contextmanager
def read_only_database() -> Iterator[None]:
    """Every SQLite connection opened from now on refuses writes with SQLite's
    "attempt to write a readonly database", as on a read-only mount (the
    tests run as root, who may write any file whatever its mode)."""
    sa.event.listen(Engine, "connect", _refuse_writes)
    try:
        yield
    finally:
        sa.event.remove(Engine, "connect", _refuse_writes)


def _fail_writes(_connection, _cursor, statement, *_args) -> None:
    if statement.lstrip().upper().startswith(_WRITES):
        raise sqlite3.OperationalError("database or disk is full")


@contextmanager
def full_disk() -> Iterator[None]:
    """Every write through SQLAlchemy fails as SQLite fails on a full disk."""
    sa.event.listen(Engine, "before_cursor_execute", _fail_writes)
    try:
        yield
    finally:
        sa.event.remove(Engine, "before_cursor_execute", _fail_writes)
