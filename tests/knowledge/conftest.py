"""Fixtures for the knowledge-base tests: the real content, parsed once."""

import shutil
from pathlib import Path

import pytest

from bot.knowledge.checker import check_directory
from bot.platform.settings import PROJECT_ROOT

CONTENT_DIR = PROJECT_ROOT / "knowledge"


@pytest.fixture(scope="session")
def checked_content():
    return check_directory(CONTENT_DIR)


@pytest.fixture(scope="session")
def kb(checked_content):
    return checked_content.content.knowledge_base()


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of knowledge/ that a test may break."""
    target = tmp_path / "knowledge"
    shutil.copytree(CONTENT_DIR, target, ignore=shutil.ignore_patterns("*.md"))
    return target
