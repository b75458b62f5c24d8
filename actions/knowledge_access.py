"""The knowledge base for the action server: one live-reloading repository per process."""

from datetime import datetime
from functools import lru_cache
from typing import Optional
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


@lru_cache(maxsize=1)
def fixed_local_time() -> Optional[datetime]:
    return Settings.from_env().fixed_local_time


def local_now(kb: KnowledgeBase) -> datetime:
    """Now in the municipality's time zone (or ASSISTANT_CLOCK's time there); opening hours
    and deadlines use it."""
    zone = ZoneInfo(kb.municipality.time_zone)
    fixed = fixed_local_time()
    return fixed.replace(tzinfo=zone) if fixed else datetime.now(zone)
