"""Reads free-text answers in the walk: ja/nei/vet ikke, roles and options.

Options are matched by words, not by a trained model, so a new or edited
option in ``knowledge/`` is understood without retraining: the option's own
text, and the title and synonyms of the step it leads to, are compared with
the message lemma by lemma, with some tolerance for typos and compounds.
"""

import math
import re
from enum import Enum
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

from spacy.language import Language

from bot.knowledge.model import Choice, GuideNode, KnowledgeBase
from bot.knowledge.search import STOPWORDS, default_nlp


class Reply(str, Enum):
    YES = "ja"
    NO = "nei"
    UNSURE = "vet_ikke"


def _words(text: str) -> List[str]:
    return re.findall(r"[^\W_]+", text.casefold())


# Whole short answers; bokmål, nynorsk and chat spellings.
_REPLIES: Dict[Reply, Set[str]] = {
    Reply.YES: {"ja", "jo", "jepp", "japp", "jaa", "ja da", "jada", "ja takk", "yes", "ok", "okei",
                "stemmer", "det stemmer", "absolutt", "ja det er det", "ja hun er det",
                "videre", "neste", "gå videre", "fortsett", "ja nå"},
    Reply.NO: {"nei", "nope", "nei da", "neida", "nei takk", "nei ikke nå", "ikke nå", "ikkje no",
               "nei det er det ikke", "nei det er det ikkje", "nei ikkje no", "no", "næ", "nei nei"},
    Reply.UNSURE: {"vet ikke", "veit ikke", "veit ikkje", "vet ikkje", "usikker", "jeg er usikker",
                   "eg er usikker", "jeg vet ikke", "eg veit ikkje", "kanskje", "tja", "nja", "aner ikke",
                   "vanskelig å si", "vanskeleg å seie", "ikke sikker", "ikkje sikker", "usikre"},
}

_BACK = {"tilbake", "gå tilbake", "ga tilbake", "forrige", "angre", "gå tilbake ett steg",
         "ett steg tilbake", "eitt steg tilbake", "gå attende", "attende", "tilbake takk"}


# «Hva nå?» in the walk asks for the step it is at: its advice and its ways on.
_WHAT_NEXT = {"hva nå", "hva nå da", "kva no", "kva no då", "ka no", "ka nå", "hva nå så", "og nå",
              "og så", "hva så", "kva så", "hva så nå", "hva gjør jeg nå", "hva gjør jeg da", "hva skal jeg gjøre nå",
              "kva gjer eg no", "kva gjer eg då", "kva skal eg gjere no", "hva er neste steg", "kva er neste steg",
              "neste steg", "hva er neste", "hva må jeg gjøre nå", "hva bør jeg gjøre nå", "ok hva nå",
              "ok kva no", "okei hva nå", "ja hva nå", "men hva nå", "og hva nå", "og kva no"}


def asks_what_next(text: str) -> bool:
    """«hva nå?», «kva no?», «hva gjør jeg nå?»: the whole message asks what to do next."""
    return " ".join(_words(text)) in _WHAT_NEXT


def reply_in(text: str) -> Optional[Reply]:
    """Ja, nei or vet ikke when that is all the message says ("nei." and "Nei!!" too)."""
    said = " ".join(_words(text))
    return next((reply for reply, forms in _REPLIES.items() if said in forms), None)


def starts_with_reply(text: str) -> Optional[Reply]:
    """Ja/nei as the first word of a longer answer, e.g. "nei, jeg er lærer"."""
    words = _words(text)
    if not words:
        return None
    return reply_in(words[0])


def asks_to_go_back(text: str) -> bool:
    return " ".join(_words(text)) in _BACK


# Negation carries meaning in options ("sier nei", "ikke grunn til å melde").
_NEGATIONS = {"ikke", "ikkje", "nei", "ingen", "inga"}
_MIN_PART = 4
# People say "mamma" or "far" where the guide says "forelder".
_PARENT_WORDS = {"mor", "mora", "moren", "mamma", "mammaen", "far", "faren", "pappa", "pappaen",
                 "foreldre", "foreldrene", "forelderen", "foreldra"}
_PARENT = "forelder"
# The child is in nearly every option, so the word tells nothing: it chose the danger exit,
# «Barnet er i fare akkurat nå», for «barnet er ofte sultent». «Barnehage» and «barnevern»
# start with «barn» but are not the child («jeg jobber i barnehagen» chose it too).
_THE_CHILD = {"barn", "barnet", "barna", "barnets", "barns"}
_MIN_SIMILARITY = 0.6
# The best option must score this much more than the next best to count as the answer.
_MARGIN = 1.5
_MIN_SCORE = 0.5
# Distinct option descriptions and words whose analysis is kept (they repeat on every answer).
_CACHE_SIZE = 4096


@lru_cache(maxsize=_CACHE_SIZE)
def _trigrams(word: str) -> FrozenSet[str]:
    padded = f"#{word}#"
    return frozenset(padded[i:i + 3] for i in range(len(padded) - 2))


# A free-text answer's words are held against every word of every option.
@lru_cache(maxsize=4 * _CACHE_SIZE)
def similarity(a: str, b: str) -> float:
    """1 for the same word, less for a prefix, a compound part or a near spelling."""
    if a == b:
        return 1.0
    shorter, longer = sorted((a, b), key=len)
    if longer.startswith(shorter) and (len(shorter) >= _MIN_PART or len(longer) - len(shorter) <= 2):
        return 0.8  # "melde"/"meldeplikt", and short stems with an ending: "rus"/"ruser"
    if len(shorter) > _MIN_PART and shorter in longer:
        return 0.6
    x, y = _trigrams(a), _trigrams(b)
    dice = 2 * len(x & y) / (len(x) + len(y))
    return 0.8 * dice if dice >= _MIN_SIMILARITY else 0.0


class OptionMatcher:
    """Finds the option a free-text answer means, among the options of one step."""

    def __init__(self, nlp: Optional[Language] = None):
        self._nlp = nlp or default_nlp()
        # Keyed by the text itself, so an edited option is analysed anew.
        self._terms_in = lru_cache(maxsize=_CACHE_SIZE)(self._all_words)

    def words(self, text: str) -> List[Set[str]]:
        """Per content word: its surface form and lemma (either may be the one that matches)."""
        found: List[Set[str]] = []
        for token in self._nlp(text):
            if token.is_punct or token.is_space:
                continue
            forms = {f for f in (token.text.casefold(), token.lemma_.casefold())
                     if f in _NEGATIONS or (f not in STOPWORDS and any(c.isalnum() for c in f))}
            if forms & _PARENT_WORDS:
                forms.add(_PARENT)
            if forms & _THE_CHILD:
                continue  # nearly every option is about the child
            if forms:
                found.append(forms)
        return found

    def _all_words(self, text: str) -> FrozenSet[str]:
        return frozenset().union(*self.words(text))

    def _option_terms(self, kb: KnowledgeBase, choice: Choice) -> FrozenSet[str]:
        target = kb.node(choice.target)
        described = [choice.text] + ([target.title, *target.synonyms] if target else [])
        return self._terms_in(" ".join(described))

    def match(self, text: str, node: GuideNode, kb: KnowledgeBase) -> Optional[Choice]:
        """The option meant by ``text``, or None when nothing or more than one fits."""
        choices = node.choices
        if not choices:
            return None
        words = _words(text)
        if len(words) == 1 and words[0].isdigit() and 1 <= int(words[0]) <= len(choices):
            return choices[int(words[0]) - 1]
        reply = reply_in(text)
        if reply is not None:
            return self._by_reply(reply, choices, kb)
        return self._by_words(text, choices, kb)

    def _by_reply(self, reply: Reply, choices: Sequence[Choice], kb: KnowledgeBase) -> Optional[Choice]:
        # Every step offers the danger exit too; "ja" means the one ordinary way on.
        ways_on = [c for c in choices if not (kb.node(c.target) and kb.node(c.target).acute)]
        if reply is Reply.YES and len(ways_on) == 1:
            return ways_on[0]  # "ja" to the only way on: go on
        markers = {Reply.YES: {"ja"}, Reply.NO: {"nei"}, Reply.UNSURE: {"usikker", "usikre"}}[reply]
        fitting = [c for c in choices if markers & set(_words(c.text))]
        return fitting[0] if len(fitting) == 1 else None

    def _by_words(self, text: str, choices: Sequence[Choice], kb: KnowledgeBase) -> Optional[Choice]:
        query = self.words(text)
        options = [self._option_terms(kb, choice) for choice in choices]

        def best_similarity(forms: Set[str], option: FrozenSet[str]) -> float:
            return max((similarity(f, other) for f in forms for other in option), default=0.0)

        scores = [0.0] * len(choices)
        for forms in query:
            matches = [best_similarity(forms, option) for option in options]
            found_in = sum(1 for m in matches if m >= 0.8)
            # A word that fits every option ("barnet") tells nothing.
            weight = math.log((len(choices) + 1) / max(found_in, 1))
            for i, m in enumerate(matches):
                scores[i] += weight * m
        ranked = sorted(range(len(choices)), key=lambda i: -scores[i])
        best = scores[ranked[0]]
        runner_up = scores[ranked[1]] if len(ranked) > 1 else 0.0
        if best >= _MIN_SCORE and best >= _MARGIN * runner_up:
            return choices[ranked[0]]
        return None
