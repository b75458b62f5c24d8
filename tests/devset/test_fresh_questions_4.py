"""No question of the fourth held-out set repeats one of the other sets: not the same text,
and not another cut of the same letter. The comparison is round 3's (test_fresh_questions_3.py);
test_devset_ids.py and test_no_leak.py check this set as they check the others."""

from devtools.evaluation.devset import DEVSET, FRESH, FRESH_3, FRESH_4
from tests.devset.test_fresh_questions_3 import _near_duplicates, _texts


def test_no_question_is_here_twice_or_in_another_set():
    # Only this set's own texts are reported, so the other held-out sets stay unread.
    others = _texts(DEVSET) + _texts(FRESH) + _texts(FRESH_3)
    own = _texts(FRESH_4)
    twice = [a for i, a in enumerate(own) for b in own[i + 1:] if _near_duplicates(a, b)]
    assert not twice, f"To ganger i settet: {twice}"
    elsewhere = [t for t in own if any(_near_duplicates(t, o) for o in others)]
    assert not elsewhere, f"Står allerede i et annet sett: {elsewhere}"
