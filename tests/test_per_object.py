"""Values kept per object, by identity, for as long as the object lives."""

import gc

from rasa.shared.core.trackers import DialogueStateTracker

from bot.platform.per_object import PerObject


def test_found_by_identity_not_by_equal_content_and_dropped_with_the_object():
    memo: PerObject[int] = PerObject()
    first, twin = DialogueStateTracker("a", []), DialogueStateTracker("a", [])
    assert first == twin  # equal content, yet two objects
    memo.set(first, 1)
    assert memo.get(first) == 1 and memo.get(twin) is None
    memo.set(first, 2)
    assert memo.get(first) == 2 and len(memo) == 1
    del first
    gc.collect()
    assert len(memo) == 0
