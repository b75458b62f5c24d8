"""Prints the acute-danger and redaction numbers at the end of every test run (also with -q)."""

from typing import Dict

import pytest

_ACUTE_RESULTS = pytest.StashKey[Dict[str, str]]()


@pytest.fixture
def acute_results(request: pytest.FixtureRequest) -> Dict[str, str]:
    """Set name -> summary line; shown in the terminal summary."""
    return request.config.stash.setdefault(_ACUTE_RESULTS, {})


def _acute_summary(terminalreporter, config):  # type: ignore[no-untyped-def]
    results = config.stash.get(_ACUTE_RESULTS, {})
    if results:
        terminalreporter.section("Akutt fare: treff og falske alarmer")
        for name, line in results.items():
            terminalreporter.write_line(f"{name}: {line}")


_REDACTION_RESULTS = pytest.StashKey[Dict[str, str]]()


@pytest.fixture
def redaction_results(request: pytest.FixtureRequest) -> Dict[str, str]:
    """Set name -> false positives of the redactor; shown in the terminal summary."""
    return request.config.stash.setdefault(_REDACTION_RESULTS, {})


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    _acute_summary(terminalreporter, config)
    results = config.stash.get(_REDACTION_RESULTS, {})
    if results:
        terminalreporter.section("Sladding: endrede meldinger uten personopplysninger")
        for name, line in results.items():
            terminalreporter.write_line(f"{name}: {line}")
