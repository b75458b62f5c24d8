"""Finds personal data in a message and replaces it with typed placeholders.

Nothing that can identify a child may be stored, so every user message goes
through :class:`Redactor` before the tracker store, the logs, analytics or
feedback see it. The word lists are in ``privacy_patterns.yml``.

Every pattern here runs on whatever a user sends, so each one is linear in the
length of the text: a match may only start where a run of its characters
starts (a lookbehind), and every repetition has an upper bound. The test
measures the cost of a long hostile message against a short one.

Two strengths: the web server's redactor uses patterns only (it must stay
small), and the Rasa processes add a :class:`Lexicon` they have loaded anyway,
which tells proper names from ordinary words («emma larsen», «Jonas sier»).
"""

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import (Any, Callable, Collection, FrozenSet, Generic, Iterable, List, Optional,
                    Protocol, Set, Tuple, TypeVar)

import phonenumbers
import yaml
from stdnum.no import fodselsnummer

DEFAULT_PATTERNS_FILE = Path(__file__).with_name("privacy_patterns.yml")
PHONE_REGION = "NO"
LEXICON_LANGUAGES = ("nb", "nn")

# Local part, "@" or «(at)», host; a host without a dot only right after "@".
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}"
    r"(?:@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}"
    r"|\s?(?:@|\((?i:at)\)|\[(?i:at)\])\s?[\w-]{1,63}(?:\.[\w-]{1,63}){1,8})"
)
# 11 digits, "DDMMYY NNNNN" or with single dots, spaces or dashes anywhere:
# «15.03.12 51238», «15 03 12 512 38», «1503 1251 238».
_NATIONAL_ID_SHAPE = re.compile(r"(?<!\d)\d{6}[ .-]?\d{5}(?!\d)")
_SPACED_NATIONAL_ID = re.compile(r"(?<!\d)(?<!\d[ .-])\d(?:[ .-]?\d){10}(?![ .-]?\d)")
# Account, case or card numbers: nine or more digits in one run.
_LONG_NUMBER = re.compile(r"(?<!\d)\d{9,}(?!\d)")
_POSTCODE_AND_PLACE = re.compile(
    r"(?<!\d)\d{4} [A-ZÆØÅ][a-zæøå]{1,30}(?:-[A-ZÆØÅ]?[a-zæøå]{1,30})?")
_MONTHS = ("januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
           "|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|des")
# A whole date with its year («15.03.2012», «15. mars 2012»), or a day and month
# after «født» / «fødd».
_DATE = re.compile(
    rf"(?<![\d.])(?:0?[1-9]|[12]\d|3[01])(?:[./-] ?(?:0?[1-9]|1[0-2])[./-] ?(?:19|20)?\d\d"
    rf"|\.? (?i:{_MONTHS})\.? (?:19|20)\d\d)(?![\d])"
    rf"|(?<=\b(?i:født|fødd) )(?:den )?(?:0?[1-9]|[12]\d|3[01])(?:[./](?:0?[1-9]|1[0-2])\b|\.? (?i:{_MONTHS})\b)"
)
# A pupil's class: «i 3B», «går på 10a», «klasse 5C»; not «5A og 5B» (a timetable).
# Each pattern that starts with a word list first checks the first letter:
# trying the whole list at every position cost ten times as much.
_CLASS = re.compile(r"(?=[iIpPfFkKtT])\b((?i:i|på|fra|klasse|klassen|trinn) )(?:1[0-3]|[1-9])[A-Ha-h](?![\w-])")
# The fewest digits of a number the phone matcher can find: a Norwegian one has
# 5 or 8, a foreign one at least 6 with its country code (the test derives
# this from phonenumbers' metadata). Most texts have fewer and skip the matcher.
FEWEST_PHONE_DIGITS = 5
_DIGIT = re.compile(r"\d")
# The phone matcher reads one run of digits and separators at a time, with a
# character on each side (a letter there means it is no phone number): its
# own patterns are not linear on long runs, and a phone number is short. A
# run with more digits than two phone numbers is no text: it goes whole.
_DIGIT_RUN = re.compile(r"[+(]?\d[\d \t().+/-]*")
MOST_PHONE_RUN_DIGITS = 30
_UPPER = "A-ZÆØÅÉÜÖÄ"
_LOWER = "a-zæøåéüöä"
_WORD = rf"[{_UPPER}{_LOWER}][\w-]{{0,40}}"
_CAPITALISED = rf"[{_UPPER}][{_LOWER}]{{1,30}}(?:-[{_UPPER}][{_LOWER}]{{1,30}})?"
# A word as the name rules and the lexicon read it.
_WORD_TOKEN = re.compile(rf"(?<![\w-])[^\W\d_][\w]{{0,40}}(?:-[^\W\d_][\w]{{0,40}})?(?![\w-])")
_SENTENCE_END = re.compile(r"[.!?:;\n]")
_PLACE_PREPOSITIONS = frozenset({"i", "på", "fra"})
# The dictionary reads only Norwegian: in a message of this many words or more
# where fewer than this share are Norwegian words (two unknown words, a name,
# left out), it is not asked. Measured on data/nlu and the held-out sets: no
# Norwegian message is left out, 13 of 95 in other languages are asked.
LEXICON_MIN_WORDS = 4
LEXICON_MIN_KNOWN_SHARE = 0.9
# A longer text is redacted in pieces of about this size, cut where a sentence
# or at least a word ends: a regular expression holds the interpreter's lock
# for its whole run, and the web server's event loop must get its turn.
PIECE_CHARS = 4096
_PIECE_END = re.compile(r"(?<=[^\W\d_][.!?]) |\n")
_SPACE = re.compile(r"\s")
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
    DATE = "DATO"
    SCHOOL_CLASS = "KLASSE"
    SCHOOL = "SKOLE"
    KINDERGARTEN = "BARNEHAGE"

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


class KnownNames(Protocol):
    """Names learnt earlier in one conversation (bot/safety/name_memory.py).
    It can say whether a word is one of them, never what they were."""

    def __contains__(self, word: object) -> bool: ...

    def __bool__(self) -> bool: ...


class Lexicon(Protocol):
    def is_ordinary_word(self, word: str) -> bool:
        """True for a word of the language that is not a proper name."""

    def is_known(self, word: str) -> bool:
        """True for any word in the dictionary, proper names and places too."""


class SimplemmaLexicon:
    """The bokmål and nynorsk dictionaries the Rasa tokenizer has loaded.

    simplemma keeps proper names with a capital lemma («ingrid» -> «Ingrid»),
    so a word is ordinary when it is known and its lemma is lower case; a
    genitive («statens») is ordinary when the word without its «s» is."""

    def __init__(self, languages: Tuple[str, ...] = LEXICON_LANGUAGES) -> None:
        import simplemma  # only here: the web server must not load it

        self._simplemma = simplemma
        self._languages = languages

    def is_known(self, word: str) -> bool:
        return bool(self._simplemma.is_known(word.lower(), lang=self._languages))

    @lru_cache(maxsize=50_000)
    def is_ordinary_word(self, word: str) -> bool:
        lowered = word.lower()
        if self._simplemma.is_known(lowered, lang=self._languages):
            return self._simplemma.lemmatize(lowered, lang=self._languages).islower()
        return len(lowered) > 3 and lowered.endswith("s") and self.is_ordinary_word(lowered[:-1])


def pieces(text: str, size: int = PIECE_CHARS) -> List[str]:
    """``text`` cut into pieces of at most about ``size`` characters, after a
    sentence's end where there is one in the last quarter, else after a space."""
    result: List[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start + size * 3 // 4:start + size]
        ends = [match.end() for match in _PIECE_END.finditer(window)] or [
            match.end() for match in _SPACE.finditer(window)]
        cut = start + size * 3 // 4 + ends[-1] if ends else start + size
        result.append(text[start:cut])
        start = cut
    result.append(text[start:])
    return result


class _NamesOrKnown:
    """Names found in one piece of a long text, or learnt in the conversation."""

    def __init__(self, names: Collection[str], known: Optional[KnownNames]) -> None:
        self._folded = {name.casefold() for name in names}
        self._known = known

    def __contains__(self, word: object) -> bool:
        return (isinstance(word, str) and word.casefold() in self._folded) or bool(
            self._known and word in self._known)

    def __bool__(self) -> bool:
        return bool(self._folded or self._known)


def contains_placeholder(text: str) -> bool:
    """True if ``text`` was already redacted (for example by the web server)."""
    return bool(_PLACEHOLDER.search(text))


def _alternation(words: Iterable[str]) -> str:
    # Longest first, so "navnet hans er" wins over "navnet er".
    ordered = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(word) for word in ordered) + ")"


def _first_letters(words: Iterable[str]) -> str:
    """A lookahead for the first letters of ``words``, in either case."""
    letters = {word[0].lower() for word in words} | {word[0].upper() for word in words}
    return "(?=[" + "".join(sorted(letters)) + "])"


def knowledge_vocabulary(knowledge_dir: Path) -> Set[str]:
    """Lower-cased words of the names and synonyms in the knowledge base:
    services and places there are never taken for a person."""
    words: Set[str] = set()

    def collect(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for child_key, child in value.items():
                collect(child, str(child_key))
        elif isinstance(value, list):
            for child in value:
                collect(child, key)
        elif isinstance(value, str) and key in ("navn", "begrep", "synonymer"):
            words.update(match.group(0).lower() for match in _WORD_TOKEN.finditer(value))

    for path in sorted(knowledge_dir.glob("*.yml")):
        collect(yaml.safe_load(path.read_text(encoding="utf-8")))
    return words


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


_NO_NAMES: FrozenSet[str] = frozenset()


class Redactor:
    """Replaces personal data with ``[NAVN]``, ``[TELEFON]`` and so on."""

    def __init__(self, patterns_file: Path = DEFAULT_PATTERNS_FILE,
                 lexicon: Optional[Lexicon] = None,
                 protected_words: Collection[str] = ()) -> None:
        self._redactions: _RememberedByDigest[Redaction] = _RememberedByDigest(TEXTS_REMEMBERED)
        self._texts_without_names: _RememberedByDigest[FrozenSet[str]] = \
            _RememberedByDigest(TEXTS_REMEMBERED)
        self._lexicon = lexicon
        config = yaml.safe_load(patterns_file.read_text(encoding="utf-8"))
        self._keep_numbers: Set[str] = {str(n) for n in config["keep_numbers"]}
        self._vocabulary: Set[str] = {w.lower() for w in config["assistant_vocabulary"]} | {
            w.lower() for w in protected_words}
        self._not_names: Set[str] = {w.lower() for w in config["not_names"]}
        suffixes = _alternation(config["street_suffixes"])
        # The street word is found by its ending first; up to two capitalised
        # words before it are taken along («Øvre Slottsgate 3»).
        self._street = re.compile(
            rf"(?:(?<![\w-]){_CAPITALISED} ){{0,2}}(?<![\w.-])[\w.-]{{0,40}}?{suffixes}\.? \d{{1,4}} ?[A-Za-z]?(?!\w)",
            re.IGNORECASE,
        )
        self._street_without_number = re.compile(
            rf"\b((?:bor|bur) (?:i|på) |adressen er )[\w-]{{0,40}}?{suffixes}(?![\w-])",
            re.IGNORECASE,
        )
        self._after_trigger = re.compile(
            rf"{_first_letters(config['name_triggers'])}\b(?i:{_alternation(config['name_triggers'])}):? ({_WORD})(?: ({_CAPITALISED}))?"
        )
        relation = _alternation(config["relation_words"])
        possessive = _alternation(config["relation_possessives"])
        self._after_relation = re.compile(
            rf"{_first_letters(config['relation_words'])}\b(?i:{relation})(?: (?i:{possessive}))?,? ({_CAPITALISED})(?: ({_CAPITALISED}))?"
        )
        # «(Lukas, 7 år)»
        self._with_age = re.compile(rf"\(\s?({_WORD}),? \d{{1,2}} ?(?i:år|mnd|måneder)\b")
        # Not after «i», «på» or «fra»: «klokka i New York» is a place.
        self._full_name = re.compile(
            rf"(?=[{_UPPER}])(?<![\w-])(?<!\b[iI] )(?<!\b(?i:på) )(?<!\b(?i:fra) )"
            rf"({_CAPITALISED})((?: {_CAPITALISED}){{1,2}})(?![\w-])")
        institution = _alternation(config["school_words"] + config["kindergarten_words"])
        self._kindergarten_words = {w.lower() for w in config["kindergarten_words"]}
        # «Sagene skole», «Solsikken barnehage», «Fjell ungdomsskole»
        self._institution = re.compile(
            rf"(?<![\w-])((?:{_CAPITALISED} ){{1,2}})((?i:{institution}))(?![\w-])")

    def redact(self, text: str, known_names: Optional[KnownNames] = None) -> Redaction:
        """``known_names``: names learnt earlier in the conversation, removed here too."""
        if len(text) > PIECE_CHARS:
            # A name given in one piece is removed from the others too.
            known = _NamesOrKnown(self.names_in(text), known_names)
            parts = [self._redact(piece, known) for piece in pieces(text)]  # not remembered
            return Redaction("".join(part.text for part in parts),
                             frozenset().union(*(part.kinds for part in parts)))
        redaction = self._redactions.get(text)
        if redaction is None:
            redaction = self._redact(text, None)
            self._redactions.add(text, redaction)
        if not known_names:
            return redaction
        if redaction.found:
            return self._redact(text, known_names)
        # Clean apart from the known names: the patterns would change nothing.
        kinds: Set[PersonalDataKind] = set()
        return Redaction(text=self._redact_names(text, _NO_NAMES, known_names, kinds),
                         kinds=frozenset(kinds))

    def _redact(self, text: str, known_names: Optional[KnownNames]) -> Redaction:
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
        replace(_NATIONAL_ID_SHAPE, PersonalDataKind.NATIONAL_ID, _valid_national_id)
        replace(_SPACED_NATIONAL_ID, PersonalDataKind.NATIONAL_ID, _valid_national_id)
        replace(_NATIONAL_ID_SHAPE, PersonalDataKind.NUMBER)
        replace(_DATE, PersonalDataKind.DATE)
        text = self._redact_phone_numbers(text, kinds)
        replace(_LONG_NUMBER, PersonalDataKind.NUMBER)
        replace(self._street, PersonalDataKind.ADDRESS)
        replace(_POSTCODE_AND_PLACE, PersonalDataKind.ADDRESS)
        def after_first_group(kind: PersonalDataKind) -> Callable[["re.Match[str]"], str]:
            def substitute(match: "re.Match[str]") -> str:
                kinds.add(kind)
                return match.group(1) + kind.placeholder
            return substitute

        text = _CLASS.sub(after_first_group(PersonalDataKind.SCHOOL_CLASS), text)
        text = self._street_without_number.sub(after_first_group(PersonalDataKind.ADDRESS), text)
        text = self._institution.sub(lambda match: self._institution_placeholder(match, kinds), text)
        text = self._redact_names(text, self.names_in(text), known_names, kinds)
        return Redaction(text=text, kinds=frozenset(kinds))

    def _institution_placeholder(self, match: "re.Match[str]", kinds: Set[PersonalDataKind]) -> str:
        words = match.group(1).split()
        if not self._is_name(words[0]):  # «Hvilken skole», «Denne barnehagen»
            return match.group(0)
        kind = (PersonalDataKind.KINDERGARTEN if match.group(2).lower() in self._kindergarten_words
                else PersonalDataKind.SCHOOL)
        kinds.add(kind)
        return kind.placeholder

    def _redact_phone_numbers(self, text: str, kinds: Set[PersonalDataKind]) -> str:
        if len(_DIGIT.findall(text)) < FEWEST_PHONE_DIGITS:
            return text
        pieces = []
        position = 0
        for run in _DIGIT_RUN.finditer(text):
            digits = len(_DIGIT.findall(run.group(0)))
            if run.start() < position or digits < FEWEST_PHONE_DIGITS:
                continue
            if digits > MOST_PHONE_RUN_DIGITS:
                pieces += [text[position:run.start()], PersonalDataKind.NUMBER.placeholder]
                position = run.end()
                kinds.add(PersonalDataKind.NUMBER)
                continue
            start = max(position, run.start() - 1)
            window = text[start:run.end() + 1]
            for match in phonenumbers.PhoneNumberMatcher(window, PHONE_REGION):
                if re.sub(r"\D", "", match.raw_string) in self._keep_numbers:
                    continue
                pieces += [text[position:start + match.start], PersonalDataKind.PHONE.placeholder]
                position = start + match.end
                kinds.add(PersonalDataKind.PHONE)
        return "".join(pieces) + text[position:]

    def _is_name(self, word: str) -> bool:
        lowered = word.lower()
        return lowered not in self._vocabulary and lowered not in self._not_names

    def names_in(self, text: str) -> Set[str]:
        """Personal names written in one of the common patterns."""
        if len(text) > PIECE_CHARS:
            return set().union(*(self.names_in(piece) for piece in pieces(text)))
        remembered = self._texts_without_names.get(text)
        if remembered is not None:
            return set(remembered)
        names: Set[str] = set()
        for match in self._after_trigger.finditer(text):
            if self._is_name(match.group(1)):
                names.update(w for w in match.groups() if w and self._is_name(w))
        for pattern in (self._after_relation, self._with_age):
            for match in pattern.finditer(text):
                names.update(w for w in match.groups() if w and self._is_name(w))
        for match in self._full_name.finditer(text):
            words = [match.group(1), *match.group(2).split()]
            # A capitalised function word ("Hei", "Jeg") starts a sentence, not a name.
            if all(self._is_name(word) for word in words):
                names.update(words)
        if self._lexicon is not None:
            names.update(self._names_by_lexicon(text))
        names.discard("")
        if not names:  # names themselves are not kept, even in memory
            self._texts_without_names.add(text, frozenset())
        return names

    def _is_proper(self, word: str) -> bool:
        """Neither an ordinary word nor one of ours."""
        assert self._lexicon is not None
        return (self._is_name(word) and word not in _PLACEHOLDER_WORDS
                and not self._lexicon.is_ordinary_word(word))

    def _names_by_lexicon(self, text: str) -> Set[str]:
        """Names only a dictionary can tell: a capitalised word the dictionary
        does not know as an ordinary word («Jonas sier», «hos Lukas»), and two
        such words in a row in one case («emma larsen», «EMMA LARSEN»)."""
        names: Set[str] = set()
        places: Set[str] = set()
        tokens = list(_WORD_TOKEN.finditer(text))
        assert self._lexicon is not None
        known = sum(self._lexicon.is_known(token.group(0)) for token in tokens)
        judged = len(tokens) - min(2, len(tokens) - known)
        if len(tokens) >= LEXICON_MIN_WORDS and known < LEXICON_MIN_KNOWN_SHARE * judged:
            return names  # another language: every word would look like a name
        for index, token in enumerate(tokens):
            word = token.group(0)
            following = tokens[index + 1].group(0) if index + 1 < len(tokens) else ""
            if word[0].isupper() and not word.isupper() and self._is_proper(word):
                gap = text[tokens[index - 1].end():token.start()] if index else ""
                starts_sentence = index == 0 or bool(_SENTENCE_END.search(gap))
                # «bor i Bergen», «klokka i New York»: a place, where people live.
                before = tokens[index - 1].group(0) if index else ""
                in_place = (before.lower() in _PLACE_PREPOSITIONS
                            and (self._lexicon.is_known(word) or following.istitle())
                            ) or (before.istitle() and before in places)
                # At a sentence's start a name is followed by a lower-case word.
                if in_place:
                    places.add(word)
                elif not starts_sentence or following[:1].islower():
                    names.add(word)
            if index + 1 < len(tokens) and (word.islower() or word.isupper()):
                following = tokens[index + 1].group(0)
                same_case = following.islower() if word.islower() else following.isupper()
                adjacent = text[token.end():tokens[index + 1].start()] == " "
                if same_case and adjacent and self._is_proper(word) and self._is_proper(following):
                    names.update((word, following))
        return names

    def _redact_names(self, text: str, names: Collection[str], known_names: Optional[KnownNames],
                      kinds: Set[PersonalDataKind]) -> str:
        if not names and not known_names:
            return text

        folded = {name.casefold() for name in names}

        def replace(match: "re.Match[str]") -> str:
            word = match.group(0)
            if word.casefold() in folded or (known_names and word in known_names):
                kinds.add(PersonalDataKind.NAME)
                return PersonalDataKind.NAME.placeholder
            return word

        # Every mention goes, also a bare "Ola er redd" after "heter Ola".
        redacted = _WORD_TOKEN.sub(replace, text)
        return _REPEATED_NAME.sub(PersonalDataKind.NAME.placeholder, redacted)

    def redact_nested(self, value: Any, known_names: Optional[KnownNames] = None) -> Any:
        """Redacts every string inside dicts, lists and tuples; keys are kept."""
        if isinstance(value, str):
            return self.redact(value, known_names).text
        if isinstance(value, dict):
            return {key: self.redact_nested(item, known_names) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(self.redact_nested(item, known_names) for item in value)
        return value


_PLACEHOLDER_WORDS = frozenset(kind.value for kind in PersonalDataKind)
_REPEATED_NAME = re.compile(
    rf"{re.escape(PersonalDataKind.NAME.placeholder)}(?: {re.escape(PersonalDataKind.NAME.placeholder)})+")


def _valid_national_id(found: str) -> bool:
    return fodselsnummer.is_valid(re.sub(r"\D", "", found))


def _knowledge_dir() -> Path:
    from bot.platform.settings import Settings  # settings read the environment; imported late
    return Settings.from_env().knowledge_dir


@lru_cache(maxsize=1)
def default_redactor() -> Redactor:
    """The web server's redactor: patterns only, so the process stays small."""
    return Redactor(protected_words=knowledge_vocabulary(_knowledge_dir()))


@lru_cache(maxsize=1)
def lexicon_redactor() -> Redactor:
    """The Rasa processes' redactor: patterns and the dictionaries the
    tokenizer has loaded, for names only a dictionary can tell."""
    return Redactor(lexicon=SimplemmaLexicon(),
                    protected_words=knowledge_vocabulary(_knowledge_dir()))


def redact(text: str, known_names: Optional[KnownNames] = None) -> Redaction:
    """Redacts ``text`` with the shared redactor."""
    return default_redactor().redact(text, known_names)


def kinds_as_labels(kinds: FrozenSet[PersonalDataKind]) -> Tuple[str, ...]:
    """Sorted placeholder words, e.g. ("NAVN", "TELEFON"), for metadata and logs."""
    return tuple(sorted(kind.value for kind in kinds))
