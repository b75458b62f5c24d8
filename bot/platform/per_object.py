"""Values kept for as long as an object lives, found by the object itself.

Rasa's trackers compare by content and have no hash, so they cannot be keys
of a dict or a ``weakref.WeakKeyDictionary``; this finds them by identity and
drops a value when its object is collected.
"""

import weakref
from typing import Any, Dict, Generic, Optional, Tuple, TypeVar

Value = TypeVar("Value")


class PerObject(Generic[Value]):
    def __init__(self) -> None:
        self._entries: Dict[int, Tuple["weakref.ref[Any]", Value]] = {}

    def get(self, owner: Any) -> Optional[Value]:
        entry = self._entries.get(id(owner))
        if entry is not None and entry[0]() is owner:
            return entry[1]
        return None

    def set(self, owner: Any, value: Value) -> None:
        key = id(owner)

        def forget(gone: "weakref.ref[Any]") -> None:
            if self._entries.get(key, (None,))[0] is gone:
                del self._entries[key]

        self._entries[key] = (weakref.ref(owner, forget), value)

    def __len__(self) -> int:
        return len(self._entries)
