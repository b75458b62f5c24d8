"""Finds personal data in a message and replaces it with typed placeholders.

Nothing that can identify a child may be stored, so every user message goes
through :class:`Redactor` before the tracker store, the logs, analytics or
feedback see it. The word lists are in ``privacy_patterns.yml``.
"""

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import AbstractSet, Any, Callable, FrozenSet, Generic, List, Optional, Set, Tuple, TypeVar

import phonenumbers
import yaml
from stdnum.no import fodselsnummer

DEFAULT_PATTERNS_FILE = Path(__file__).with_name("privacy_patterns.yml")
PHONE_REGION = "NO"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 11 digits, optionally "DDMMYY NNNNN"; fødselsnummer and D-nummer share this shape.
_NATIONAL_ID_SHAPE = re.compile(r"(?<!\d)\d{6}[ .-]?\d{5}(?!\d)")
# Account, case or card numbers: nine or more digits in one run.
_LONG_NUMBER = re.compile(r"(?<!\d)\d{9,}(?!\d)")
_POSTCODE_AND_PLACE = re.compile(r"(?<!\d)\d{4} [A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ]?[a-zæøå]+)?")
# The fewest digits of a number the phone matcher can find: a Norwegian one has
# 5 or 8, a foreign one at least 6 with its country code (the test derives
# this from phonenumbers' metadata). Most texts have fewer and skip the matcher.
FEWEST_PHONE_DIGITS = 5
_DIGIT = re.compile(r"\d")
_WORD = r"[A-Za-zÆØÅæøåÉé][\w-]*"
_CAPITALISED = r"[A-ZÆØÅÉ][a-zæøåé]+(?:-[A-ZÆØÅÉ][a-zæøåé]+)?"
# Redactions remembered: most strings the tracker store sees again and again
# (intent names, the bot's own answers with the contacts' numbers) are among them.
TEXTS_REMEMBERED = 4096


class PersonalDataKind(str, Enum):
    """A kind of personal data; the value is the word in the placeholder."""

    NAME = "NAVN"
    NATIONAL_ID = "FØDSELSNUMMER"
    PHONE = "TELEFON"
    EMAIL = "E-POST"
    ADDRESS = "ADRESSE"
    NUMBER = "NUMMER"

    @property
    def placeholder(self) -> str:
        return f"[{self.value}]"


_PLACEHOLDER = re.compile(
    r"\[(?:" + "|".join(re.escape(kind.value) for kind in PersonalDataKind) + r")\]"
)


@dataclass(frozen=True)
class Redaction:
    text: str
    kinds: FrozenSet[PersonalDataKind]

    @property
    def found(self) -> bool:
        return bool(self.kinds)


def contains_placeholder(text: str) -> bool:
    """True if ``text`` was already redacted (for example by the web server)."""
    return bool(_PLACEHOLDER.search(text))


def _alternation(words: List[str]) -> str:
    # Longest first, so "navnet hans er" wins over "navnet er".
    ordered = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(word) for word in ordered) + ")"


Remembered = TypeVar("Remembered")


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class _RememberedByDigest(Generic[Remembered]):
    """A bounded, thread-safe map from a text's digest to what was found in it;
    the least recently used go first. It holds no text a user wrote, only
    digests and redacted texts (what the database holds anyway)."""

    def __init__(self, size: int) -> None:
        self._items: "OrderedDict[bytes, Remembered]" = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, text: str) -> Optional[Remembered]:
        key = _digest(text)
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def add(self, text: str, item: Remembered) -> None:
        with self._lock:
            self._items[_digest(text)] = item
            if len(self._items) > self._size:
                self._items.popitem(last=False)

    def values(self) -> List[Remembered]:
        with self._lock:
            return list(self._items.values())


class Redactor:
    """Replaces personal data with ``[NAVN]``, ``[TELEFON]`` and so on."""

    def __init__(self, patterns_file: Path = DEFAULT_PATTERNS_FILE) -> None:
        self._redactions: _RememberedByDigest[Redaction] = _RememberedByDigest(TEXTS_REMEMBERED)
        self._texts_without_names: _RememberedByDigest[FrozenSet[str]] = \
            _RememberedByDigest(TEXTS_REMEMBERED)
        config = yaml.safe_load(patterns_file.read_text(encoding="utf-8"))
        self._keep_numbers: Set[str] = {str(n) for n in config["keep_numbers"]}
        self._vocabulary: Set[str] = {w.lower() for w in config["assistant_vocabulary"]}
        self._not_names: Set[str] = {w.lower() for w in config["not_names"]}
        suffixes = _alternation(config["street_suffixes"])
        self._street = re.compile(
            rf"(?:\b{_CAPITALISED} ){{0,2}}\b[\wæøåÆØÅ.-]*{suffixes}\.? \d{{1,4}} ?[A-Za-z]?\b",
            re.IGNORECASE,
        )
        self._street_without_number = re.compile(
            rf"\b((?:bor|bur) (?:i|på) |adressen er )[\wæøåÆØÅ-]*{suffixes}\b",
            re.IGNORECASE,
        )
        self._after_trigger = re.compile(
            rf"\b(?i:{_alternation(config['name_triggers'])}):? ({_WORD})(?: ({_CAPITALISED}))?"
        )
        relation = _alternation(config["relation_words"])
        possessive = _alternation(config["relation_possessives"])
        self._after_relation = re.compile(
            rf"\b(?i:{relation})(?: (?i:{possessive}))?,? ({_CAPITALISED})(?: ({_CAPITALISED}))?"
        )
        self._full_name = re.compile(rf"\b({_CAPITALISED})((?: {_CAPITALISED}){{1,2}})\b")

    def redact(self, text: str, known_names: AbstractSet[str] = frozenset()) -> Redaction:
        """``known_names``: names found earlier in the conversation, removed here too."""
        redaction = self._redactions.get(text)
        if redaction is None:
            redaction = self._redact(text, frozenset())
            self._redactions.add(text, redaction)
        if not known_names:
            return redaction
        if redaction.found:
            return self._redact(text, known_names)
        # Clean apart from the known names: the patterns would change nothing.
        kinds: Set[PersonalDataKind] = set()
        return Redaction(text=self._redact_names(text, set(known_names), kinds),
                         kinds=frozenset(kinds))

    def _redact(self, text: str, known_names: AbstractSet[str]) -> Redaction:
        kinds: Set[PersonalDataKind] = set()

        def replace(pattern: "re.Pattern[str]", kind: PersonalDataKind,
                    accept: Callable[[str], bool] = lambda _: True) -> None:
            nonlocal text

            def substitute(match: "re.Match[str]") -> str:
                if not accept(match.group(0)):
                    return match.group(0)
                kinds.add(kind)
                return kind.placeholder

            text = pattern.sub(substitute, text)

        replace(_EMAIL, PersonalDataKind.EMAIL)
        replace(_NATIONAL_ID_SHAPE, PersonalDataKind.NATIONAL_ID,
                lambda found: fodselsnummer.is_valid(found))
        replace(_NATIONAL_ID_SHAPE, PersonalDataKind.NUMBER)
        text = self._redact_phone_numbers(text, kinds)
        replace(_LONG_NUMBER, PersonalDataKind.NUMBER)
        replace(self._street, PersonalDataKind.ADDRESS)
        replace(_POSTCODE_AND_PLACE, PersonalDataKind.ADDRESS)

        def street_only(match: "re.Match[str]") -> str:
            kinds.add(PersonalDataKind.ADDRESS)
            return match.group(1) + PersonalDataKind.ADDRESS.placeholder

        text = self._street_without_number.sub(street_only, text)
        text = self._redact_names(text, self.names_in(text) | set(known_names), kinds)
        return Redaction(text=text, kinds=frozenset(kinds))

    def _redact_phone_numbers(self, text: str, kinds: Set[PersonalDataKind]) -> str:
        if len(_DIGIT.findall(text)) < FEWEST_PHONE_DIGITS:
            return text
        pieces = []
        position = 0
        for match in phonenumbers.PhoneNumberMatcher(text, PHONE_REGION):
            if re.sub(r"\D", "", match.raw_string) in self._keep_numbers:
                continue
            pieces += [text[position:match.start], PersonalDataKind.PHONE.placeholder]
            position = match.end
            kinds.add(PersonalDataKind.PHONE)
        return "".join(pieces) + text[position:]

    def _is_name(self, word: str) -> bool:
        lowered = word.lower()
        return lowered not in self._vocabulary and lowered not in self._not_names

    def names_in(self, text: str) -> Set[str]:
        """Personal names written in one of the common patterns."""
        remembered = self._texts_without_names.get(text)
        if remembered is not None:
            return set(remembered)
        names: Set[str] = set()
        for match in self._after_trigger.finditer(text):
            if self._is_name(match.group(1)):
                names.update(w for w in match.groups() if w and self._is_name(w))
        for match in self._after_relation.finditer(text):
            names.update(w for w in match.groups() if w and self._is_name(w))
        for match in self._full_name.finditer(text):
            words = [match.group(1), *match.group(2).split()]
            # A capitalised function word ("Hei", "Jeg") starts a sentence, not a name.
            if all(self._is_name(word) for word in words):
                names.update(words)
        if not names:  # names themselves are not kept, even in memory
            self._texts_without_names.add(text, frozenset())
        return names

    def _redact_names(self, text: str, names: Set[str], kinds: Set[PersonalDataKind]) -> str:
        if not names:
            return text
        kinds.add(PersonalDataKind.NAME)
        # Every mention goes, also a bare "Ola er redd" after "heter Ola".
        every_mention = re.compile(r"\b" + _alternation(sorted(names)) + r"\b")
        if not every_mention.search(text):
            return text
        return re.sub(
            rf"{re.escape(PersonalDataKind.NAME.placeholder)}(?: {re.escape(PersonalDataKind.NAME.placeholder)})+",
            PersonalDataKind.NAME.placeholder,
            every_mention.sub(PersonalDataKind.NAME.placeholder, text),
        )

    def redact_nested(self, value: Any, known_names: AbstractSet[str] = frozenset()) -> Any:
        """Redacts every string inside dicts, lists and tuples; keys are kept."""
        if isinstance(value, str):
            return self.redact(value, known_names).text
        if isinstance(value, dict):
            return {key: self.redact_nested(item, known_names) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(self.redact_nested(item, known_names) for item in value)
        return value


@lru_cache(maxsize=1)
def default_redactor() -> Redactor:
    """One shared redactor for the process (the patterns are compiled once)."""
    return Redactor()


def redact(text: str) -> Redaction:
    """Redacts ``text`` with the shared redactor."""
    return default_redactor().redact(text)


def kinds_as_labels(kinds: FrozenSet[PersonalDataKind]) -> Tuple[str, ...]:
    """Sorted placeholder words, e.g. ("NAVN", "TELEFON"), for metadata and logs."""
    return tuple(sorted(kind.value for kind in kinds))
