"""Keeps personal data out of log files.

Rasa logs user messages at debug level, so every log record is redacted.
:func:`install_log_redaction` does it where records are made, which covers
every logger and every handler, also handlers added later (``--log-file``).
Python warnings (Rasa warns with the text of a message that starts with "/")
are turned into log records too, so they pass the same filter.
"""

import logging
import re
from typing import AbstractSet, Any, Callable, Optional, Set

from bot.safety.redaction import Redactor, default_redactor

# Loggers whose lines are made only of program data (route patterns, status
# codes, times), never of what a user sent: their records skip the redactor.
UNREDACTED_LOGGERS = frozenset({"bot.web.access"})
# Rasa quotes what a user wrote in its English log lines ("Received user
# message '…'"). The dictionary reads a quoted part on its own: the whole line
# would not look Norwegian. Linear: a match starts only at a quote.
_QUOTED = re.compile(r"'([^'\n]*)'|\"([^\"\n]*)\"")
# Clock times such as 21:04:05.123 are program data; the phone number search
# took their last digits for a number ("21:04:[TELEFON]").
_CLOCK_TIME = re.compile(r"(\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,6})?\b)")


def _redact_around_clock_times(redactor: Redactor, text: str, names: AbstractSet[str]) -> str:
    pieces = _CLOCK_TIME.split(text)
    # split() with a group: the times stand at the odd indices.
    return "".join(piece if index % 2 else redactor.redact(piece, names or None).text
                   for index, piece in enumerate(pieces))


class RedactingLogFilter(logging.Filter):
    """A logging filter that replaces personal data in the message."""

    def __init__(self, redactor: Optional[Redactor] = None) -> None:
        super().__init__()
        self._redactor = redactor or default_redactor()

    def _redact(self, message: str) -> str:
        names: Set[str] = {name for quoted in _QUOTED.finditer(message)
                           for name in self._redactor.names_in(quoted.group(1) or quoted.group(2) or "")}
        return _redact_around_clock_times(self._redactor, message, names)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self._redact(message)
        # Freeze the formatted text so no handler re-inserts the raw arguments.
        record.msg, record.args = redacted, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        return True


def install_log_redaction(redactor: Optional[Redactor] = None) -> None:
    """Redacts every log record and warning the process makes from now on
    (idempotent). ``redactor``: the Rasa processes pass theirs, with the
    dictionaries they have loaded."""
    # warnings.showwarning wrote to stderr directly; now it logs to "py.warnings".
    logging.captureWarnings(True)
    current: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()
    if getattr(current, "redacts_personal_data", False):
        return
    redacting_filter = RedactingLogFilter(redactor)

    def make_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = current(*args, **kwargs)
        if record.name not in UNREDACTED_LOGGERS:
            redacting_filter.filter(record)
        return record

    make_record.redacts_personal_data = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(make_record)
