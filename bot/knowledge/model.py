"""The knowledge base as typed, read-only Python objects.

Everything here is built by :mod:`bot.knowledge.schema` from the YAML files in
``knowledge/`` (or from the rows in the store, which hold the same data).
"""

import logging
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Dict, Optional, Tuple

import regex

log = logging.getLogger(__name__)

# A topic's search over one message is given up after this long (see Topic.is_named_in).
TOPIC_SEARCH_SECONDS = 0.05


class ItemKind(str, Enum):
    """The kinds of content; the value is the Norwegian word shown to editors."""

    SERVICE = "tjeneste"
    RULE = "regel"
    ROUTINE = "rutine"
    NODE = "veiledersteg"
    TERM = "begrep"
    TOPIC = "tema"  # not an answer itself: says which item answers a subject


class Scope(str, Enum):
    LOCAL = "lokal"
    NATIONAL = "nasjonal"


class Audience(str, Enum):
    """Who an item is written for (YAML «målgruppe»), so answers can fit the asker."""

    PROFESSIONAL = "fagperson"
    PARENT = "forelder"
    YOUNG_PERSON = "ungdom"


class Role(str, Enum):
    """The roles a rule can have a special answer for (YAML key = value)."""

    SCHOOL = "skole"
    KINDERGARTEN = "barnehage"
    HEALTH = "helse"
    NAV = "nav"
    MENTAL_HEALTH_AND_SUBSTANCE = "psykisk_helse_rus"
    CHILD_WELFARE = "barnevern"
    PARENT_OR_PRIVATE = "forelder"
    YOUTH = "ungdom"


# The audience each role belongs to; every other role is a professional.
AUDIENCE_OF_ROLE = {Role.PARENT_OR_PRIVATE: Audience.PARENT, Role.YOUTH: Audience.YOUNG_PERSON}


def audience_for(role: Optional[Role]) -> Optional[Audience]:
    """The audience of a user with ``role``; None when the role is not known."""
    return AUDIENCE_OF_ROLE.get(role, Audience.PROFESSIONAL) if role else None


@dataclass(frozen=True)
class TimeRange:
    """Minutes after local midnight; ``end`` above 1440 runs past midnight."""

    start: int
    end: int


@dataclass(frozen=True)
class DateException:
    """Changed hours (or closed, when ``ranges`` is empty) from first to last day."""

    first: date
    last: date
    ranges: Tuple[TimeRange, ...]
    note: str = ""


@dataclass(frozen=True)
class OpeningHours:
    always_open: bool = False
    # Index 0 is Monday, as in date.weekday().
    weekly: Tuple[Tuple[TimeRange, ...], ...] = ((),) * 7
    # Hours on public holidays: () closed (the default), None as on a normal day.
    public_holidays: Optional[Tuple[TimeRange, ...]] = ()
    exceptions: Tuple[DateException, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Phone:
    number: str  # as the editor wrote it, validated
    display: str  # formatted for people, e.g. "62 00 00 01" or "116 111"
    note: str = ""


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    scope: Scope
    for_whom: str
    description: str
    synonyms: Tuple[str, ...] = ()
    phones: Tuple[Phone, ...] = ()
    email: str = ""
    address: str = ""
    web: str = ""
    # None: the knowledge base does not know the opening hours.
    hours: Optional[OpeningHours] = None
    inter_municipal: bool = False
    # False for national data marked [sjekk]: the bot must say it is not confirmed.
    verified: bool = True
    # The service this one answers for when it is closed (the duty service of barnevernet).
    covers_for: str = ""
    audiences: Tuple[Audience, ...] = ()


@dataclass(frozen=True)
class LegalSource:
    law: str
    section: str = ""  # only ever set when verified
    link: str = ""
    verified: bool = False

    @property
    def citation(self) -> str:
        """What the bot may say: the section only when it is verified."""
        if self.section and self.verified:
            return f"{self.law} § {self.section}"
        return self.law


@dataclass(frozen=True)
class UnverifiedPart:
    """A part of a rule that is not checked yet: shown as «ikke kontrollert ennå», no section."""

    text: str
    law: str


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    short_answer: str
    details: str
    sources: Tuple[LegalSource, ...]
    verified: bool
    last_checked: Optional[date]
    synonyms: Tuple[str, ...] = ()
    by_role: Dict[Role, str] = field(default_factory=dict)
    editor_note: str = ""
    unverified_parts: Tuple[UnverifiedPart, ...] = ()
    audiences: Tuple[Audience, ...] = ()
    for_private_persons: str = ""  # the guide step a parent or neighbour gets instead

    def written_for(self, audience: Audience) -> bool:
        """Untagged rules are for everyone; a tagged rule only for its «målgruppe»."""
        return not self.audiences or audience in self.audiences

    def answer_for(self, role: Optional[Role]) -> str:
        """The short answer, and what the role's own text adds to it: a role text never
        replaces the key points of the short answer."""
        own = self.by_role.get(role) if role else None
        return f"{self.short_answer} {own}" if own else self.short_answer


@dataclass(frozen=True)
class Routine:
    id: str
    title: str
    summary: str
    steps: Tuple[str, ...]
    owner: str  # service id
    link: str
    synonyms: Tuple[str, ...] = ()
    rules: Tuple[str, ...] = ()
    audiences: Tuple[Audience, ...] = ()
    for_private_persons: str = ""  # the guide step a parent or neighbour gets instead


@dataclass(frozen=True)
class Choice:
    text: str
    target: str  # node id


@dataclass(frozen=True)
class GuideNode:
    id: str
    # BTI level 0-3: how many services work together. None where a level means nothing
    # (danger, violence): a level is never a measure of how serious things are.
    level: Optional[int]
    title: str
    text: str
    choices: Tuple[Choice, ...] = ()
    contacts: Tuple[str, ...] = ()
    rules: Tuple[str, ...] = ()
    routines: Tuple[str, ...] = ()
    acute: bool = False
    outcome: bool = False
    start: bool = False
    deadline_days: Optional[int] = None
    synonyms: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    explanation: str
    synonyms: Tuple[str, ...] = ()
    link: str = ""
    audiences: Tuple[Audience, ...] = ()


@dataclass(frozen=True)
class Topic:
    """A subject a question can name («kan man være anonym?»), and the item that answers it,
    whatever else the message mentions."""

    id: str
    title: str  # for editors
    pattern: "regex.Pattern[str]"  # over the casefolded text with single spaces
    answer_kind: ItemKind
    answer_id: str
    # Who writes this when they do not say («jeg bor i fosterhjem» is a young person).
    writer: Optional[Audience] = None

    def is_named_in(self, folded_text: str) -> bool:
        """Whether the text names this topic. Editors write the patterns and users the
        text, so a pattern that backtracks without end gives up after a moment instead
        of holding every conversation of its process (and says so in the log)."""
        try:
            return self.pattern.search(folded_text, timeout=TOPIC_SEARCH_SECONDS) is not None
        except TimeoutError:
            log.warning("Temaet «%s» brukte for lang tid på en melding; se over mønstrene.", self.id)
            return False


@dataclass(frozen=True)
class Municipality:
    name: str
    time_zone: str
    demo: bool
    web: str = ""
    logo: str = ""  # file name in bot/web/static/, shown in the chat's header


@dataclass(frozen=True)
class KnowledgeBase:
    """One consistent snapshot of all content; look-ups by id return None if unknown."""

    municipality: Municipality
    services: Dict[str, Service]
    rules: Dict[str, Rule]
    routines: Dict[str, Routine]
    nodes: Dict[str, GuideNode]
    terms: Dict[str, Term]
    version: int = 0
    fingerprint: str = ""
    topics: Dict[str, Topic] = field(default_factory=dict)  # in the order they are tried

    def service(self, service_id: str) -> Optional[Service]:
        return self.services.get(service_id)

    def rule(self, rule_id: str) -> Optional[Rule]:
        return self.rules.get(rule_id)

    def routine(self, routine_id: str) -> Optional[Routine]:
        return self.routines.get(routine_id)

    def node(self, node_id: str) -> Optional[GuideNode]:
        return self.nodes.get(node_id)

    def term(self, term_id: str) -> Optional[Term]:
        return self.terms.get(term_id)

    def topic(self, topic_id: str) -> Optional[Topic]:
        return self.topics.get(topic_id)

    @property
    def start_node(self) -> Optional[GuideNode]:
        return next((n for n in self.nodes.values() if n.start), None)

    def find_service(self, name: str) -> Optional[Service]:
        """The service whose id, name or one of its synonyms equals ``name`` (any case)."""
        wanted = name.strip().casefold()
        for service in self.services.values():
            names = (service.id, service.name) + service.synonyms
            if any(wanted == candidate.casefold() for candidate in names):
                return service
        return None

    def is_example(self, service: Service) -> bool:
        """Local contact data of a demo municipality must be presented as an example."""
        return self.municipality.demo and service.scope is Scope.LOCAL
