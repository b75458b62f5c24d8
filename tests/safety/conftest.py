"""Prints the acute-danger numbers at the end of every test run (also with -q)."""

from typing import Dict

import pytest

_ACUTE_RESULTS = pytest.StashKey[Dict[str, str]]()


@pytest.fixture
def acute_results(request: pytest.FixtureRequest) -> Dict[str, str]:
    """Set name -> summary line; shown in the terminal summary."""
    return request.config.stash.setdefault(_ACUTE_RESULTS, {})


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    results = config.stash.get(_ACUTE_RESULTS, {})
    if results:
        terminalreporter.section("Akutt fare: treff og falske alarmer")
        for name, line in results.items():
            terminalreporter.write_line(f"{name}: {line}")
