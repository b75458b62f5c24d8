"""Fixtures for the guided walk: the shipped guide, loaded like the running bot loads it."""

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.dialogue.guide.interpret import OptionMatcher
from bot.knowledge.repository import KnowledgeRepository
from bot.knowledge.store import load_directory
from bot.platform.settings import PROJECT_ROOT

CONTENT_DIR = PROJECT_ROOT / "knowledge"
OSLO = ZoneInfo("Europe/Oslo")
# A Monday morning in an ordinary week: the local offices are open.
MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=OSLO)
# A Saturday evening: only the emergency lines and the child-welfare duty service answer.
SATURDAY_EVENING = datetime(2026, 11, 28, 21, 0, tzinfo=OSLO)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of knowledge/ that a test may edit."""
    target = tmp_path / "knowledge"
    shutil.copytree(CONTENT_DIR, target, ignore=shutil.ignore_patterns("*.md"))
    return target


@pytest.fixture
def database_url(tmp_path, content_copy) -> str:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    load_directory(content_copy, url)
    return url


@pytest.fixture(scope="session")
def kb(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('guide') / 'kb.db'}"
    load_directory(CONTENT_DIR, url)
    return KnowledgeRepository(url).snapshot()


@pytest.fixture(scope="session")
def matcher(norwegian_nlp) -> OptionMatcher:
    return OptionMatcher(norwegian_nlp)
