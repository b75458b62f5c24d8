"""The log filter leaves clock times alone and still finds phone numbers."""

import logging

import pytest

from bot.safety.logging_filter import RedactingLogFilter


def _filtered(message: str) -> str:
    record = logging.LogRecord("rasa", logging.INFO, __file__, 1, message, (), None)
    RedactingLogFilter().filter(record)
    return record.getMessage()


@pytest.mark.parametrize("line", [
    "2026-11-30 21:04:05.123 rasa.core.processor: Predicted next action",
    "kl. 21:04:05 123 meldinger i køen",
    "21:04:05,456 - 789",
])
def test_a_clock_time_is_not_taken_for_a_phone_number(line):
    assert _filtered(line) == line


def test_a_phone_number_beside_a_clock_time_is_still_redacted():
    assert _filtered("21:04:05.123 bruker: ring meg på 900 12 345") == \
        "21:04:05.123 bruker: ring meg på [TELEFON]"
