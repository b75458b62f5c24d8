"""Subjects a question can name, and the item that answers each: «kan man være anonym?» is
about reporting without a name, «hvordan snakke med barn om vold?» about talking with the
child, whatever else the message mentions. First match wins. Checked before the search,
whose keywords would pull the nearest article instead.
"""

import re
from typing import Optional, Tuple

from bot.dialogue.answers.items import ItemRef
from bot.knowledge.model import ItemKind

TOPICS: Tuple[Tuple["re.Pattern[str]", ItemRef], ...] = (
    (re.compile(r"\bdrøft|\bdrøfting"), ItemRef(ItemKind.RULE, "anonym-drofting")),
    (re.compile(r"\banonym|\buten (?:å (?:oppgi|si) )?(?:navn|navnet)\b|\butan (?:å seie )?namn"),
     ItemRef(ItemKind.RULE, "melde-anonymt")),
    (re.compile(r"\bavverg|\bgripe inn\b|\bgrip inn\b|\bstanse (?:det|volden|overgrepet)"),
     ItemRef(ItemKind.RULE, "avvergingsplikt")),
    (re.compile(r"\bklaps|\bris\b|\blugg|\bi oppdragelsen\b|\bsom (?:en )?del av (?:barne)?oppdragelsen"),
     ItemRef(ItemKind.RULE, "vold-i-oppdragelsen")),
    (re.compile(r"\bsamtykke|\bsamtykk"), ItemRef(ItemKind.RULE, "samtykke")),
    (re.compile(r"\bpårørande|\bpårørende"), ItemRef(ItemKind.RULE, "barn-som-parorende")),
    # Talking with the child: how to start, what to ask, why children do not tell.
    (re.compile(r"\bsnakke?r? (?:\w+ )?med (?:et |eit )?(?:barn|barnet|ungen|eleven|gutten|jenta|ungdommen)\b"
                r"|\bsnakkar (?:\w+ )?med (?:barn|barnet|ungen|eleven)\b"
                r"|\bsamtale(?:n)? med (?:barn|barnet|eleven)\b|\b(?:organisere|forberede|gjennomføre) samtalen\b"
                r"|\b(?:hvorfor|kvifor) (?:forteller|fortel) (?:ikke |ikkje )?(?:barn|barna|ungane|ungene)"
                r"|\bfølelser for barnet\b"),
     ItemRef(ItemKind.NODE, "niva0-samtale-barn")),
    # Where a report goes («hvem sender jeg den til?»): to the child welfare service. Not
    # «hvem kan melde fra til barnevernet?», which asks who may report.
    (re.compile(r"\b(?:hvem|kven|hvor|kor)\b.{0,30}\b(?:sende|sender|melde|melder|meldar)\b.{0,30}\btil\s*(?:[?.!]|$)"),
     ItemRef(ItemKind.SERVICE, "barneverntjeneste")),
    # How to report: staff follow the municipality's routine; a private person has a step of their own.
    (re.compile(r"\b(?:hvordan|korleis|hvor|kor)\b.{0,25}\b(?:melde|melder|meldar|sende|sender|rette)\b"
                r"(?!.{0,20}\banonym)"),
     ItemRef(ItemKind.ROUTINE, "sende-bekymringsmelding")),
)
# What a private person (a parent, a neighbour) gets instead of a routine written for staff.
FOR_PRIVATE_PERSONS = {ItemRef(ItemKind.ROUTINE, "sende-bekymringsmelding"): ItemRef(ItemKind.NODE, "privatperson"),
                       ItemRef(ItemKind.RULE, "opplysningsplikt"): ItemRef(ItemKind.NODE, "privatperson")}


def named_topic(text: str, private_person: bool = False) -> Optional[ItemRef]:
    """The item whose subject the question names, or None."""
    folded = " ".join(text.casefold().split())
    item = next((item for pattern, item in TOPICS if pattern.search(folded)), None)
    return FOR_PRIVATE_PERSONS.get(item, item) if private_person else item


def topic_rule(text: str) -> Optional[str]:
    """The rule whose subject the question names, or None."""
    item = named_topic(text)
    return item.id if item and item.kind is ItemKind.RULE else None
