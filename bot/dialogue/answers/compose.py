"""The answer to one direct question, written from the knowledge base.

The item is chosen by the knowledge base, not by the classifier: the intent
only says what kind of item to look for first (a rule, a service, a routine, a
word). Legal answers give the short answer first, then the details, and end
with their source and «sist kontrollert». Answers never say that someone need
not report; when in doubt they point to an anonymous talk with the child
welfare service and show its number.
"""

import re
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from typing import Callable, List, Optional, Sequence, Tuple

from bot.dialogue.answers import for_asker, roles, topics
from bot.dialogue.answers.follow_up import FollowUp, follow_up
from bot.dialogue.guide.interpret import asks_what_next
from bot.dialogue.answers.clock import clock_line, weekly_hours
from bot.dialogue.answers.items import ItemRef, ask_button
from bot.dialogue.guide.render import (
    ROLE_NAMES, SAFETY_LINE, Button, Message, contact_line, demo_notice, node_details, rule_block,
    sources_line, unverified_lines,
)
from bot.dialogue.names import Intent
from bot.knowledge.hours import opening_status
from bot.knowledge.model import (
    Audience, GuideNode, ItemKind, KnowledgeBase, Role, Routine, Rule, Service, Term, Topic,
)
from bot.knowledge.search import SearchHit
from bot.understanding.reading import AnswerKind, Asker, Reading

# Search(text, kinds) -> ranked hits; the repository's search in production.
Search = Callable[[str, Sequence[ItemKind]], List[SearchHit]]

# Items a button can ask for directly, and those a typed question may also land on
# (a step of the guide answers "skal jeg snakke med foreldrene først?").
SUGGESTIBLE = (ItemKind.RULE, ItemKind.SERVICE, ItemKind.ROUTINE, ItemKind.TERM)
ANSWERABLE = SUGGESTIBLE + (ItemKind.NODE,)
# What to look for first for each question intent; the rest is searched only if that fails.
PREFERRED_KINDS = {
    Intent.ASK_RULE: (ItemKind.RULE, ItemKind.ROUTINE),  # "foreldrene først?" is in the violence routine
    Intent.ASK_ROUTINE: (ItemKind.ROUTINE,),
    Intent.ASK_TERM: (ItemKind.TERM,),
}
# Below these search scores a hit is a guess: offer it ("Mente du …?"), do not answer with it.
# A hit of the kind the intent asks for needs less than a hit of another kind.
MIN_PREFERRED_SCORE = 7.0
MIN_ANSWER_SCORE = 9.0
# A search hit replaces the rule for the kind of question only above this score. Calibrated
# on the dev set (213 questions, 92 answered with a rule): at 7 the search replaced the right
# rule in 6 of them; from 20 only a clear hit does (71 of 92 right, against 66).
MIN_RULE_SWITCH_SCORE = 20.0
# Another kind wins only with this many times the score ("foreldrene først?" is a guide step).
FAR_BETTER = 2.0
MIN_SUGGESTION_SCORE = 6.0
MAX_SUGGESTIONS = 3

# Services looked up by one of their names, so editors can change ids and numbers freely.
CHILD_WELFARE = "barnevernet"
DUTY_SERVICE = "barnevernvakten"
HELPLINE = "alarmtelefonen"
POLICE = "02800"
SCHOOL_NURSE = "helsesykepleier"
# Who a person can talk to, by role: young people first to people they can meet at school.
HUMAN_CONTACTS = {Role.YOUTH: (SCHOOL_NURSE, HELPLINE)}
DEFAULT_HUMAN_CONTACTS = (CHILD_WELFARE,)

WORRY_BUTTON = Button("Jeg er bekymret for et barn", f"/{Intent.WORRY_ABOUT_CHILD}")
TOPIC_BUTTONS = (
    WORRY_BUTTON,
    Button("Meldeplikt og taushetsplikt", f"/{Intent.ASK_RULE}"),
    Button("Kontakter og åpningstider", f"/{Intent.ASK_CONTACT}"),
)
DANGER_NOW = "Er et barn i fare nå? Ring 112."
# "er det åpent nå?" refers to the service of the previous answer.
_REFERS_BACK = re.compile(r"\b(?:det|den|de|dei|dem|der|dit)\b", re.IGNORECASE)
# «Hva skjer når jeg ringer barnevernvakta?»: the service answers, not the rule on what follows
# a report, unless it is the service that receives reports.
_CALLING = re.compile(r"\b(?:ringer|ringjer|ringe|kontakter|kontaktar|tar kontakt med|tek kontakt med"
                      r"|går til|kommer til|kjem til)\b", re.IGNORECASE)
REPORTS_GO_TO = "barneverntjeneste"


@dataclass(frozen=True)
class Question:
    intent: str
    text: str  # the user's words; "" for a button click
    item: Optional[ItemRef] = None  # chosen with a button
    earlier_item: Optional[ItemRef] = None  # the item of the previous answer
    user_role: Optional[Role] = None
    in_walk: bool = False  # the guided walk resumes after the answer, with its own buttons
    reading: Optional[Reading] = None  # who asks and what they need (bot.understanding)
    # The subject the text names (knowledge/temaer.yml): found once per question by
    # ``_with_topic``, since every pattern of every topic runs over the text.
    topic: Optional[Topic] = None


@dataclass(frozen=True)
class Answer:
    messages: Tuple[Message, ...]
    item: Optional[ItemRef] = None  # what was answered, for follow-up questions
    user_role: Optional[Role] = None  # the role the user stated in the question


def _service(kb: KnowledgeBase, name: str) -> Optional[Service]:
    return kb.find_service(name)


def _services(kb: KnowledgeBase, names: Sequence[str]) -> List[Service]:
    return [s for s in (_service(kb, n) for n in names) if s]


def _bare_line(kb: KnowledgeBase, service: Service, now: datetime) -> str:
    return contact_line(kb, service, now).lstrip("• ")


def _open_instead(kb: KnowledgeBase, now: datetime, shown: Sequence[Service]) -> List[str]:
    """When a service is closed: who answers now (the child welfare service in office hours,
    else the duty service), and the helpline, which is always open."""
    lines = [contact_line(kb, s, now) for s in _services(kb, (CHILD_WELFARE, DUTY_SERVICE, HELPLINE))
             if s not in shown and opening_status(kb, s, now).is_open]
    return ["Haster det? Disse svarer nå:", *lines] if lines else []


def _doubt(kb: KnowledgeBase, role: Optional[Role], now: datetime) -> List[str]:
    """The safe next step after a legal answer."""
    if role is Role.YOUTH:
        return ["Vil du snakke med noen om det?",
                *(contact_line(kb, s, now) for s in _services(kb, HUMAN_CONTACTS[Role.YOUTH]))]
    child_welfare = _service(kb, CHILD_WELFARE)
    if child_welfare is None:
        return []
    lines = ["Er du i tvil? Drøft saken uten navn med barnevernet:", contact_line(kb, child_welfare, now)]
    if not opening_status(kb, child_welfare, now).is_open:
        lines += _open_instead(kb, now, [child_welfare])
    return lines + demo_notice(kb, [child_welfare])


def _next_steps(kb: KnowledgeBase) -> Tuple[Button, ...]:
    child_welfare = _service(kb, CHILD_WELFARE)
    contact = (ask_button("Kontakt barnevernet", ItemRef(ItemKind.SERVICE, child_welfare.id)),) \
        if child_welfare else ()
    return (WORRY_BUTTON,) + contact


def rule_answer(kb: KnowledgeBase, rule: Rule, role: Optional[Role], in_walk: bool,
                now: datetime) -> Tuple[Message, ...]:
    """Short answer (the role's own when there is one), details, then the sources last."""
    own = role in rule.by_role
    label = f"Kort svar til deg som er {ROLE_NAMES[role]}" if own else "Kort svar"
    legal = Message("\n".join(filter(None, [
        rule.title,
        f"{label}: {rule.answer_for(role)}",
        rule.details,
        *unverified_lines(rule),
        sources_line(rule, all_sources=True),
    ])))
    follow_up = "\n".join(_doubt(kb, role, now))
    if in_walk:
        return (legal, Message(follow_up)) if follow_up else (legal,)
    if role is None and rule.by_role:
        offer = roles.role_offer()
        return legal, Message("\n".join(filter(None, [follow_up, offer.text])), offer.buttons)
    return legal, Message(follow_up or DANGER_NOW, _next_steps(kb))


def service_answer(kb: KnowledgeBase, service: Service, in_walk: bool,
                   now: datetime) -> Tuple[Message, ...]:
    """Phone and open-now first, then the hours, what it is, and where."""
    lines = [_bare_line(kb, service, now), clock_line(now)]
    if service.hours is None:
        lines.append("Åpningstidene har jeg ikke. Ring og spør.")
    else:
        note = f" {service.hours.note}" if service.hours.note else ""
        lines.append(f"Åpningstider: {weekly_hours(service.hours)}.{note}")
    lines.append(service.description)
    lines += [f"{label}: {value}" for label, value in (
        ("Adresse", service.address), ("E-post", service.email), ("Nettside", service.web)) if value]
    status = opening_status(kb, service, now)
    if status.known and not status.is_open:
        lines += _open_instead(kb, now, [service])
    lines += demo_notice(kb, [service])
    buttons = () if in_walk else (WORRY_BUTTON, Button("Flere kontakter", f"/{Intent.ASK_CONTACT}"))
    return (Message("\n".join(lines), buttons),)


def contacts_overview(kb: KnowledgeBase, in_walk: bool, now: datetime) -> Tuple[Message, ...]:
    """Who to call now: the child welfare service, or the after-hours route when it is closed."""
    lines = [clock_line(now), DANGER_NOW]
    child_welfare = _service(kb, CHILD_WELFARE)
    shown = _services(kb, (CHILD_WELFARE, DUTY_SERVICE, HELPLINE, POLICE))
    if child_welfare and not opening_status(kb, child_welfare, now).is_open:
        lines.append("Barnevernet har stengt nå. Ring barnevernvakten, eller Alarmtelefonen, "
                     "som kan sette deg over.")
    lines += [contact_line(kb, s, now) for s in shown]
    lines += demo_notice(kb, shown)
    others = () if in_walk else tuple(
        ask_button(s.name, ItemRef(ItemKind.SERVICE, s.id))
        for s in kb.services.values() if kb.is_example(s) and s not in shown)
    if others:
        lines.append("Velg en tjeneste for å se åpningstider og kontaktinfo:")
    return (Message("\n".join(lines), others),)


def human_answer(kb: KnowledgeBase, role: Optional[Role], now: datetime) -> Tuple[Message, ...]:
    """A person to talk to, open now or not; when closed, who answers instead. When nobody
    said who they are, a young person may be the one asking: the helpline comes with a word
    to them."""
    people = _services(kb, HUMAN_CONTACTS.get(role, DEFAULT_HUMAN_CONTACTS))
    helpline = [s for s in _services(kb, (HELPLINE,)) if s not in people]
    young = role is None
    lines = [clock_line(now), "Du kan snakke med et menneske her:"]
    lines += [contact_line(kb, s, now) for s in people]
    if not any(opening_status(kb, s, now).is_open for s in people):
        lines += ["De har stengt nå."] + _open_instead(kb, now, people + (helpline if young else []))
    elif not young:
        lines += [contact_line(kb, s, now) for s in helpline]
    if young and helpline:
        lines += [YOUNG_PEOPLE_LINE, *(contact_line(kb, s, now) for s in helpline)]
    lines.append(DANGER_NOW)
    return (Message("\n".join(lines + demo_notice(kb, people))),)


YOUNG_PEOPLE_LINE = ("Er du barn eller ungdom? Du er ikke alene. Snakk med en voksen du stoler på, "
                     "eller ring Alarmtelefonen gratis, uten å si navnet ditt:")


def routine_answer(kb: KnowledgeBase, routine: Routine, now: datetime) -> Tuple[Message, ...]:
    lines = [routine.title, routine.summary, *(f"• {step}" for step in routine.steps),
             f"Hele rutinen: {routine.link}"]
    owner = kb.service(routine.owner)
    if owner:
        lines.append(f"Ansvarlig: {_bare_line(kb, owner, now)}")
    rules = [r for r in (kb.rule(i) for i in routine.rules) if r]
    if rules:
        lines.append("Regler: " + "; ".join(f"{r.title} ({r.sources[0].citation})" for r in rules))
    return (Message("\n".join(lines + demo_notice(kb, [owner] if owner else []))),)


def guide_step_answer(kb: KnowledgeBase, node: GuideNode, role: Optional[Role], in_walk: bool,
                      now: datetime) -> Tuple[Message, ...]:
    buttons = () if in_walk else (Button("Gå gjennom handlingsveilederen", WORRY_BUTTON.payload),)
    return (Message("\n".join(node_details(kb, node, role, now)), buttons),)


def term_answer(term: Term) -> Tuple[Message, ...]:
    return (Message(f"{term.term}: {term.explanation}" + (f" {term.link}" if term.link else "")),)


def _menu(heading: str, items: Sequence[Tuple[str, ItemRef]]) -> Tuple[Message, ...]:
    return (Message(heading, tuple(ask_button(title, ref) for title, ref in items)),)


def rules_menu(kb: KnowledgeBase) -> Tuple[Message, ...]:
    return _menu("Hva lurer du på? Velg et tema, eller skriv spørsmålet med egne ord.",
                 [(r.title, ItemRef(ItemKind.RULE, r.id)) for r in kb.rules.values()])


def routines_menu(kb: KnowledgeBase) -> Tuple[Message, ...]:
    return _menu("Kommunen har disse rutinene. Hvilken vil du se?",
                 [(r.title, ItemRef(ItemKind.ROUTINE, r.id)) for r in kb.routines.values()])


NOTHING_FITS = (
    "Det finner jeg ikke noe svar på, beklager. Jeg kan hjelpe deg med hva du gjør når du er "
    "bekymret for et barn, med meldeplikt, taushetsplikt og samtykke, med kommunens rutiner "
    "og ord som BTI, og med kontakter og åpningstider. Eller snakk med et menneske:"
)


def suggestions(search: Search, text: str) -> Optional[Message]:
    """«Mente du …?» with the closest items as buttons; None when nothing is close."""
    hits = [h for h in search(text, SUGGESTIBLE) if h.score >= MIN_SUGGESTION_SCORE]
    if not hits:
        return None
    buttons = tuple(ask_button(h.title, ItemRef(h.kind, h.id)) for h in hits[:MAX_SUGGESTIONS])
    return Message(f"Jeg er ikke helt sikker på hva du mener.\n{SAFETY_LINE}\nMente du …?", buttons)


def nothing_fits(kb: KnowledgeBase, now: datetime, heading: str = NOTHING_FITS,
                 buttons: Tuple[Button, ...] = TOPIC_BUTTONS) -> Tuple[Message, ...]:
    """What the assistant can help with, and people to talk to."""
    contacts = _services(kb, (CHILD_WELFARE, HELPLINE))
    lines = [heading, *(contact_line(kb, s, now) for s in contacts), SAFETY_LINE]
    return (Message("\n".join(lines + demo_notice(kb, contacts)), buttons),)


# Every question is held against every name of every service and term (≈ 170 names).
@lru_cache(maxsize=4096)
def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w-]+", text.casefold()))


def _longest_named(items: Sequence[Tuple[object, Sequence[str]]], text: str) -> Optional[object]:
    """The item one of whose names the text contains as whole words; the longest name wins,
    so "barnevernvakta" beats "barnevern"."""
    padded = f" {_words(text)} "
    named = [(len(name), item) for item, names in items for name in map(_words, names)
             if name and f" {name} " in padded]
    return max(named, key=lambda pair: pair[0])[1] if named else None


def service_named(kb: KnowledgeBase, text: str) -> Optional[Service]:
    """The service whose name or synonym the text contains ("når åpner helsesøster?")."""
    return _longest_named([(s, (s.name, *s.synonyms)) for s in kb.services.values()], text)


def _term_named(kb: KnowledgeBase, text: str) -> Optional[ItemRef]:
    term = _longest_named([(t, (t.term, *t.synonyms)) for t in kb.terms.values()], text)
    return ItemRef(ItemKind.TERM, term.id) if term else None


def named_item(kb: KnowledgeBase, text: str) -> Optional[ItemRef]:
    """A word of the word list, else a service, that the text names outright («hvem kan få
    barnekoordinator?», «hva er Statens barnehus?»): the answer when the words say nothing else."""
    service = service_named(kb, text)
    return _term_named(kb, text) or (ItemRef(ItemKind.SERVICE, service.id) if service else None)


def _best(hits: List[SearchHit], min_score: float) -> Optional[ItemRef]:
    return ItemRef(hits[0].kind, hits[0].id) if hits and hits[0].score >= min_score else None


def resolve(kb: KnowledgeBase, search: Search, intent: str, text: str) -> Optional[ItemRef]:
    """The item the question is about, or None."""
    if not text:
        return None
    if intent == Intent.ASK_CONTACT:
        # Services are asked for by name, or a word of the list («hvem kan få barnekoordinator?»).
        # Without either it is a general question ("hvem kan jeg ringe?"), which the overview
        # of who answers now fits better.
        service = service_named(kb, text)
        return ItemRef(ItemKind.SERVICE, service.id) if service else \
            _term_named(kb, text) or _best(search(text, (ItemKind.SERVICE,)), MIN_ANSWER_SCORE)
    if intent == Intent.ASK_TERM:
        named = named_item(kb, text)
        if named:
            return named
    # The kinds the intent prefers, unless another kind fits far better.
    preferred = search(text, PREFERRED_KINDS.get(intent, ANSWERABLE))
    overall = search(text, ANSWERABLE)
    if preferred and overall and preferred[0].score * FAR_BETTER >= overall[0].score:
        chosen = _best(preferred, MIN_PREFERRED_SCORE)
        if chosen:
            return chosen
    return _best(overall, MIN_ANSWER_SCORE)


def _rule_for_reading(kb: KnowledgeBase, search: Search, question: Question) -> Optional[ItemRef]:
    """The rule for the kind of question asked ("kan helsesykepleier si det til foreldrene mine?"
    is about confidentiality, whatever else it mentions)."""
    if question.reading is None or not question.text:
        return None
    hits = [(h.id, h.score) for h in search(question.text, (ItemKind.RULE,))]
    rule_id = for_asker.rule_for(kb, hits, question.reading, MIN_RULE_SWITCH_SCORE, question.topic,
                                 question.text)
    if rule_id is None or _a_step_far_better(search, question.text, hits):
        return None
    return ItemRef(ItemKind.RULE, rule_id)


def _a_step_far_better(search: Search, text: str, rule_hits: Sequence[Tuple[str, float]]) -> bool:
    """A step of the guide the words name clearly, far better than any rule: «må jeg si det
    til foreldrene først?» reads like confidentiality, but the step «Snakk med foreldrene»
    (with its exception for violence) answers it."""
    overall = search(text, ANSWERABLE)
    best_rule = rule_hits[0][1] if rule_hits else 0.0
    return bool(overall) and overall[0].kind is ItemKind.NODE \
        and overall[0].score >= MIN_RULE_SWITCH_SCORE and overall[0].score >= FAR_BETTER * best_rule


def _item_for(kb: KnowledgeBase, search: Search, question: Question) -> Optional[ItemRef]:
    if question.item and question.item.exists_in(kb):
        return question.item
    # A subject named outright («hvem sender jeg meldingen til?») before the rule for the kind.
    if question.intent not in (Intent.ASK_CONTACT, Intent.ASK_TERM):
        named = topics.topic_answer(kb, question.topic, for_asker.is_private_person(question.reading))
        if named and named.kind is not ItemKind.RULE and named.exists_in(kb):
            return named
    if question.reading and question.reading.kind == AnswerKind.TERM.value:
        named = named_item(kb, question.text)
        if named:
            return named
    if question.intent == Intent.ASK_TERM and not named_item(kb, question.text):
        # «hva er akuttplassering?»: a subject that a rule answers, not a word of the list.
        named = topics.topic_answer(kb, question.topic)
        if named and named.exists_in(kb) and (named.kind is not ItemKind.RULE
                                              or for_asker.fits(kb, named.id, question.reading)):
            return named
    called = _service_called(kb, question)
    if called:
        return called
    if question.intent == Intent.ASK_RULE:
        by_reading = _rule_for_reading(kb, search, question)
        if by_reading:
            return by_reading
        if _asks_other_law(question):
            return None  # the nearest article would be a guess (see unsure_of_law)
    found = resolve(kb, _fitting(kb, search, question.reading), question.intent, question.text)
    earlier = question.earlier_item
    if (found is None and question.intent == Intent.ASK_CONTACT and earlier
            and earlier.kind is ItemKind.SERVICE and _REFERS_BACK.search(question.text)):
        return earlier if earlier.exists_in(kb) else None
    # A what-to-do question about a named worry gets the guide step for it, which names its
    # rules and routines, rather than one rule or routine the words happen to find.
    if found is None or (found.kind in (ItemKind.RULE, ItemKind.ROUTINE) and _asks_what_to_do(question)):
        return _step_for_worry(kb, question) or found
    return found


def _service_called(kb: KnowledgeBase, question: Question) -> Optional[ItemRef]:
    """The service named in «what happens when I call it?»."""
    reading = question.reading
    if reading is None or reading.kind != AnswerKind.AFTER_REPORT.value or not _CALLING.search(question.text):
        return None
    service = service_named(kb, question.text)
    return ItemRef(ItemKind.SERVICE, service.id) if service and service.id != REPORTS_GO_TO else None


def _asks_other_law(question: Question) -> bool:
    """A question about rights or law that no rule in the knowledge answers."""
    reading = question.reading
    return (reading is not None and question.intent == Intent.ASK_RULE and bool(question.text)
            and not for_asker.knows_the_rights_asked(reading, question.text))


UNSURE_OF_LAW = ("Det kan jeg dessverre ikke svare sikkert på. Jeg har ikke kontrollerte opplysninger "
                 "om det, og om loven vil jeg ikke gjette.")
ASK_THEM = "Du kan spørre her:"


def unsure_of_law(kb: KnowledgeBase, question: Question, now: datetime) -> Tuple[Message, ...]:
    """An honest answer to a question of law the knowledge does not hold, with people who can
    help: a young person gets the youth-safe text; others the service the conversation is
    about («skolen gjør ingenting … hvem kan jeg klage til?»), or someone to talk to."""
    if for_asker.is_youth(question.reading):
        return Message(UNSURE_OF_LAW), for_asker.youth_message(kb, question.reading, now)
    buttons = () if question.in_walk else TOPIC_BUTTONS  # in the walk, its own buttons follow
    earlier = question.earlier_item
    service = kb.service(earlier.id) if earlier and earlier.kind is ItemKind.SERVICE else None
    if service is None:
        return nothing_fits(kb, now, f"{UNSURE_OF_LAW}\n{ASK_THEM}", buttons)
    lines = [UNSURE_OF_LAW, ASK_THEM, contact_line(kb, service, now), SAFETY_LINE]
    return (Message("\n".join(lines + demo_notice(kb, [service])), buttons),)


def _fitting(kb: KnowledgeBase, search: Search, reading: Optional[Reading]) -> Search:
    """The search without rules written for someone else («du har rett til å bli hørt» is for
    young people only)."""
    return lambda text, kinds: [h for h in search(text, kinds)
                                if h.kind is not ItemKind.RULE or for_asker.fits(kb, h.id, reading)]


def _asks_what_to_do(question: Question) -> bool:
    """What to do about a worry, whom to turn to with it, or what it does to a child («hvordan
    påvirker rusen barna?»): the step for the worry answers these, not a rule."""
    reading = question.reading
    return reading is not None and reading.kind in _ABOUT_A_WORRY and bool(reading.concerns)


_ABOUT_A_WORRY = (AnswerKind.WHAT_TO_DO.value, AnswerKind.TERM.value, AnswerKind.CONTACT.value)


def _step_for_worry(kb: KnowledgeBase, question: Question) -> Optional[ItemRef]:
    """The guide step for the worry the message names, when the words find nothing
    («hva er eksempler på omsorgssvikt?») or only a rule or routine for a what-to-do
    question: a step, not «Mente du …?» or the nearest article."""
    if question.reading is None or question.intent == Intent.ASK_CONTACT:
        return None
    step = for_asker.step_for(kb, question.reading) if question.reading.concerns else None
    role = question.user_role or for_asker.role_of(question.reading)
    # Staff of a service for adults are past «Jeg jobber med forelderen …?»: their own step.
    if step == PARENT_STEP and role in ADULT_SERVICES and kb.node(ADULT_SERVICE_STEP):
        step = ADULT_SERVICE_STEP
    return ItemRef(ItemKind.NODE, step) if step else None


PARENT_STEP = "forelder-psykisk-rus"
ADULT_SERVICE_STEP = "forelder-voksentjeneste"
ADULT_SERVICES = (Role.NAV, Role.MENTAL_HEALTH_AND_SUBSTANCE)


def _without_item(kb: KnowledgeBase, search: Search, question: Question,
                  now: datetime) -> Tuple[Message, ...]:
    if question.intent == Intent.ASK_CONTACT:
        return contacts_overview(kb, question.in_walk, now)
    if not question.text and question.intent == Intent.ASK_RULE:
        return rules_menu(kb)
    if not question.text and question.intent == Intent.ASK_ROUTINE:
        return routines_menu(kb)
    suggested = suggestions(search, question.text)
    return (suggested,) if suggested else nothing_fits(kb, now)


def item_answer(kb: KnowledgeBase, item: ItemRef, role: Optional[Role], in_walk: bool,
                now: datetime) -> Tuple[Message, ...]:
    if item.kind is ItemKind.RULE:
        return rule_answer(kb, kb.rule(item.id), role, in_walk, now)
    if item.kind is ItemKind.SERVICE:
        return service_answer(kb, kb.service(item.id), in_walk, now)
    if item.kind is ItemKind.ROUTINE:
        return routine_answer(kb, kb.routine(item.id), now)
    if item.kind is ItemKind.NODE:
        return guide_step_answer(kb, kb.node(item.id), role, in_walk, now)
    return term_answer(kb.term(item.id))


def _which_one(kb: KnowledgeBase, kind: ItemKind) -> Tuple[Message, ...]:
    if kind is ItemKind.SERVICE:
        return _menu("Hvilken tjeneste mener du? Velg en, så svarer jeg om den.",
                     [(s.name, ItemRef(ItemKind.SERVICE, s.id)) for s in kb.services.values()])
    return _menu("Hvilken regel mener du? Velg en, så svarer jeg om den.",
                 [(r.title, ItemRef(ItemKind.RULE, r.id)) for r in kb.rules.values()])


def follow_up_in(kb: KnowledgeBase, question: Question) -> Optional[FollowUp]:
    """The follow-up the question is; «hvor er helsestasjonen?» names its own service."""
    asked = None if question.item else follow_up(question.text)
    if asked and asked.kind is ItemKind.SERVICE and service_named(kb, question.text):
        return None
    return asked


def follow_up_answer(kb: KnowledgeBase, question: Question, asked: FollowUp,
                     now: datetime) -> Answer:
    """About the item of the last answer; when there is none of that kind, ask which one."""
    earlier = question.earlier_item
    if asked.to_child_welfare:
        return _child_welfare_follow_up(kb, question, now)
    if earlier is None or earlier.kind is not asked.kind or not earlier.exists_in(kb):
        return Answer(_which_one(kb, asked.kind))
    if asked.asks_source:
        rule = kb.rule(earlier.id)
        return Answer((Message(f"{rule.title}\n{sources_line(rule, all_sources=True)}"),), earlier)
    role = asked.role or roles.role_for_question(question.text, question.user_role)
    return Answer(item_answer(kb, earlier, role, question.in_walk, now), earlier)


DUTY_RULE = "opplysningsplikt"
REPORT_ROUTINE = "sende-bekymringsmelding"
WHAT_NEXT = ("Neste steg kommer an på hva du har sett og hørt. Jeg kan gå gjennom kommunens "
             "handlingsveileder med deg, steg for steg.")


def what_next(kb: KnowledgeBase, question: Question, now: datetime) -> Answer:
    """«hva nå?» outside the walk, after an answer: the step last shown again, or the walk
    offered, with how to report when the last answer was the duty to report."""
    earlier = question.earlier_item
    if earlier is not None and earlier.kind is ItemKind.NODE and earlier.exists_in(kb):
        return Answer(item_answer(kb, earlier, question.user_role, False, now), earlier)
    buttons = [Button("Gå gjennom handlingsveilederen", WORRY_BUTTON.payload)]
    routine = kb.routine(REPORT_ROUTINE)
    if earlier is not None and earlier.id == DUTY_RULE and routine is not None:
        buttons.append(ask_button(routine.title, ItemRef(ItemKind.ROUTINE, routine.id)))
    return Answer((Message(f"{WHAT_NEXT}\n{SAFETY_LINE}", tuple(buttons)),), earlier)


def _child_welfare_follow_up(kb: KnowledgeBase, question: Question, now: datetime) -> Answer:
    """«og barnevernet?» after a rule (a helsesykepleier told about confidentiality towards the
    parents) asks whether to tell barnevernet: the duty to report, for the user's role. After
    anything else it asks for barnevernet itself."""
    earlier = question.earlier_item
    duty = kb.rule(DUTY_RULE)
    if for_asker.is_youth(question.reading):
        return Answer((for_asker.youth_message(kb, question.reading, now),))
    if earlier is not None and earlier.kind is ItemKind.RULE and duty is not None:
        role = question.user_role or for_asker.role_of(question.reading)
        item = ItemRef(ItemKind.RULE, duty.id)
        return Answer(item_answer(kb, item, role, question.in_walk, now), item)
    service = _service(kb, CHILD_WELFARE)
    if service is None:
        return Answer(_which_one(kb, ItemKind.SERVICE))
    item = ItemRef(ItemKind.SERVICE, service.id)
    return Answer(item_answer(kb, item, None, question.in_walk, now), item)


def _with_topic(kb: KnowledgeBase, question: Question) -> Question:
    """The question with the subject its text names, and the asker that subject tells."""
    topic = topics.first_topic(kb.topics.values(), question.text)
    return replace(question, topic=topic, reading=topics.with_writer(question.reading, topic))


def answer(kb: KnowledgeBase, search: Search, question: Question, now: datetime) -> Answer:
    """``now`` is in the municipality's time zone (tests pass a fixed clock)."""
    question = _with_topic(kb, question)
    stated = roles.stated_role(question.text)
    user_role = stated or question.user_role
    if question.intent == Intent.ASK_HUMAN:
        return Answer(human_answer(kb, user_role or for_asker.role_of(question.reading), now), None, stated)
    if not question.in_walk and asks_what_next(question.text) \
            and not for_asker.answers_instead_of_walk(question.reading):
        return what_next(kb, question, now)
    asked = follow_up_in(kb, question)
    if asked:
        return follow_up_answer(kb, question, asked, now)
    item = _item_for(kb, search, question)
    if for_asker.is_private_person(question.reading):
        item = topics.for_private_persons(kb, item) or item  # no staff duty or routine for a neighbour
    if item is None and _asks_other_law(question):
        return Answer(unsure_of_law(kb, question, now), None, stated)
    if for_asker.is_youth(question.reading):
        item = _asked_by_youth(item, question)
        return Answer(_for_youth(kb, item, question, now), item, stated)
    if item is None:
        return Answer(_without_item(kb, search, question, now), None, stated)
    # A parent's «kan helsesykepleier si det til meg?» names the nurse, but the answer is for the parent.
    role = (for_asker.parent_role(question.reading) or roles.role_for_question(question.text, user_role)
            or for_asker.role_of(question.reading))
    messages = _with_companion(kb, item, question.reading, role,
                               item_answer(kb, item, role, question.in_walk, now))
    messages = _with_private_person_step(kb, item, question.reading, messages)
    most = WALK_ANSWER_BUBBLES if question.in_walk else None
    return Answer(within_bubbles(messages, most, _rest_of(kb, item, question)), item, stated)


def _with_companion(kb: KnowledgeBase, item: ItemRef, reading: Optional[Reading], role: Optional[Role],
                    messages: Tuple[Message, ...]) -> Tuple[Message, ...]:
    """A reported parent's rule answer, with the other rule they need right after it
    (what happens, and their rights), before the closing contacts."""
    companion_id = for_asker.companion_rule(kb, reading, item.id) if item.kind is ItemKind.RULE else None
    if companion_id is None:
        return messages
    also = Message(f"Dette gjelder også deg:\n{rule_block(kb.rule(companion_id), role)}")
    return (messages[0], also, *messages[1:])


PRIVATE_PERSON_INTRO = "Er du forelder, nabo eller en annen privatperson? Da gjelder dette:"


def _with_private_person_step(kb: KnowledgeBase, item: ItemRef, reading: Optional[Reading],
                              messages: Tuple[Message, ...]) -> Tuple[Message, ...]:
    """When it is not clear who asks, an answer written for staff («slik sender du en
    bekymringsmelding») is followed by the step for private persons."""
    other = topics.for_private_persons(kb, item)
    if reading is None or reading.asker != Asker.UNKNOWN.value or other is None:
        return messages
    node = kb.node(other.id) if other.kind is ItemKind.NODE else None
    if node is None:
        return messages
    return (*messages, Message(f"{PRIVATE_PERSON_INTRO}\n{node.title}\n{node.text}"))


# In the walk «Vil du fortsette der vi var?» follows as the third bubble of the reply.
WALK_ANSWER_BUBBLES = 2


def within_bubbles(messages: Tuple[Message, ...], most: Optional[int] = None,
                   note: Optional[Message] = None) -> Tuple[Message, ...]:
    """The reply in at most ``most`` bubbles (None: no limit), ``note`` last, nothing left
    out: the bubbles from the last one allowed on are joined into it. The note needs a bubble
    of its own only after one with buttons, which belong right under their own text."""
    if note is not None:
        room = len(messages) + (not messages or bool(messages[-1].buttons))
        messages, most = (*messages, note), room if most is None else min(most, room)
    if most is None or len(messages) <= most:
        return messages
    kept, joined = messages[:most - 1], messages[most - 1:]
    # By a single line break: Rasa's REST channel splits a text at blank lines into bubbles.
    return (*kept, Message("\n".join(m.text for m in joined), tuple(b for m in joined for b in m.buttons),
                           all(m.ask_feedback for m in joined)))


def _rest_of(kb: KnowledgeBase, item: ItemRef, question: Question) -> Optional[Message]:
    """For a multi-part question: which part the answer covered, and a button for each other part."""
    if (question.reading is None or item.kind is not ItemKind.RULE
            or not for_asker.asks_several(question.text)):
        return None
    others = [kb.rule(i) for i in for_asker.other_parts(kb, question.reading, item.id)]
    if not others:
        return None
    covered = kb.rule(item.id).title
    text = f"Svaret over gjelder {covered.lower()}. Du spurte også om mer:"
    return Message(text, tuple(ask_button(r.title, ItemRef(ItemKind.RULE, r.id)) for r in others))


def _asked_by_youth(item: Optional[ItemRef], question: Question) -> Optional[ItemRef]:
    """The item, unless it is the rule on young people's confidentiality found by its words
    («problemer hjemme») when the young person asked nothing of it."""
    if item and item.kind is ItemKind.RULE \
            and item.id == for_asker.YOUTH_RULE_FOR_KIND[AnswerKind.CONFIDENTIALITY.value] \
            and not for_asker.youth_confidentiality_asked(question.reading, question.text):
        return None
    return item


def _for_youth(kb: KnowledgeBase, item: Optional[ItemRef], question: Question,
               now: datetime) -> Tuple[Message, ...]:
    """A rule written for young people, in their words, then the youth-safe text; never
    staff routines or a rule written only for staff and parents («barn som pårørende»)."""
    rule = kb.rule(item.id) if item and item.kind is ItemKind.RULE else None
    rule = (rule_answer(kb, rule, Role.YOUTH, True, now)[:1]
            if rule and rule.written_for(Audience.YOUNG_PERSON) else ())
    # A service asked for by name («når er helsestasjon for ungdom åpen?») is answered too, and
    # one found by the words only if it is there for young people (not «Familievernkontoret»,
    # for parents, to «foreldrene mine krangler»).
    service = kb.service(item.id) if item and item.kind is ItemKind.SERVICE else None
    if service and service != service_named(kb, question.text) \
            and service.audiences and Audience.YOUNG_PERSON not in service.audiences:
        service = None
    asked = service_answer(kb, service, True, now)[:1] if service else ()
    return (*rule, *asked, for_asker.youth_message(kb, question.reading, now))


def after_acute(kb: KnowledgeBase, search: Search, question: Question,
                now: datetime) -> Tuple[Message, ...]:
    """What follows the emergency block in the same reply: the answer to the question asked,
    youth-safe text, or the guide step for the worry. Nothing when unsure: no «Mente du …?»
    after an emergency."""
    question = _with_topic(kb, question)
    reading = question.reading
    if reading is None:
        return ()
    rule = _rule_for_reading(kb, search, replace(question, intent=Intent.ASK_RULE))
    if for_asker.is_youth(reading):
        return _for_youth(kb, _asked_by_youth(rule, question), question, now)
    role = for_asker.role_of(reading)
    if rule:
        return rule_answer(kb, kb.rule(rule.id), role, True, now)
    step = for_asker.step_for(kb, reading)
    return guide_step_answer(kb, kb.node(step), role, False, now) if step else ()
