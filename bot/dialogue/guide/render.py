"""Chat messages for the walk: short, plain bokmål, with buttons.

Everything about a step (advice, contacts, rules, routines) comes from the
knowledge base. Rules are cited with :attr:`LegalSource.citation`, which never
shows a section number that is not verified.
"""

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Dict, Iterable, List, Optional, Tuple
from zoneinfo import ZoneInfo

from bot.knowledge.hours import opening_status
from bot.knowledge.model import (
    GuideNode, KnowledgeBase, LegalSource, Role, Routine, Rule, Service,
)
from bot.dialogue.guide.walk import ROLE, TRIAGE, GuideState, Summary, node_at
from bot.dialogue.names import Entity, Intent

SUMMARY_HEADING = "Oppsummering"  # the web chat adds copy and print buttons to these
LOVDATA = "https://lovdata.no"
# Norwegian law names end in -loven or -lova (Barnevernsloven, Opplæringslova).
LAW_NAME = re.compile(r"\w(loven|lova)\b", re.IGNORECASE)
DEMO_NOTICE = "Lokale telefonnumre og åpningstider er eksempler i denne demoen."

ROLE_NAMES: Dict[Role, str] = {
    Role.SCHOOL: "ansatt i skolen",
    Role.KINDERGARTEN: "ansatt i barnehagen",
    Role.HEALTH: "helsepersonell",
    Role.NAV: "ansatt i NAV",
    Role.MENTAL_HEALTH_AND_SUBSTANCE: "ansatt i psykisk helse og rus",
    Role.CHILD_WELFARE: "ansatt i barnevernet",
    Role.PARENT_OR_PRIVATE: "forelder eller privatperson",
    Role.YOUTH: "ungdom",
}
ROLE_BUTTONS: Tuple[Tuple[str, Role], ...] = (
    ("Skole", Role.SCHOOL),
    ("Barnehage", Role.KINDERGARTEN),
    ("Helse (helsesykepleier, lege, jordmor)", Role.HEALTH),
    ("NAV", Role.NAV),
    ("Psykisk helse og rus", Role.MENTAL_HEALTH_AND_SUBSTANCE),
    ("Barnevern", Role.CHILD_WELFARE),
    ("Forelder, nabo eller annen privatperson", Role.PARENT_OR_PRIVATE),
    ("Jeg er under 18", Role.YOUTH),
)
TRIAGE_QUESTION = "Er barnet i akutt fare nå?"
ROLE_QUESTION = "Hvem er du?"
ROLE_PROMPT = (f"{ROLE_QUESTION} Da kan jeg gi svar som passer for deg. Velg, eller skriv det "
               "med egne ord, for eksempel «jeg er lærer» eller «jeg er nabo».")
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


# Sent with a reply that «Var dette nyttig?» must not follow (danger, violence); the web
# chat reads it from the reply's custom part (bot/web/rasa_client.py).
NO_FEEDBACK = {"feedback": False}


@dataclass(frozen=True)
class Message:
    text: str
    buttons: Tuple[Button, ...] = ()
    ask_feedback: bool = True

    def as_dispatch(self) -> dict:
        """Keyword arguments for rasa_sdk's ``dispatcher.utter_message``."""
        buttons = [{"title": b.title, "payload": b.payload} for b in self.buttons]
        dispatch = {"text": self.text, "buttons": buttons} if buttons else {"text": self.text}
        return dispatch if self.ask_feedback else {**dispatch, "json_message": NO_FEEDBACK}


def answer_button(title: str, option: str) -> Button:
    return Button(title, f"/{Intent.GUIDE_ANSWER}{json.dumps({Entity.GUIDE_OPTION: option})}")


BACK_BUTTON = Button("Tilbake", f"/{Intent.GUIDE_BACK}")
SUMMARY_BUTTON = Button("Oppsummering", f"/{Intent.GUIDE_SUMMARY}")


def _day(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def _when(moment: datetime, now: datetime) -> str:
    clock = f"kl. {moment:%H.%M}"
    days = (moment.date() - now.date()).days
    if days == 0:
        return clock
    if days == 1:
        return f"i morgen {clock}"
    if days < 7:
        return f"{WEEKDAYS[moment.weekday()]} {clock}"
    return f"{moment.day}.{moment.month}. {clock}"


def opening_note(kb: KnowledgeBase, service: Service, now: datetime) -> str:
    """"åpent nå, stenger kl. 15.30", "stengt nå, åpner i morgen kl. 08.00", or ""."""
    status = opening_status(kb, service, now)
    if not status.known:
        return ""
    if status.always_open:
        return "åpent hele døgnet"
    local_now = now.astimezone(ZoneInfo(kb.municipality.time_zone))
    if status.is_open:
        return f"åpent nå, stenger {_when(status.closes_at, local_now)}"
    note = "stengt nå" + (f" ({status.reason})" if status.reason else "")
    if status.opens_at:
        note += f", åpner {_when(status.opens_at, local_now)}"
    return note


def contact_line(kb: KnowledgeBase, service: Service, now: Optional[datetime]) -> str:
    """One bullet: name, phone (or web address), and open-now status when ``now`` is given."""
    reach = " / ".join(p.display for p in service.phones) or service.web
    notes = [opening_note(kb, service, now)] if now else []
    if not service.verified:
        notes.append("ikke kontrollert")
    notes = [n for n in notes if n]
    return f"• {service.name}: {reach}" + (f" ({'; '.join(notes)})" if notes else "")


UNVERIFIED = "ikke kontrollert ennå"


def _dated_sources(rule: Rule) -> List[LegalSource]:
    """The sources the «sist kontrollert» date stands for (none for an unchecked rule)."""
    return [s for s in rule.sources if s.verified] if rule.verified and rule.last_checked else []


def sources_line(rule: Rule, all_sources: bool) -> str:
    """"Kilde: Barnevernsloven § 13-2, https://lovdata.no/… (sist kontrollert 22.11.2026)";
    each source with its own status, so an unchecked one never shares the date."""
    dated = _dated_sources(rule)
    shown = dated or list(rule.sources)
    sources = shown if all_sources else shown[:1]
    citations = "; ".join(s.citation for s in sources)
    links = list(dict.fromkeys(s.link for s in sources if s.link))
    label = "Kilder" if len(sources) > 1 else "Kilde"
    if not links and any(_is_law(s) for s in sources):
        # Lovdata's front page is offered as a place to search, never as the law itself.
        links = [f"søk på {LOVDATA}"]
    status = f"sist kontrollert {_day(rule.last_checked)}" if dated else UNVERIFIED
    where = f", {' '.join(links)}" if links else ""
    return f"{label}: {citations}{where} ({status})."


def _is_law(source: LegalSource) -> bool:
    """«Barnevernsloven», «Opplæringslova»; not a web page such as «Barneombudet, «…»»."""
    return bool(LAW_NAME.search(source.law))


def unverified_lines(rule: Rule) -> List[str]:
    """Parts and sources of a checked rule that are not checked yet, each said plainly."""
    parts = [f"• {p.text} ({p.law})" for p in rule.unverified_parts]
    dated = _dated_sources(rule)
    parts += [f"• Kilde: {s.citation}" for s in rule.sources if dated and s not in dated]
    return [f"{UNVERIFIED.capitalize()}:", *parts] if parts else []


def rule_block(rule: Rule, role: Optional[Role], all_sources: bool = False) -> str:
    return f"• {rule.title}: {rule.answer_for(role)}\n  {sources_line(rule, all_sources)}"


def routine_line(routine: Routine) -> str:
    return f"• {routine.title}: {routine.summary} {routine.link}"


def _section(heading: str, lines: Iterable[str]) -> List[str]:
    lines = list(lines)
    return [heading, *lines] if lines else []


def demo_notice(kb: KnowledgeBase, services: Iterable[Service]) -> List[str]:
    return [DEMO_NOTICE] if any(kb.is_example(s) for s in services) else []


def _services(kb: KnowledgeBase, ids: Iterable[str]) -> List[Service]:
    return [s for s in (kb.service(i) for i in ids) if s]


def node_heading(node: GuideNode) -> str:
    """The title, with the BTI level only where the step has one (how many services work together)."""
    return node.title if node.start or node.level is None else f"{node.title} (BTI-nivå {node.level})"


def node_details(kb: KnowledgeBase, node: GuideNode, role: Optional[Role], now: datetime) -> List[str]:
    """The advice of a step with its deadline, contacts, rules and routines."""
    lines = [node_heading(node), node.text]
    if node.deadline_days:
        deadline = now.date() + timedelta(days=node.deadline_days)
        lines.append(f"Frist: {node.deadline_days} dager, det vil si innen {_day(deadline)}.")
    services = _services(kb, node.contacts)
    lines += _section("Hvem du kan kontakte:", (contact_line(kb, s, now) for s in services))
    rules = [r for r in (kb.rule(i) for i in node.rules) if r]
    lines += _section("Regler som gjelder:", (rule_block(r, role) for r in rules))
    routines = [r for r in (kb.routine(i) for i in node.routines) if r]
    lines += _section("Rutiner:", (routine_line(r) for r in routines))
    return lines + demo_notice(kb, services)


def outcome_message(kb: KnowledgeBase, node: GuideNode, role: Optional[Role], now: datetime) -> Message:
    """Where the walk ends. After danger or violence nobody is asked «Var dette nyttig?»."""
    return Message("\n".join(node_details(kb, node, role, now)), ask_feedback=not node.acute)


def _node_buttons(node: GuideNode, state: GuideState) -> Tuple[Button, ...]:
    buttons = [answer_button(c.text, c.target) for c in node.choices]
    if state.history:
        buttons.append(BACK_BUTTON)
    if not node.start:
        buttons.append(SUMMARY_BUTTON)
    return tuple(buttons)


# Above the step a new walk starts at when the first message skipped the triage question.
DANGER_NOW_LINE = "Er barnet i fare akkurat nå, så ring 112."


def triage_question() -> Message:
    text = "\n".join([
        "Takk for at du sier fra. Jeg går gjennom kommunens handlingsveileder sammen med deg, "
        "steg for steg.",
        f"{TRIAGE_QUESTION} Ring 112.",
        "Kvelder og helger ringer du barnevernvakten (se barnevernvakten.no). "
        "Alarmtelefonen for barn og unge, 116 111, er gratis og døgnåpen, og kan sette deg over.",
        "Ikke skriv navn eller noe annet som kan vise hvem barnet er.",
    ])
    return Message(text, (
        answer_button("Ja, barnet er i fare nå", "ja"),
        answer_button("Nei", "nei"),
        answer_button("Vet ikke", "vet_ikke"),
    ))


UNSURE_ABOUT_DANGER = "Er du i tvil, ring 112. Det er bedre å ringe én gang for mye."


def role_question(state: GuideState) -> Message:
    buttons = tuple(answer_button(title, role.value) for title, role in ROLE_BUTTONS)
    return Message(ROLE_PROMPT, buttons + ((BACK_BUTTON,) if state.history else ()))


def question(kb: KnowledgeBase, state: GuideState, now: datetime) -> Message:
    """What to ask at the current position."""
    if state.position == TRIAGE:
        return triage_question()
    if state.position == ROLE:
        return role_question(state)
    node = node_at(state, kb)
    lines = node_details(kb, node, state.role, now)
    if node.choices and not node.start:
        lines.append("Hva passer best?")
    return Message("\n".join(lines), _node_buttons(node, state))


def resume_prompt(kb: KnowledgeBase, state: GuideState, now: datetime) -> Message:
    """After a side question: offer to go on where the user was."""
    node = node_at(state, kb)
    where = {TRIAGE: TRIAGE_QUESTION, ROLE: ROLE_QUESTION}.get(state.position) or node.title
    buttons = question(kb, state, now).buttons
    return Message(f"Vil du fortsette der vi var? Vi var på: «{where}».", buttons)


# Under every refusal and fallback (issues 14 and 19): the numbers, also for a child writing.
SAFETY_LINE = ("Er noen i fare nå? Ring 112. Barn og unge kan ringe Alarmtelefonen for barn og unge "
               "på 116 111. Den er gratis og døgnåpen.")
NOT_UNDERSTOOD = ("Jeg er ikke sikker på hva du mener. Velg et av alternativene, "
                  "eller si det med andre ord. Du kan også spørre om noe, for eksempel "
                  f"«hva betyr stafettlogg?».\n{SAFETY_LINE}")
# A bare «nei» at a step without ja/nei: the answer to «Er barnet i fare akkurat nå, så ring
# 112.», said when the walk started at the worry, or to «Vil du fortsette der vi var?».
NO_NOTED = "Greit. Velg det som passer best, skriv med egne ord, eller skriv «start på nytt»."
OLD_BUTTON = "Den knappen hører til et tidligere steg. Her er vi nå:"
NOTHING_TO_SUMMARISE = ("Vi har ikke kommet så langt i handlingsveilederen at det er noe å "
                        "oppsummere ennå.")


def summary_message(kb: KnowledgeBase, summary: Summary) -> Message:
    """Plain text to copy into the municipality's own documentation; no personal details."""
    current = summary.current
    lines = [SUMMARY_HEADING]
    if summary.situation:
        lines.append(f"Bekymring: {summary.situation.title}")
    if summary.role:
        lines.append(f"Den som spør: {ROLE_NAMES[summary.role]}")
    if current.level is not None:
        lines.append(f"Nivå: BTI-nivå {current.level}")
    label = "Neste steg" if summary.finished else "Her er du nå"
    lines.append(f"{label}: {current.title}. {current.text}")
    if summary.deadline:
        lines.append(f"Frist: {summary.deadline_days} dager, det vil si innen {_day(summary.deadline)}.")
    lines += _section("Kontakt:", (contact_line(kb, s, None) for s in summary.contacts))
    lines += _section("Regler:", (rule_block(r, summary.role, all_sources=True) for r in summary.rules))
    lines += _section("Rutiner:", (routine_line(r) for r in summary.routines))
    lines.append("Steg: " + " → ".join(n.title for n in summary.steps))
    lines += demo_notice(kb, summary.contacts)
    lines.append(f"Laget {_day(summary.made_on)} med handlingsveilederen til {kb.municipality.name}. "
                 "Ingen navn eller personopplysninger er med.")
    return Message("\n".join(lines))
