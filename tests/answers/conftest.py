"""The shipped knowledge base, loaded like the running bot loads it, and fixed clocks."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.knowledge.repository import KnowledgeRepository
from bot.knowledge.store import load_directory
from bot.platform.settings import PROJECT_ROOT

OSLO = ZoneInfo("Europe/Oslo")
# Office hours: the child welfare service is open, the duty service is not.
MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=OSLO)
# Only the duty service and the national lines answer.
SATURDAY_EVENING = datetime(2026, 11, 28, 21, 0, tzinfo=OSLO)
# Summer time (UTC+2), a Tuesday afternoon: the family station is open.
TUESDAY_SUMMER_AFTERNOON = datetime(2026, 6, 16, 13, 0, tzinfo=OSLO)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('answers') / 'kb.db'}"
    load_directory(PROJECT_ROOT / "knowledge", url)
    return url


@pytest.fixture(scope="session")
def repository(database_url) -> KnowledgeRepository:
    return KnowledgeRepository(database_url)


@pytest.fixture(scope="session")
def kb(repository):
    return repository.snapshot()


@pytest.fixture(scope="session")
def search(repository):
    return lambda text, kinds: repository.search(text, limit=5, kinds=kinds)
