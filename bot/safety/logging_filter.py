"""Keeps personal data out of log files.

Rasa logs user messages at debug level, so every log record is redacted.
:func:`install_log_redaction` does it where records are made, which covers
every logger and every handler, also handlers added later (``--log-file``).
"""

import logging
import re
from typing import Any, Callable, Optional

from bot.safety.redaction import Redactor, default_redactor

# Loggers whose lines are made only of program data (route patterns, status
# codes, times), never of what a user sent: their records skip the redactor.
UNREDACTED_LOGGERS = frozenset({"bot.web.access"})
# Clock times such as 21:04:05.123 are program data; the phone number search
# took their last digits for a number ("21:04:[TELEFON]").
_CLOCK_TIME = re.compile(r"(\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,6})?\b)")


def _redact_around_clock_times(redactor: Redactor, text: str) -> str:
    pieces = _CLOCK_TIME.split(text)
    # split() with a group: the times stand at the odd indices.
    return "".join(piece if index % 2 else redactor.redact(piece).text
                   for index, piece in enumerate(pieces))


class RedactingLogFilter(logging.Filter):
    """A logging filter that replaces personal data in the message."""

    def __init__(self, redactor: Optional[Redactor] = None) -> None:
        super().__init__()
        self._redactor = redactor or default_redactor()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _redact_around_clock_times(self._redactor, message)
        # Freeze the formatted text so no handler re-inserts the raw arguments.
        record.msg, record.args = redacted, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redactor.redact(record.exc_text).text
        return True


def install_log_redaction() -> None:
    """Redacts every log record the process makes from now on (idempotent)."""
    current: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()
    if getattr(current, "redacts_personal_data", False):
        return
    redacting_filter = RedactingLogFilter()

    def make_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = current(*args, **kwargs)
        if record.name not in UNREDACTED_LOGGERS:
            redacting_filter.filter(record)
        return record

    make_record.redacts_personal_data = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(make_record)
