"""Search across all content with BM25 over lemmas (bokmål and nynorsk).

Titles and synonyms weigh more than body text. Query words that are not in the
vocabulary are matched by prefix, compound parts and character trigrams, so
"barnevernsmelding" finds "melding"/"barnevern" and "helsestasjonenn" still
finds "helsestasjon".
"""

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple, TypeVar

from spacy.language import Language

from bot.knowledge.model import ItemKind, KnowledgeBase
from bot.language.norwegian import build_norwegian_nlp

FIELD_WEIGHTS = {"title": 3.0, "synonyms": 3.0, "body": 1.0}
BM25_K1 = 1.2
BM25_B = 0.75
MIN_FUZZY_SIMILARITY = 0.55
MAX_EXPANSIONS = 4
MIN_PART_LENGTH = 4  # shortest word we look for inside a compound
# Added once when the query contains an item's whole name or synonym ("barnevernet").
NAME_MATCH_BONUS = 5.0
# How many distinct query words (fuzzy expansions) and whole queries (scores) an index remembers.
EXPANSION_CACHE_SIZE = 4096
QUERY_CACHE_SIZE = 1024

Result = TypeVar("Result")

# Function words (bokmål and nynorsk, surface forms and lemmas) that carry no topic.
STOPWORDS = frozenset(
    """
    og i jeg eg det at en ein et eit ei den til er som på de dei med han ho hun av ikke ikkje
    der så var meg seg men ett har om vi me min mi mitt mine ha hadde nå no over da då ved
    fra frå du ut sin si sitt sine dem oss opp man kan hans hennar hennes hvor kvar eller hva kva
    skal vil bli ble blitt kunne kan inn når kva være vere vore noen nokon noe noko ville dere
    deg hvis viss dersom hvordan korleis hvorfor kvifor hvem kven hvilken hvilke kva_for denne
    dette disse desse her alle få gjøre gjere gjør gjer må måtte skulle også og for før etter
    litt mye mykje veldig bare berre the a
    """.split()
)


@dataclass(frozen=True)
class SearchHit:
    kind: ItemKind
    id: str
    title: str
    score: float


@dataclass(frozen=True)
class _Document:
    kind: ItemKind
    id: str
    title: str
    weighted_terms: Dict[str, float]  # term -> weighted term frequency
    length: float
    names: Tuple[str, ...]  # normalised title and synonyms


def _normalise(text: str) -> str:
    return " ".join(re.findall(r"[\w-]+", text.casefold()))


@lru_cache(maxsize=1)
def default_nlp() -> Language:
    """The shared Norwegian pipeline (building it is slow, so only once)."""
    return build_norwegian_nlp()


def _terms(nlp: Language, text: str) -> List[str]:
    """Lemma and surface form of each content word (both help with odd lemmas)."""
    terms: List[str] = []
    for token in nlp(text):
        if token.is_punct or token.is_space:
            continue
        surface = token.text.lower()
        lemma = token.lemma_.lower()
        for term in dict.fromkeys((surface, lemma)):  # a set would order by hash seed
            if term not in STOPWORDS and any(ch.isalnum() for ch in term):
                terms.append(term)
    return terms


def _trigrams(word: str) -> Set[str]:
    padded = f"#{word}#"
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def _items(kb: KnowledgeBase) -> Iterable[Tuple[ItemKind, str, str, Tuple[str, ...], str]]:
    """(kind, id, title, synonyms, body text) for every searchable item."""
    for s in kb.services.values():
        yield ItemKind.SERVICE, s.id, s.name, s.synonyms, f"{s.for_whom} {s.description}"
    for r in kb.rules.values():
        body = " ".join([r.short_answer, r.details, *r.by_role.values()])
        yield ItemKind.RULE, r.id, r.title, r.synonyms, body
    for r in kb.routines.values():
        yield ItemKind.ROUTINE, r.id, r.title, r.synonyms, " ".join([r.summary, *r.steps])
    for n in kb.nodes.values():
        yield ItemKind.NODE, n.id, n.title, n.synonyms, n.text
    for t in kb.terms.values():
        yield ItemKind.TERM, t.id, t.term, t.synonyms, t.explanation


def _remembered(cache: Dict[str, Result], size: int, key: str,
                compute: Callable[[str], Result]) -> Result:
    """``compute(key)``, kept in ``cache``, which is emptied when it holds ``size`` results.

    Unlike an lru_cache around a method, the cache holds no reference back to the index,
    so a replaced index is freed at once instead of at the next full garbage collection.
    """
    if key not in cache:
        if len(cache) >= size:
            cache.clear()
        cache[key] = compute(key)
    return cache[key]


class SearchIndex:
    """An immutable index over one knowledge-base snapshot."""

    def __init__(self, documents: List[_Document], nlp: Language, version: int):
        self.version = version
        self._nlp = nlp
        self._documents = documents
        self._average_length = sum(d.length for d in documents) / max(len(documents), 1)
        self._document_frequency: Counter = Counter()
        self._postings: Dict[str, List[int]] = defaultdict(list)
        for number, document in enumerate(documents):
            for term in document.weighted_terms:
                self._document_frequency[term] += 1
                self._postings[term].append(number)
        # Fuzzy matching compares a query word only with the vocabulary terms that share a
        # trigram with it: every non-zero similarity (prefix, compound part, spelling) needs one.
        self._vocabulary = list(self._postings)
        self._vocabulary_trigrams = [_trigrams(term) for term in self._vocabulary]
        self._terms_with_trigram: Dict[str, List[int]] = defaultdict(list)
        for position, trigrams in enumerate(self._vocabulary_trigrams):
            for trigram in trigrams:
                self._terms_with_trigram[trigram].append(position)
        # People ask the same questions, with the same words, again and again (and one answer
        # searches twice). Scores and expansions only depend on this index, that is on one
        # knowledge-base version, so they are kept with it and go when the content changes.
        self._expansion_cache: Dict[str, List[Tuple[str, float]]] = {}
        self._score_cache: Dict[str, Tuple[Tuple[int, float], ...]] = {}
        self._padded_names = [(number, tuple(f" {name} " for name in document.names))
                              for number, document in enumerate(documents)]

    @classmethod
    def build(cls, kb: KnowledgeBase, nlp: Optional[Language] = None) -> "SearchIndex":
        nlp = nlp or default_nlp()
        documents = []
        for kind, item_id, title, synonyms, body in _items(kb):
            fields = {"title": title, "synonyms": " ".join(synonyms), "body": body}
            weighted: Dict[str, float] = defaultdict(float)
            for name, text in fields.items():
                for term in _terms(nlp, text):
                    weighted[term] += FIELD_WEIGHTS[name]
            names = tuple(n for n in map(_normalise, (title, *synonyms)) if len(n) >= 2)
            documents.append(
                _Document(kind, item_id, title, dict(weighted), sum(weighted.values()), names)
            )
        return cls(documents, nlp, kb.version)

    def _similarity(self, query_term: str, query_trigrams: Set[str], position: int) -> float:
        term = self._vocabulary[position]
        if query_term == term:
            return 1.0
        shorter, longer = sorted((query_term, term), key=len)
        if len(shorter) >= MIN_PART_LENGTH and longer.startswith(shorter):
            return 0.6 + 0.3 * len(shorter) / len(longer)
        if len(shorter) >= MIN_PART_LENGTH + 1 and shorter in longer:
            return 0.6  # a compound part: "vold" in "familievold"
        term_trigrams = self._vocabulary_trigrams[position]
        dice = 2 * len(query_trigrams & term_trigrams) / (len(query_trigrams) + len(term_trigrams))
        return dice if dice >= MIN_FUZZY_SIMILARITY else 0.0

    def _expand(self, query_term: str) -> List[Tuple[str, float]]:
        """Vocabulary terms that stand in for ``query_term``, with a weight."""
        if query_term in self._postings and len(query_term) < 2 * MIN_PART_LENGTH:
            return [(query_term, 1.0)]
        query_trigrams = _trigrams(query_term)
        # In vocabulary order, so equal scores rank as they always did.
        candidates = sorted({position for trigram in query_trigrams
                             for position in self._terms_with_trigram.get(trigram, ())})
        scored = [(self._vocabulary[position], self._similarity(query_term, query_trigrams, position))
                  for position in candidates]
        best = sorted((pair for pair in scored if pair[1] > 0), key=lambda p: -p[1])
        return best[:MAX_EXPANSIONS]

    def _expansions(self, query_term: str) -> List[Tuple[str, float]]:
        return _remembered(self._expansion_cache, EXPANSION_CACHE_SIZE, query_term, self._expand)

    def _scores(self, query: str) -> Tuple[Tuple[int, float], ...]:
        return _remembered(self._score_cache, QUERY_CACHE_SIZE, query, self._score)

    def _idf(self, term: str) -> float:
        frequency = self._document_frequency[term]
        return math.log(1 + (len(self._documents) - frequency + 0.5) / (frequency + 0.5))

    def _score(self, query: str) -> Tuple[Tuple[int, float], ...]:
        """(document number, score) for every document the query matches."""
        scores: Dict[int, float] = defaultdict(float)
        for query_term in dict.fromkeys(_terms(self._nlp, query)):
            for term, weight in self._expansions(query_term):
                idf = self._idf(term)
                for number in self._postings[term]:
                    document = self._documents[number]
                    frequency = document.weighted_terms[term]
                    norm = 1 - BM25_B + BM25_B * document.length / self._average_length
                    scores[number] += (
                        weight * idf * frequency * (BM25_K1 + 1) / (frequency + BM25_K1 * norm)
                    )
        padded_query = f" {_normalise(query)} "
        for number, names in self._padded_names:
            if any(name in padded_query for name in names):
                scores[number] += NAME_MATCH_BONUS
        return tuple(scores.items())

    def search(
        self, query: str, limit: int = 5, kinds: Optional[Sequence[ItemKind]] = None
    ) -> List[SearchHit]:
        hits = []
        for number, score in self._scores(query):
            document = self._documents[number]
            if kinds is None or document.kind in kinds:
                hits.append(SearchHit(document.kind, document.id, document.title, round(score, 3)))
        hits.sort(key=lambda hit: -hit.score)
        return hits[:limit]


def search(kb: KnowledgeBase, query: str, limit: int = 5) -> List[SearchHit]:
    """One-off search; build a :class:`SearchIndex` yourself to search many times."""
    return SearchIndex.build(kb).search(query, limit=limit)
