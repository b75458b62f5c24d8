"""The third held-out set is checkable like the others: it loads with the eval's loader, every
expected id is a knowledge item, and none of its questions is in the other sets or in data/."""

import re

import yaml

from devtools.evaluation.devset import DEVSET, FRESH, item_headings, knowledge_base, load_devset
from bot.knowledge.model import Role
from bot.platform.settings import PROJECT_ROOT
from bot.understanding.reading import AnswerKind, Asker, Concern
from tests.devset.test_no_leak import _training_texts

FRESH_3 = PROJECT_ROOT / "tests" / "devset" / "fresh_questions_3.yml"


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _texts(path):
    return [e["text"] for e in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]


def test_it_loads_with_the_eval_loader_and_every_entry_has_a_source_url():
    questions = load_devset(FRESH_3)
    assert questions
    assert all(q.source.startswith(("https://", "http://")) for q in questions)


def test_every_expected_id_exists_in_the_knowledge_base():
    known = set(item_headings(knowledge_base())) | {"youth_safe"}
    unknown = sorted({e for q in load_devset(FRESH_3) for e in q.expect if e not in known})
    assert not unknown, f"Ukjente id-er i expect: {unknown}"


def test_every_entry_is_annotated_with_values_the_reader_uses():
    askers = {a.value for a in Asker} - {Asker.UNKNOWN.value}
    kinds = {k.value for k in AnswerKind}
    concerns = {c.value for c in Concern}
    sectors = {r.value for r in Role}
    for q in load_devset(FRESH_3):
        assert q.asker in askers, q.text
        assert q.expect, q.text
        assert q.kind in kinds, q.text
        assert set(q.concerns) <= concerns, q.text
        assert q.sector is None or (q.asker == "professional" and q.sector in sectors), q.text


def _near_duplicates(text: str, other: str) -> bool:
    """The same question, or another cut of the same letter: one contains the other, or half
    the word triples of a longer text run in the same order in the other. Short headings
    («Hva er vold?») share words with many questions, so only texts of several words count."""
    shorter, longer = sorted((text, other), key=len)
    if shorter == longer or (len(shorter.split()) >= 5 and shorter in longer):
        return True
    triples, longer_triples = _triples(shorter), _triples(longer)
    return len(triples) >= 10 and len(triples & longer_triples) >= 0.5 * len(triples)


def _triples(text: str) -> set:
    words = text.split()
    return set(zip(words, words[1:], words[2:]))


def test_no_question_is_here_twice_or_in_another_set():
    # Only this set's own texts are reported, so the other held-out set stays unread.
    others = [_normalised(t) for path in (DEVSET, FRESH) for t in _texts(path)]
    own = [_normalised(t) for t in _texts(FRESH_3)]
    twice = [a for i, a in enumerate(own) for b in own[i + 1:] if _near_duplicates(a, b)]
    assert not twice, f"To ganger i settet: {twice}"
    elsewhere = [t for t in own if any(_near_duplicates(t, o) for o in others)]
    assert not elsewhere, f"Står allerede i et annet sett: {elsewhere}"


def test_no_question_is_in_the_training_data():
    training = "\n".join(_training_texts())
    leaked = [q.text for q in load_devset(FRESH_3) if _normalised(q.text) in training]
    assert not leaked, f"Spørsmål fra det ferske settet står i data/: {leaked}"
