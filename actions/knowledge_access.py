"""The knowledge base for the action server: one live-reloading repository per process."""

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.knowledge.model import KnowledgeBase
from bot.knowledge.repository import KnowledgeRepository
from bot.platform.settings import Settings


@lru_cache(maxsize=1)
def repository() -> KnowledgeRepository:
    """Built on first use from DATABASE_URL (the same default as the rest of the bot)."""
    settings = Settings.from_env()
    return KnowledgeRepository(settings.database_url,
                               check_interval=settings.knowledge_check_seconds)


def local_now(kb: KnowledgeBase) -> datetime:
    """Now in the municipality's time zone; opening hours and deadlines use it."""
    return datetime.now(ZoneInfo(kb.municipality.time_zone))
