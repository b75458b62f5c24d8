"""The knowledge base for the action server: one live-reloading repository per process."""

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.knowledge.model import KnowledgeBase
from bot.knowledge.repository import KnowledgeBaseEmpty, KnowledgeRepository
from bot.platform.settings import Settings

# Bokmål and nynorsk words, so both lemma dictionaries are loaded.
WARM_UP_QUESTION = "Har jeg meldeplikt? Kva gjer eg no?"


@lru_cache(maxsize=1)
def repository() -> KnowledgeRepository:
    """Built on first use from DATABASE_URL (the same default as the rest of the bot)."""
    settings = Settings.from_env()
    return KnowledgeRepository(settings.database_url,
                               check_interval=settings.knowledge_check_seconds)


def warm_up() -> None:
    """Answers one question before the first user does.

    That loads what the first answer would otherwise wait for: spaCy, the lemma
    dictionaries, the knowledge base, its search index and the holiday calendar.
    """
    from actions.questions import search_in  # it imports this module
    from bot.dialogue.answers.compose import Question, answer
    from bot.dialogue.names import Intent
    from bot.knowledge.search import default_nlp

    try:
        kb = repository().snapshot()
    except KnowledgeBaseEmpty:
        # `kb load` is still running; the index is quick to build at the first question.
        default_nlp()(WARM_UP_QUESTION)
        return
    answer(kb, search_in(repository()), Question(Intent.ASK_RULE, WARM_UP_QUESTION), local_now(kb))


def local_now(kb: KnowledgeBase) -> datetime:
    """Now in the municipality's time zone; opening hours and deadlines use it."""
    return datetime.now(ZoneInfo(kb.municipality.time_zone))
