"""The tests here install PostgreSQL and Redis from Debian and start real
servers: they run in `make test-scale` (part of `make test`), which sets
RUN_SCALE_TEST=1, and are skipped in a plain `pytest`."""

import os
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    if os.environ.get("RUN_SCALE_TEST") == "1":
        return
    skip = pytest.mark.skip(reason="run with make test-scale (RUN_SCALE_TEST=1)")
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(skip)
