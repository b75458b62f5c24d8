"""Builds the Norwegian spaCy pipeline.

No pretrained Norwegian spaCy model can be installed, so we start from
``spacy.blank("nb")``, teach its tokenizer a few Norwegian habits and add two
registered pipes: one that merges multi-part tokens (phone numbers, legal
references) and one that sets lemmas from simplemma, which covers both bokmål
and nynorsk.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, Iterable, List, Sequence, Tuple

import simplemma
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

# Multi-token expressions that should reach the featurizers as one token.
MERGE_PATTERNS: Dict[str, str] = {
    # "116 111", "22 33 44 55", "+47 900 12 345", "02800"
    "phone_number": r"(?<![\w+])(?:\+47\s?)?\d{2,3}(?:\s\d{2,3}){1,3}(?!\w)",
    # "§ 13-2", "§ 13 a", "§§ 282–283"; the letter is a-h so "§ 13-2 i loven" stays apart
    "legal_reference": r"§§?\s?\d+(?:\s?[-–]\s?\d+)?(?:\s[a-h](?![\w.]))?",
}

# Abbreviations that the stock nb tokenizer splits but Norwegian texts about
# child welfare use often (law short names and everyday abbreviations).
DEFAULT_ABBREVIATIONS: Tuple[str, ...] = (
    "bvl.", "hpl.", "fvl.", "strl.", "sotjl.", "pga.", "iht.", "ift.", "mtp.",
    "evt.", "ev.", "ca.", "jf.", "nr.", "kl.", "tlf.", "mob.", "dvs.", "bl.a.",
    "f.eks.", "m.m.", "o.l.", "osv.", "mht.", "vha.", "ifm.", "mnd.", "bhg.",
)


@dataclass(frozen=True)
class NorwegianNLPSettings:
    """Settings that the Rasa component takes from ``config.yml``."""

    lemma_languages: Tuple[str, ...] = ("nb", "nn")
    abbreviations: Tuple[str, ...] = DEFAULT_ABBREVIATIONS
    merge: Tuple[str, ...] = tuple(MERGE_PATTERNS)

    @classmethod
    def from_config(cls, config: Dict) -> "NorwegianNLPSettings":
        unknown = set(config.get("merge", ())) - set(MERGE_PATTERNS)
        if unknown:
            raise ValueError(
                f"Ukjent 'merge'-mønster i config.yml: {sorted(unknown)}. "
                f"Gyldige verdier er {sorted(MERGE_PATTERNS)}."
            )
        return cls(
            lemma_languages=tuple(config.get("lemma_languages", cls.lemma_languages)),
            abbreviations=tuple(config.get("abbreviations", cls.abbreviations)),
            merge=tuple(config.get("merge", cls.merge)),
        )


@lru_cache(maxsize=50_000)
def lemmatize_word(word: str, languages: Tuple[str, ...]) -> str:
    """Lower-cased lemma of one word; simplemma tries the languages in order."""
    lowered = word.lower()
    if not any(ch.isalpha() for ch in lowered):
        return lowered
    return simplemma.lemmatize(lowered, lang=languages).lower()


@Language.factory(
    "nb_simplemma_lemmatizer",
    default_config={"languages": ["nb", "nn"]},
)
def create_simplemma_lemmatizer(nlp: Language, name: str, languages: List[str]):
    """spaCy pipe that fills ``token.lemma_`` from simplemma."""
    language_key = tuple(languages)

    def set_lemmas(doc: Doc) -> Doc:
        for token in doc:
            token.lemma_ = lemmatize_word(token.text, language_key)
        return doc

    return set_lemmas


@Language.factory("nb_token_merger", default_config={"patterns": list(MERGE_PATTERNS)})
def create_token_merger(nlp: Language, name: str, patterns: List[str]):
    """spaCy pipe that merges tokens matched by the named ``MERGE_PATTERNS``."""
    compiled = [re.compile(MERGE_PATTERNS[kind]) for kind in patterns]

    def merge_tokens(doc: Doc) -> Doc:
        spans = []
        for regex in compiled:
            for match in regex.finditer(doc.text):
                span = doc.char_span(*match.span(), alignment_mode="contract")
                if span is not None and len(span) > 1:
                    spans.append(span)
        with doc.retokenize() as retokenizer:
            for span in spacy.util.filter_spans(spans):
                retokenizer.merge(span)
        return doc

    return merge_tokens


def _customise_tokenizer(nlp: Language, abbreviations: Iterable[str]) -> None:
    tokenizer = nlp.tokenizer
    for abbreviation in abbreviations:
        for variant in {abbreviation, abbreviation.capitalize()}:
            tokenizer.add_special_case(variant, [{"ORTH": variant}])
    # A full stop after digits ends the sentence ("ring 02800.", "kl. 08:30.");
    # ordinals like "17." are rare in chat and lose nothing as "17" + ".".
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=\d)\."]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # "lærer;hva" is two words written without a space.
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[^\W\d]);(?=[^\W\d])"]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def build_norwegian_nlp(settings: NorwegianNLPSettings = NorwegianNLPSettings()) -> Language:
    """A blank bokmål pipeline with our tokenizer rules, merger and lemmatizer."""
    nlp = spacy.blank("nb")
    _customise_tokenizer(nlp, settings.abbreviations)
    if settings.merge:
        nlp.add_pipe("nb_token_merger", config={"patterns": list(settings.merge)})
    nlp.add_pipe(
        "nb_simplemma_lemmatizer",
        config={"languages": list(settings.lemma_languages)},
    )
    return nlp


def lemmas(nlp: Language, text: str) -> List[str]:
    """Lemmas of the word tokens in ``text`` (punctuation dropped)."""
    return [t.lemma_ for t in nlp(text) if not (t.is_punct or t.is_space)]


def tokens_with_lemmas(nlp: Language, text: str) -> Sequence[Tuple[str, int, str]]:
    """(text, start offset, lemma) for each non-space token."""
    return [(t.text, t.idx, t.lemma_) for t in nlp(text) if not t.is_space]
