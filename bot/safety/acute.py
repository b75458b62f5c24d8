"""Rule layer of the acute-danger safety net.

The NLU classifier can miss a message it has never seen anything like, so
every user message also goes through these phrase and lemma rules. The rules
live in ``acute_patterns.yml`` (see the comments there); this module only
normalises text and runs them.
"""

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

import simplemma
import yaml

DEFAULT_PATTERNS_FILE = Path(__file__).with_name("acute_patterns.yml")
LEMMA_LANGUAGES = ("nb", "nn")

_FRAGMENT_REFERENCE = re.compile(r"\{([a-z_]+)\}")
_NOT_WORD = re.compile(r"[^\w\s-]+")
_LETTER_RUN = re.compile(r"([^\W\d])\1{2,}")
_WORD = re.compile(r"\w+")

Lemmatizer = Callable[[str], Sequence[str]]


class DangerCategory(str, Enum):
    SUICIDE = "suicide"
    SEXUAL_ABUSE = "sexual_abuse"
    VIOLENCE = "violence"
    DANGER_NOW = "danger_now"


@dataclass(frozen=True)
class AcuteMatch:
    """Why a message counts as acute: the category and the words that fired."""

    category: DangerCategory
    evidence: str


@dataclass(frozen=True)
class _CompiledRules:
    synonyms: Mapping[str, str]
    typo_targets: Tuple[str, ...]
    exclusions: Tuple["re.Pattern[str]", ...]
    negated_harm: Tuple["re.Pattern[str]", ...]
    denial_doubted: Tuple["re.Pattern[str]", ...]
    # a denial is cut only when at most this many words are left beside it,
    denial_most_other_words: int
    # and none of them is another harm word
    denial_kept_when_rest_has: Tuple["re.Pattern[str]", ...]
    # in priority order
    categories: Tuple[Tuple[DangerCategory, Tuple["re.Pattern[str]", ...]], ...]


def _expand_fragments(pattern: str, fragments: Mapping[str, str]) -> str:
    # Fragments may use other fragments; a fixed depth stops reference loops.
    for _ in range(10):
        expanded = _FRAGMENT_REFERENCE.sub(lambda m: fragments[m.group(1)], pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    raise ValueError(f"Fragmentene i acute_patterns.yml refererer i ring: {pattern[:80]}")


def load_rules(path: Path = DEFAULT_PATTERNS_FILE) -> _CompiledRules:
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    fragments: Dict[str, str] = config.get("fragments", {})

    def compile_all(patterns: Sequence[str]) -> Tuple["re.Pattern[str]", ...]:
        return tuple(re.compile(_expand_fragments(p, fragments)) for p in patterns)

    negated_harm = config.get("negated_harm", {})
    unknown = set(config["categories"]) - {c.value for c in DangerCategory}
    if unknown:
        raise ValueError(f"Ukjente kategorier i {path.name}: {sorted(unknown)}")
    return _CompiledRules(
        synonyms={str(k): str(v) for k, v in config.get("synonyms", {}).items()},
        typo_targets=tuple(config.get("typo_targets", ())),
        exclusions=compile_all(config.get("exclusions", ())),
        negated_harm=compile_all(negated_harm.get("patterns", ())),
        denial_doubted=compile_all(negated_harm.get("doubted_when", ())),
        denial_most_other_words=int(negated_harm.get("most_other_words", 0)),
        denial_kept_when_rest_has=compile_all(negated_harm.get("kept_when_rest_has", ())),
        categories=tuple(
            (DangerCategory(name), compile_all(patterns))
            for name, patterns in config["categories"].items()
        ),
    )


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: a swap of two letters counts as one."""
    previous_row: List[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before_previous, previous_row = previous_row, row
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], before_previous[j - 2] + 1)
    return row[-1]


@lru_cache(maxsize=1)
def _default_lemmatizer() -> Lemmatizer:
    # spaCy is slow to import and build, so only the first detector pays for it.
    from bot.language.norwegian import build_norwegian_nlp, lemmas

    nlp = build_norwegian_nlp()
    return lambda text: lemmas(nlp, text)


class AcuteDangerDetector:
    """Decides whether a message describes a child in acute danger."""

    def __init__(
        self,
        patterns_file: Path = DEFAULT_PATTERNS_FILE,
        lemmatizer: Optional[Lemmatizer] = None,
    ) -> None:
        self._rules = load_rules(patterns_file)
        self._lemmatizer = lemmatizer

    def normalise(self, text: str) -> str:
        """Lower-cased bokmål-ish words: dialect mapped, typos in key words fixed."""
        text = unicodedata.normalize("NFKC", text).lower().replace("aa", "å")
        words = []
        for token in _NOT_WORD.sub(" ", text).split():
            token = token.strip("-_")
            if token:
                words.append(self._rules.synonyms.get(token) or self._correct_typo(token))
        return " ".join(words)

    def _correct_typo(self, token: str) -> str:
        if len(token) < 5 or not token.isalpha() or token in self._rules.typo_targets:
            return token
        if simplemma.is_known(token, lang=LEMMA_LANGUAGES):
            return token
        allowed = 1 if len(token) < 9 else 2
        for target in self._rules.typo_targets:
            if abs(len(target) - len(token)) <= allowed and edit_distance(token, target) <= allowed:
                return target
        return token

    def _text_forms(self, normalised: str) -> List[str]:
        lemmatize = self._lemmatizer or _default_lemmatizer()
        # before lemmatising: the lemmas of «ikke blitt slått» and «ikke bli slått» are the same
        normalised = self._without_negated_harm(normalised)
        forms = [
            normalised,
            # "slååår", "hjeeelp": elongated youth spellings
            _LETTER_RUN.sub(r"\1", normalised),
            " ".join(lemmatize(normalised)),
        ]
        return [self._without_exclusions(form) for form in forms]

    def _without_negated_harm(self, text: str) -> str:
        """``text`` without a lone denial of harm («jeg har jo ikke blitt slått»)."""
        if any(doubt.search(text) for doubt in self._rules.denial_doubted):
            return text
        cut = text
        for negated in self._rules.negated_harm:
            cut = negated.sub(" , ", cut)
        lone = (len(_WORD.findall(cut)) <= self._rules.denial_most_other_words
                and not any(harm.search(cut) for harm in self._rules.denial_kept_when_rest_has))
        return cut if cut != text and lone else text

    def _without_exclusions(self, text: str) -> str:
        for exclusion in self._rules.exclusions:
            # a comma keeps the words on each side from forming a new phrase
            text = exclusion.sub(" , ", text)
        return text

    def detect(self, text: str) -> Optional[AcuteMatch]:
        """The highest-priority category the message matches, or ``None``."""
        normalised = self.normalise(text)
        if not normalised:
            return None
        forms = self._text_forms(normalised)
        for category, patterns in self._rules.categories:
            for pattern in patterns:
                for form in forms:
                    found = pattern.search(form)
                    if found:
                        return AcuteMatch(category=category, evidence=found.group(0).strip())
        return None


@lru_cache(maxsize=1)
def default_detector() -> AcuteDangerDetector:
    """One shared detector for the process (the patterns are compiled once)."""
    return AcuteDangerDetector()
