"""The fuzz run starts the whole assistant: it runs in `make test-fuzz` (part of
`make test`) and `make fuzz`, which set RUN_FUZZ=1, and is skipped in a plain
`pytest`. The checks of the generator itself always run."""

import os

import pytest


def pytest_collection_modifyitems(items):
    if os.environ.get("RUN_FUZZ") == "1":
        return
    skip = pytest.mark.skip(reason="run with make test-fuzz or make fuzz (RUN_FUZZ=1)")
    for item in items:
        if item.get_closest_marker("whole_assistant"):
            item.add_marker(skip)


def pytest_configure(config):
    config.addinivalue_line("markers", "whole_assistant: starts python -m bot run")
