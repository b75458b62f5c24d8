"""Cleans raw chat input and recognises input the assistant cannot use.

The web server calls :func:`normalize_user_text` on every message and
:func:`classify_clean_text` on the result. Only checks that need no
dictionaries belong here: the web server must stay small. Whether a message
is acute or written in another language is decided in Rasa's NLU pipeline
(bot/safety/rasa_component.py, bot/safety/language_check.py).
"""

import html
import re
import unicodedata
from enum import Enum
from typing import Optional, Union

MAX_MESSAGE_CHARS = 2000

_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>")
# A word is two or more letters in a row; a message without one cannot be acute.
WORD = re.compile(r"[^\W\d_]{2,}")


class BadInput(str, Enum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NO_WORDS = "no_words"          # only emoji, symbols or digits


REPLIES = {
    BadInput.EMPTY: "Skriv gjerne hva du lurer på, så skal jeg prøve å hjelpe.",
    BadInput.TOO_LONG: (
        "Meldingen var på over {max_chars} tegn. Jeg har lest den, men jeg svarer best "
        "på korte meldinger. Skriv gjerne det viktigste med noen få setninger."
    ),
    BadInput.NO_WORDS: "Jeg forstår best ord. Skriv gjerne med noen ord hva du lurer på.",
}


def reply_for(bad_input: BadInput, max_chars: int = MAX_MESSAGE_CHARS) -> str:
    """The reply to ``bad_input``; the length limit is the caller's own."""
    return REPLIES[bad_input].format(max_chars=max_chars)


def normalize_user_text(raw: Union[str, bytes], max_chars: int = MAX_MESSAGE_CHARS) -> str:
    """Readable plain text: valid UTF-8, no control characters or markup, trimmed."""
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    text = unicodedata.normalize("NFC", text)
    text = _TAG.sub(" ", _SCRIPT_OR_STYLE.sub(" ", text))
    text = html.unescape(text)
    text = "".join(
        " " if ch in "\n\t\r" else ch
        for ch in text
        # Cc/Cf/Cs/Co: control, format, surrogate and private-use characters
        if ch in "\n\t\r" or not (unicodedata.category(ch).startswith("C") or ch == "\ufffd")
    )
    return " ".join(text.split())[:max_chars]


def classify_bad_input(raw: Union[str, bytes], max_chars: int = MAX_MESSAGE_CHARS) -> Optional[BadInput]:
    """What is wrong with a raw message, or ``None`` when it can be answered."""
    return classify_clean_text(normalize_user_text(raw, max_chars=len(raw) + 1), max_chars)


def classify_clean_text(text: str, max_chars: int = MAX_MESSAGE_CHARS) -> Optional[BadInput]:
    """:func:`classify_bad_input` for text that :func:`normalize_user_text` already cleaned."""
    if not text:
        return BadInput.EMPTY
    if len(text) > max_chars:
        return BadInput.TOO_LONG
    if not WORD.search(text):
        return BadInput.NO_WORDS
    return None
