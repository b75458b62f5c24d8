"""Cleans raw chat input and recognises input the assistant cannot use.

The web server and the Rasa pipeline call :func:`normalize_user_text` on every
message and :func:`classify_bad_input` on the result. Run the acute-danger
check on the normalised text first: even a message in English or a very long
message must get the emergency numbers when it needs them.
"""

import html
import re
import unicodedata
from enum import Enum
from functools import lru_cache
from typing import Optional, Union

from simplemma import LanguageDetector
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries import DefaultDictionaryFactory

MAX_MESSAGE_CHARS = 2000
# Norwegian first; the others are what a visitor is most likely to write.
LANGUAGES_TO_TELL_APART = ("nb", "nn", "da", "sv", "en", "de", "pl", "fr", "es", "fi")
NORWEGIAN_LIKE = ("nb", "nn", "da")
MIN_WORDS_FOR_LANGUAGE_GUESS = 3

_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>")
_WORD = re.compile(r"[^\W\d_]{2,}")


class BadInput(str, Enum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NO_WORDS = "no_words"          # only emoji, symbols or digits
    NOT_NORWEGIAN = "not_norwegian"


REPLIES = {
    BadInput.EMPTY: "Skriv gjerne hva du lurer på, så skal jeg prøve å hjelpe.",
    BadInput.TOO_LONG: (
        "Meldingen var lang, så jeg har bare lest de første {max_chars} tegnene. "
        "Skriv gjerne det viktigste med noen få setninger."
    ),
    BadInput.NO_WORDS: "Jeg forstår best ord. Skriv gjerne med noen ord hva du lurer på.",
    BadInput.NOT_NORWEGIAN: (
        "Beklager, jeg snakker bare norsk. Sorry, I only speak Norwegian.\n"
        "Hvis et barn er i fare nå: ring 112. If a child is in danger now, call 112.\n"
        "Alarmtelefonen for barn og unge: 116 111 (gratis, døgnåpen). "
        "The helpline for children and young people: 116 111 (free, open day and night)."
    ),
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


@lru_cache(maxsize=1)
def _language_detector() -> LanguageDetector:
    # simplemma's shared cache holds 8 dictionaries; with more languages it
    # would reload them from disk on every call (seconds each).
    factory = DefaultDictionaryFactory(cache_max_size=len(LANGUAGES_TO_TELL_APART))
    return LanguageDetector(
        lang=LANGUAGES_TO_TELL_APART,
        lemmatization_strategy=DefaultStrategy(dictionary_factory=factory),
    )


def looks_foreign(text: str) -> bool:
    """True when the text is clearly in another language than Norwegian."""
    if len(_WORD.findall(text)) < MIN_WORDS_FOR_LANGUAGE_GUESS:
        return False
    scores = _language_detector().proportion_in_each_language(text)
    norwegian = max(scores.get(code, 0.0) for code in NORWEGIAN_LIKE)
    foreign = max((s for code, s in scores.items() if code not in NORWEGIAN_LIKE + ("unk",)),
                  default=0.0)
    return foreign > norwegian and norwegian < 0.5


def classify_bad_input(raw: Union[str, bytes], max_chars: int = MAX_MESSAGE_CHARS) -> Optional[BadInput]:
    """What is wrong with a raw message, or ``None`` when it can be answered."""
    return classify_clean_text(normalize_user_text(raw, max_chars=len(raw) + 1), max_chars)


def classify_clean_text(text: str, max_chars: int = MAX_MESSAGE_CHARS) -> Optional[BadInput]:
    """:func:`classify_bad_input` for text that :func:`normalize_user_text` already cleaned."""
    if not text:
        return BadInput.EMPTY
    if len(text) > max_chars:
        return BadInput.TOO_LONG
    if not _WORD.search(text):
        return BadInput.NO_WORDS
    if looks_foreign(text):
        return BadInput.NOT_NORWEGIAN
    return None
