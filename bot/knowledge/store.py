"""The knowledge store: SQLAlchemy 1.4 tables with a ``kb_`` prefix.

Loading validates everything first and then replaces all content in ONE
transaction, so readers see either the old or the new knowledge base, never a
mix. ``kb_state`` holds a version number that readers poll cheaply.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Iterable, List, Optional, Tuple, Union

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    select,
)
from sqlalchemy.engine import Connection, Engine

from bot.platform.database import create_engine
from bot.knowledge.checker import check_directory
from bot.knowledge.problems import Report
from bot.knowledge.schema import MUNICIPALITY_SECTION, SECTIONS, SourceDocument
from bot.knowledge.source import fingerprint

metadata = MetaData()

kb_items = Table(
    "kb_items",
    metadata,
    Column("kind", String(20), primary_key=True),
    Column("item_id", String(100), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("title", String(300), nullable=False),
    Column("source_file", String(300), nullable=False),
    Column("body", Text, nullable=False),  # the item as JSON, as the editor wrote it
)

kb_state = Table(
    "kb_state",
    metadata,
    Column("id", Integer, primary_key=True),  # always 1
    Column("version", Integer, nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("loaded_at", DateTime, nullable=False),
)

STATE_ROW_ID = 1
SECTION_OF_KIND = {section.kind.value: name for name, section in SECTIONS.items()}

EngineOrUrl = Union[Engine, str]


class KnowledgeBaseInvalid(Exception):
    """The files have errors; nothing was loaded."""

    def __init__(self, report: Report):
        super().__init__(report.as_text())
        self.report = report


class LoadStatus(str, Enum):
    LOADED = "lastet"
    UNCHANGED = "uendret"
    INVALID = "ugyldig"


@dataclass(frozen=True)
class LoadResult:
    status: LoadStatus
    version: Optional[int]
    fingerprint: str
    item_count: int
    report: Report


def engine_for(database: EngineOrUrl) -> Engine:
    """An engine for a URL (creating the SQLite folder), or the engine itself."""
    if isinstance(database, Engine):
        return database
    return create_engine(database, future=True)


def create_tables(database: EngineOrUrl) -> Engine:
    """An engine for ``database`` with the ``kb_`` tables in place."""
    engine = engine_for(database)
    metadata.create_all(engine)
    return engine


def _json_default(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"kan ikke lagre {type(value).__name__}")


def _write_items(connection: Connection, rows: List[dict]) -> None:
    connection.execute(kb_items.delete())
    if rows:
        connection.execute(kb_items.insert(), rows)


def _write_state(connection: Connection, content_fingerprint: str) -> int:
    current = connection.execute(
        select(kb_state.c.version).where(kb_state.c.id == STATE_ROW_ID)
    ).scalar()
    values = {
        "version": (current or 0) + 1,
        "fingerprint": content_fingerprint,
        "loaded_at": datetime.now(timezone.utc).replace(tzinfo=None),
    }
    if current is None:
        connection.execute(kb_state.insert().values(id=STATE_ROW_ID, **values))
    else:
        connection.execute(kb_state.update().where(kb_state.c.id == STATE_ROW_ID).values(**values))
    return values["version"]


def load_directory(directory: Path, database: EngineOrUrl, today: Optional[date] = None) -> LoadResult:
    """Validate ``directory`` and replace the stored content; raises KnowledgeBaseInvalid."""
    checked = check_directory(Path(directory), today)
    if not checked.report.ok:
        raise KnowledgeBaseInvalid(checked.report)
    rows = [
        {
            "kind": item.kind,
            "item_id": item.item_id,
            "position": item.position,
            "title": item.title,
            "source_file": item.file,
            "body": json.dumps(item.body, ensure_ascii=False, default=_json_default),
        }
        for item in checked.content.raw_items
    ]
    with create_tables(database).begin() as connection:
        _write_items(connection, rows)
        version = _write_state(connection, checked.fingerprint)
    return LoadResult(LoadStatus.LOADED, version, checked.fingerprint, len(rows), checked.report)


def stored_state(database: EngineOrUrl) -> Optional[Tuple[int, str]]:
    """(version, fingerprint) of the loaded content, or None before the first load."""
    with create_tables(database).connect() as connection:
        return read_state(connection)


def load_if_changed(directory: Path, database: EngineOrUrl, today: Optional[date] = None) -> LoadResult:
    """For a polling loop: load only when the files differ from what is stored.

    Invalid files are reported (status INVALID) and the stored content stays.
    """
    state = stored_state(database)
    current = fingerprint(Path(directory))
    if state and state[1] == current:
        return LoadResult(LoadStatus.UNCHANGED, state[0], current, 0, Report())
    try:
        return load_directory(directory, database, today)
    except KnowledgeBaseInvalid as invalid:
        version = state[0] if state else None
        return LoadResult(LoadStatus.INVALID, version, current, 0, invalid.report)


def read_state(connection: Connection) -> Optional[Tuple[int, str]]:
    """(version, fingerprint): one small row, cheap enough to poll."""
    row = connection.execute(
        select(kb_state.c.version, kb_state.c.fingerprint).where(kb_state.c.id == STATE_ROW_ID)
    ).first()
    return (row.version, row.fingerprint) if row else None


def read_documents(connection: Connection) -> List[SourceDocument]:
    """The stored items regrouped into one document per source file, in load order."""
    rows: Iterable = connection.execute(select(kb_items).order_by(kb_items.c.position))
    by_file: dict = {}
    for row in rows:
        document = by_file.setdefault(row.source_file, {})
        body = json.loads(row.body)
        if row.kind == MUNICIPALITY_SECTION:
            document[MUNICIPALITY_SECTION] = body
        else:
            document.setdefault(SECTION_OF_KIND[row.kind], []).append(body)
    return [SourceDocument(file, data) for file, data in by_file.items()]
