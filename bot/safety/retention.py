"""Retention: old conversations are deleted from Rasa's ``events`` table,
and the names learnt in them (bot/safety/name_memory.py) with them.

Rasa starts a new session after an idle hour and reads a conversation from its
last ``session_started`` event, so deleting events older than the cut-off
removes old sessions whole and leaves newer ones readable.
"""

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from bot.platform.database import SQLITE_FILE_PREFIX, SQLITE_IN_MEMORY, create_engine
from bot.safety.name_memory import learnt_names

DEFAULT_RETENTION_DAYS = 30
SECONDS_PER_DAY = 24 * 60 * 60

_events = sa.table(
    "events",
    sa.column("sender_id", sa.String),
    sa.column("timestamp", sa.Float),
)


class PurgeFailed(RuntimeError):
    """The purge did not run; the message says why, in Norwegian."""


@dataclass(frozen=True)
class PurgeReport:
    events_deleted: int
    conversations_touched: int
    conversations_removed: int


def parse_days(text: str) -> int:
    """``"30d"`` or ``"30"`` -> 30."""
    match = re.fullmatch(r"\s*(\d+)\s*d?\s*", text)
    if not match:
        raise ValueError(f"Skriv antall dager, for eksempel «30d», ikke «{text}».")
    return int(match.group(1))


def _missing_sqlite_file(database_url: str) -> Optional[str]:
    if database_url.startswith(SQLITE_FILE_PREFIX) and database_url != SQLITE_IN_MEMORY:
        path = database_url[len(SQLITE_FILE_PREFIX):]
        if not Path(path).is_file():
            return path
    return None


def purge_old_events(
    database_url: str,
    older_than_days: int = DEFAULT_RETENTION_DAYS,
    now: Optional[float] = None,
    require_conversations: bool = False,
) -> PurgeReport:
    """Deletes events older than ``older_than_days``; the supervisor calls this daily.

    With ``require_conversations`` (the scheduled ``python -m bot purge``) a
    database without Rasa's events table is a failure: most likely
    DATABASE_URL points elsewhere, and nothing would ever be deleted.
    Raises PurgeFailed when the purge cannot run.
    """
    cutoff = (time.time() if now is None else now) - older_than_days * SECONDS_PER_DAY
    missing = _missing_sqlite_file(database_url) if require_conversations else None
    if missing:
        raise PurgeFailed(f"Fant ikke databasefila {missing}. Er DATABASE_URL riktig?")
    try:
        return _delete_before(database_url, cutoff, require_conversations)
    except SQLAlchemyError as error:
        raise PurgeFailed(f"Databasen svarte med en feil: {error}") from error


def _delete_before(database_url: str, cutoff: float, require_conversations: bool) -> PurgeReport:
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            if sa.inspect(connection).has_table(learnt_names.name):
                connection.execute(learnt_names.delete().where(learnt_names.c.learnt_at < cutoff))
            if not sa.inspect(connection).has_table("events"):
                if require_conversations:
                    raise PurgeFailed("Databasen har ingen samtaletabell (events). "
                                      "Er DATABASE_URL riktig?")
                return PurgeReport(0, 0, 0)
            old = _events.c.timestamp < cutoff
            touched = {row.sender_id for row in connection.execute(
                sa.select(_events.c.sender_id).where(old).distinct())}
            deleted = connection.execute(sa.delete(_events).where(old)).rowcount
            remaining = {row.sender_id for row in connection.execute(
                sa.select(_events.c.sender_id).where(_events.c.sender_id.in_(touched)).distinct())}
    finally:
        engine.dispose()
    return PurgeReport(deleted, len(touched), len(touched - remaining))
