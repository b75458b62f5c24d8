"""The knowledge base for the action server: one live-reloading repository per process."""

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.knowledge.model import KnowledgeBase
from bot.knowledge.repository import KnowledgeBaseEmpty, KnowledgeRepository
from bot.settings import Settings


# An edit in knowledge/ must be live within about a second of `kb load`.
VERSION_CHECK_SECONDS = 0.5


@lru_cache(maxsize=1)
def repository() -> KnowledgeRepository:
    """Built on first use from DATABASE_URL (the same default as the rest of the bot)."""
    return KnowledgeRepository(Settings.from_env().database_url,
                               check_interval=VERSION_CHECK_SECONDS)


def warm_up() -> None:
    """Builds the snapshot, spaCy and the search index before the first question."""
    try:
        repository().search("barnevern")
    except KnowledgeBaseEmpty:
        pass  # `kb load` has not run yet; the first question builds them instead


def local_now(kb: KnowledgeBase) -> datetime:
    """Now in the municipality's time zone; opening hours and deadlines use it."""
    return datetime.now(ZoneInfo(kb.municipality.time_zone))
