"""Cleans raw chat input and recognises input the assistant cannot use.

The web server calls :func:`normalize_user_text` on every message and
:func:`classify_clean_text` on the result. Only checks that need no
dictionaries belong here: the web server must stay small. Whether a message
is acute or written in another language is decided in Rasa's NLU pipeline
(bot/rasa_integration/components/acute_danger.py, bot/rasa_integration/components/language_check.py).
"""

import html
import re
import unicodedata
from enum import Enum
from typing import List, Optional, Set, Union

# Both linear in the text's length: a tag is at most 500 characters, and a
# script's end is looked for once per tag name (see _without_scripts).
_SCRIPT_OR_STYLE_START = re.compile(r"<(script|style)\b[^<>]{0,500}>", re.IGNORECASE)
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


def reply_for(bad_input: BadInput, max_chars: int) -> str:
    """The reply to ``bad_input``; the length limit is the caller's own."""
    return REPLIES[bad_input].format(max_chars=max_chars)


def normalize_user_text(raw: Union[str, bytes]) -> str:
    """Readable plain text: valid UTF-8, no control characters or markup, trimmed.
    Never cut: acute words at the end of a long message must reach Rasa."""
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    text = unicodedata.normalize("NFC", text)
    text = _TAG.sub(" ", _without_scripts(text))
    text = html.unescape(text)
    text = "".join(
        " " if ch in "\n\t\r" else ch
        for ch in text
        # Cc/Cf/Cs/Co: control, format, surrogate and private-use characters
        if ch in "\n\t\r" or not (unicodedata.category(ch).startswith("C") or ch == "\ufffd")
    )
    return " ".join(text.split())


def _without_scripts(text: str) -> str:
    """``text`` without ``<script>…</script>`` and ``<style>…</style>`` blocks.
    A regular expression with a lazy ``.*?`` scanned to the end of the text
    for every unclosed start tag, which made a message of start tags quadratic."""
    lowered = text.lower()
    pieces: List[str] = []
    position = 0
    unclosed: Set[str] = set()  # no end tag after here: stop looking for one
    for start in _SCRIPT_OR_STYLE_START.finditer(text):
        tag = start.group(1).lower()
        if start.start() < position or tag in unclosed:
            continue
        end = lowered.find("</" + tag, start.end())
        close = lowered.find(">", end) if end >= 0 else -1
        if close < 0:
            unclosed.add(tag)
            continue
        pieces += [text[position:start.start()], " "]
        position = close + 1
    return "".join(pieces) + text[position:]


def classify_clean_text(text: str, max_chars: int) -> Optional[BadInput]:
    """What is wrong with text :func:`normalize_user_text` cleaned, or ``None``
    when it can be answered; ``max_chars`` is the caller's length limit."""
    if not text:
        return BadInput.EMPTY
    if len(text) > max_chars:
        return BadInput.TOO_LONG
    if not WORD.search(text):
        return BadInput.NO_WORDS
    return None
