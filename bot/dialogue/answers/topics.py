"""Subjects a question can name, and the item that answers each: «kan man være anonym?» is
about reporting without a name, «hvordan snakke med barn om vold?» about talking with the
child, whatever else the message mentions. The subjects are content (knowledge/temaer.yml,
«temaer»); the first that matches wins. Checked before the search, whose keywords would
pull the nearest article instead.
"""

from dataclasses import replace
from pathlib import Path
from typing import Iterable, Optional

from bot.dialogue.answers.items import ItemRef
from bot.knowledge.model import Audience, ItemKind, KnowledgeBase, Topic
from bot.knowledge.problems import Report
from bot.knowledge.schema import parse_documents
from bot.knowledge.source import read_directory
from bot.understanding.reading import Asker, Reading

# The asker a topic's «skrevet_av» makes of someone who did not say who they are.
ASKER_OF_WRITER = {Audience.YOUNG_PERSON: Asker.YOUTH_SELF.value, Audience.PARENT: Asker.PARENT_WORRIED.value,
                   Audience.PROFESSIONAL: Asker.PROFESSIONAL.value}


def folded(text: str) -> str:
    """The text as the topics' patterns read it: casefolded, single spaces."""
    return " ".join(text.casefold().split())


def first_topic(topics: Iterable[Topic], text: str) -> Optional[Topic]:
    words = folded(text)
    return next((t for t in topics if t.is_named_in(words)), None)


def for_private_persons(kb: KnowledgeBase, item: Optional[ItemRef]) -> Optional[ItemRef]:
    """The guide step a parent or neighbour gets instead of ``item`` (a rule or routine
    written for staff), or None."""
    if item is None or item.kind not in (ItemKind.RULE, ItemKind.ROUTINE):
        return None
    written = kb.rule(item.id) if item.kind is ItemKind.RULE else kb.routine(item.id)
    step = written.for_private_persons if written else ""
    return ItemRef(ItemKind.NODE, step) if step and kb.node(step) else None


def topic_answer(kb: KnowledgeBase, topic: Optional[Topic], private_person: bool = False) -> Optional[ItemRef]:
    """The item that answers the subject the question names (``first_topic``), or None."""
    item = ItemRef(topic.answer_kind, topic.answer_id) if topic else None
    return (for_private_persons(kb, item) or item) if private_person else item


def with_writer(reading: Optional[Reading], topic: Optional[Topic]) -> Optional[Reading]:
    """The reading, with the asker the named topic tells when the message itself does not:
    «jeg bor på institusjon og vil hjem» is written by a young person."""
    if reading is None or reading.asker != Asker.UNKNOWN.value:
        return reading
    return replace(reading, asker=ASKER_OF_WRITER[topic.writer]) if topic and topic.writer else reading


def topic_rule(topic: Optional[Topic]) -> Optional[str]:
    """The rule that answers the subject the question names, or None."""
    return topic.answer_id if topic and topic.answer_kind is ItemKind.RULE else None


def knowledge_in(directory: Path) -> Optional[KnowledgeBase]:
    """The knowledge written in ``directory``, for a process without the knowledge store (the
    NLU pipeline, which only needs to know that a message names a topic or an item). A broken
    item is left out (``kb check`` reports it); None without a municipality."""
    report = Report()
    content = parse_documents(read_directory(directory, report).documents, report)
    return content.knowledge_base() if content.municipality else None
