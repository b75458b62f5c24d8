"""One knowledge-base item as a reference that fits in a button payload or a slot.

A button like «Mente du: Taushetsplikt?» sends ``/ask_rule{"kb_item":"regel:taushetsplikt"}``,
so the click asks that exact item again instead of searching once more.
"""

import json
from dataclasses import dataclass
from typing import Optional

from bot.dialogue.guide.render import Button
from bot.dialogue.names import Entity, Intent
from bot.knowledge.model import ItemKind, KnowledgeBase

# The question intent that answers each kind of item (see domain/questions.yml).
INTENT_FOR_KIND = {
    ItemKind.RULE: Intent.ASK_RULE,
    ItemKind.SERVICE: Intent.ASK_CONTACT,
    ItemKind.ROUTINE: Intent.ASK_ROUTINE,
    ItemKind.TERM: Intent.ASK_TERM,
}
QUESTION_INTENTS = frozenset(INTENT_FOR_KIND.values()) | {Intent.ASK_HUMAN}


@dataclass(frozen=True)
class ItemRef:
    kind: ItemKind
    id: str

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.id}"

    @classmethod
    def parse(cls, value: object) -> Optional["ItemRef"]:
        """``"regel:samtykke"`` -> ItemRef; None for anything else."""
        if not isinstance(value, str) or ":" not in value:
            return None
        kind, item_id = value.split(":", 1)
        try:
            return cls(ItemKind(kind), item_id)
        except ValueError:
            return None

    def exists_in(self, kb: KnowledgeBase) -> bool:
        lookup = {
            ItemKind.RULE: kb.rule, ItemKind.SERVICE: kb.service, ItemKind.ROUTINE: kb.routine,
            ItemKind.TERM: kb.term, ItemKind.NODE: kb.node,
        }.get(self.kind)
        return lookup is not None and lookup(self.id) is not None


def ask_button(title: str, item: ItemRef) -> Button:
    """A button that asks about ``item`` directly."""
    return Button(title, f"/{INTENT_FOR_KIND[item.kind]}{json.dumps({Entity.KB_ITEM: str(item)})}")
