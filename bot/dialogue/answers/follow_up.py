"""Short follow-up questions about what was just discussed.

After a contact answer, «er den åpen nå?», «hvor er den?», «trenger jeg time?»,
«hva er nummeret?» and «og på lørdag?» are about that contact; after a rule
answer, «gjelder det barnehage også?» and «hva er kilden?» are about that rule.
The classifier gives such messages many intents (ask_contact, ask_term,
out_of_scope, nlu_fallback), so they are read here, from the words and the
item of the last answer (the ``kb_item`` slot), whatever the intent.
"""

import re
from dataclasses import dataclass
from typing import Optional

from bot.understanding.roles import role_in
from bot.knowledge.model import ItemKind, Role

# Longer messages are new questions, not follow-ups.
MAX_WORDS = 7
# What a contact has: these alone make a short message a follow-up («trenger jeg time?»).
_CONTACT_WORDS = (
    r"åpen|åpent|open|ope|opne|åpner|åpningstid(?:ene|er)?|stenger|stengt|stengd"
    r"|adresse(?:n)?|nummer(?:et)?|telefonnummer(?:et)?|time|timen|timebestilling"
)
# Where and when: only with a word pointing back («hvor er den?», «og på lørdag?»).
_WHERE_WHEN_WORDS = (
    r"hvor|kor|lørdag|søndag|mandag|tirsdag|onsdag|torsdag|fredag|helg(?:a|en)?"
    r"|kveld(?:en)?|morgen|natt(?:a|en)?"
)
# Not «lov»: «er det lov å …?» is a question of its own.
_SOURCE_WORDS = r"kilde(?:n|ne|r)?|kjelde(?:a|ne)?|lovhjemmel|hjemmel(?:en)?|paragraf(?:en)?|lovdata"
_POINTS_BACK = r"den|det|de|dei|dem|der|dit|denne|dette|disse|samme"
_CONTACT = re.compile(rf"\b(?:{_CONTACT_WORDS})\b")
_WHERE_WHEN = re.compile(rf"\b(?:{_WHERE_WHEN_WORDS})\b")
_SOURCE = re.compile(rf"\b(?:{_SOURCE_WORDS})\b")
_BACK = re.compile(rf"\b(?:{_POINTS_BACK})\b")
# «og på lørdag?», «men i helga?»: a continuation of the last question.
_CONTINUES = re.compile(r"^\s*(?:og|men|enn|hva med|kva med)\b")
# «gjelder det barnehage også?»: a role asked about the rule, not a role that acts
# («sier helsesøster det til foreldrene mine?» is a question of its own).
_APPLIES = re.compile(r"\b(?:gjelder|gjeld|også|og|hva med|kva med)\b")
# «og barnevernet?», «hva med barnevernet da?»: the service named, and little else.
_AND_THE_SERVICE_WORDS = 4
# «hvem har åpent nå?» asks about everyone, not about the last contact.
_GENERAL = re.compile(r"\b(?:hvem|kven|noen|nokon|hvilke|kva for)\b")


@dataclass(frozen=True)
class FollowUp:
    """What a follow-up asks about the earlier item; ``kind`` says which kind of item fits."""

    kind: ItemKind
    asks_source: bool = False
    role: Optional[Role] = None  # «gjelder det barnehage også?»
    # «og barnevernet?»: after a rule, whether to tell barnevernet (the duty to report);
    # after a contact, barnevernet's own.
    to_child_welfare: bool = False


def _words(text: str) -> list:
    return re.findall(r"[^\W_]+", text.casefold())


def follow_up(text: str) -> Optional[FollowUp]:
    """The follow-up in ``text``, or None when it reads as a question of its own."""
    lowered = text.casefold()
    words = _words(lowered)
    if not words or len(words) > MAX_WORDS or text.startswith("/") or _GENERAL.search(lowered):
        return None
    refers_back = bool(_BACK.search(lowered) or _CONTINUES.search(lowered))
    if _SOURCE.search(lowered):
        return FollowUp(ItemKind.RULE, asks_source=True)
    role = role_in(lowered, asked=True)
    if role is Role.CHILD_WELFARE and _CONTINUES.search(lowered) and len(words) <= _AND_THE_SERVICE_WORDS:
        return FollowUp(ItemKind.RULE, to_child_welfare=True)
    if role and refers_back and _APPLIES.search(lowered):
        return FollowUp(ItemKind.RULE, role=role)
    if _CONTACT.search(lowered) or (refers_back and _WHERE_WHEN.search(lowered)):
        return FollowUp(ItemKind.SERVICE)
    return None

