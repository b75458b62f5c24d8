"""No question of the third held-out set repeats one of the other sets: not the same text,
and not another cut of the same letter. (tests/devset/test_devset_ids.py and test_no_leak.py
check it as they check the others.)"""

import re

import yaml

from devtools.evaluation.devset import DEVSET, FRESH, FRESH_3


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
