"""Anonymous answers to «Var dette nyttig?»: a topic and yes/no, never the user's text."""

import asyncio
import re
from datetime import datetime, timezone

from sqlalchemy import (Boolean, Column, DateTime, Integer, MetaData, String, Table,
                        create_engine)
from sqlalchemy.engine import Engine

from bot.platform.database import ensure_sqlite_folder

# A topic is a short slug (an intent or knowledge-base key), so free text cannot
# be smuggled in as a topic.
TOPIC_PATTERN = re.compile(r"^[a-zæøå0-9_.:/-]{1,64}$")

metadata = MetaData()
web_feedback = Table(
    "web_feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("topic", String(64), nullable=False),
    Column("useful", Boolean, nullable=False),
)


def is_valid_topic(topic: object) -> bool:
    return isinstance(topic, str) and bool(TOPIC_PATTERN.match(topic))


class FeedbackStore:
    """Blocking SQLAlchemy calls run in a worker thread so the event loop stays free."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self._engine: Engine = create_engine(database_url, future=True, pool_pre_ping=True)
        # Created on first use, so a database that is down at start-up does not
        # stop the chat from working.
        self._table_ready = False

    async def record(self, topic: str, useful: bool) -> None:
        await asyncio.to_thread(self._insert, topic, useful)

    def close(self) -> None:
        self._engine.dispose()

    def _insert(self, topic: str, useful: bool) -> None:
        if not self._table_ready:
            ensure_sqlite_folder(self.database_url)
            metadata.create_all(self._engine)
            self._table_ready = True
        with self._engine.begin() as connection:
            connection.execute(web_feedback.insert().values(
                created_at=datetime.now(timezone.utc), topic=topic, useful=useful))
