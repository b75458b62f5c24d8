"""The third held-out set is checked like the other two, with the same checks (imported, so
they stay one), and none of its questions repeats one of the other sets: not the same text, and
not another cut of the same letter."""

import re

import yaml

from devtools.evaluation.devset import DEVSET, FRESH, load_devset
from bot.platform.settings import PROJECT_ROOT
from tests.devset.test_devset_ids import (
    test_every_entry_has_a_source_url as _has_source_urls,
    test_every_entry_is_annotated_with_known_values as _is_annotated,
    test_every_expected_id_exists_in_the_knowledge_base as _names_known_items,
)
from tests.devset.test_no_leak import test_no_dev_set_question_is_in_the_training_data as _not_in_data

FRESH_3 = PROJECT_ROOT / "tests" / "devset" / "fresh_questions_3.yml"


def test_it_loads_with_the_eval_loader():
    assert load_devset(FRESH_3)


def test_every_entry_has_a_source_url():
    _has_source_urls(FRESH_3)


def test_every_expected_id_exists_in_the_knowledge_base():
    _names_known_items(FRESH_3)


def test_every_entry_is_annotated_with_values_the_reader_uses():
    _is_annotated(FRESH_3)


def test_no_question_is_in_the_training_data():
    _not_in_data(FRESH_3)


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _texts(path):
    return [_normalised(e["text"]) for e in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]


def _triples(text: str) -> set:
    words = text.split()
    return set(zip(words, words[1:], words[2:]))


def _near_duplicates(text: str, other: str) -> bool:
    """The same question, or another cut of the same letter: one contains the other, or half
    the word triples of a longer text run in the same order in the other. Short headings
    («Hva er vold?») share words with many questions, so only texts of several words count."""
    shorter, longer = sorted((text, other), key=len)
    if shorter == longer or (len(shorter.split()) >= 5 and shorter in longer):
        return True
    triples = _triples(shorter)
    return len(triples) >= 10 and len(triples & _triples(longer)) >= 0.5 * len(triples)


def test_another_cut_of_the_same_letter_counts_as_the_same_question():
    letter = ("Jeg har en elev som ruser seg. Vi vet at hen ruser seg på fritiden, men vi har aldri "
              "sett noe på skolen. Hen er over 18 år. Hvordan kan jeg hjelpe denne eleven?")
    cut = "Jeg har en elev som ruser seg. Vi vet at hen ruser seg på fritiden. Hen er over 18 år."
    assert _near_duplicates(_normalised(cut), _normalised(letter))
    assert not _near_duplicates(_normalised("Vennen min har det vanskelig – hvordan kan jeg hjelpe?"),
                                _normalised("Hvordan kan jeg hjelpe andre?"))


def test_no_question_is_here_twice_or_in_another_set():
    # Only this set's own texts are reported, so the other held-out set stays unread.
    others = _texts(DEVSET) + _texts(FRESH)
    own = _texts(FRESH_3)
    twice = [a for i, a in enumerate(own) for b in own[i + 1:] if _near_duplicates(a, b)]
    assert not twice, f"To ganger i settet: {twice}"
    elsewhere = [t for t in own if any(_near_duplicates(t, o) for o in others)]
    assert not elsewhere, f"Står allerede i et annet sett: {elsewhere}"
