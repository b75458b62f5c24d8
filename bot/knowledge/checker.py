"""``kb check``: the schema plus the checks that span items (links, the guide graph, age)."""

import re
from collections import deque
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set, Tuple
from zoneinfo import ZoneInfo

from bot.knowledge.fact_base import digits, is_verified_national
from bot.knowledge.hours import merged_periods
from bot.knowledge.model import GuideNode, ItemKind, OpeningHours, Scope, Service
from bot.knowledge.problems import Context, Report
from bot.knowledge.schema import ParsedContent, parse_documents
from bot.knowledge.source import read_directory

# Rules should be looked at again once a year.
MAX_AGE_DAYS = 365
# Opening hours must leave no hour uncovered this far ahead (covers Christmas and summer).
COVERAGE_DAYS = 400
EMERGENCY_NUMBER = "112"
# Words written for editors; none of them may reach a user.
EDITOR_NOTE = re.compile(
    r"ikke kontrollert ennå|boten skal|skal ikke oppgi|må kontrolleres|redaktør|\[sjekk\]"
    r"|\[kontrollert\]|fakta(?:-tillegg)?\.md|\btodo\b",
    re.IGNORECASE,
)
# Phone numbers written in running text: "116 111", "02800", "22 40 00 40", "112".
NUMBER_IN_TEXT = re.compile(r"(?<![\d.,:–-])(\d{2,3}(?: ?\d{2,3}){0,3})(?![\d.,:–-]\d)")


@dataclass
class CheckResult:
    report: Report
    content: ParsedContent
    fingerprint: str


def _check_references(
    ctx: Context, wanted: Iterable[str], existing: Dict, what: str
) -> None:
    for item_id in wanted:
        if item_id and item_id not in existing:
            ctx.error(f"viser til {what} «{item_id}», som ikke finnes")


def _reachable(start: str, edges: Dict[str, Set[str]]) -> Set[str]:
    seen, queue = {start}, deque([start])
    while queue:
        for target in edges.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _check_guide(content: ParsedContent, report: Report) -> None:
    nodes = content.nodes
    if not nodes:
        Context(report, "knowledge").error("handlingsveilederen har ingen steg")
        return

    def origin(node: GuideNode) -> Context:
        return content.origins[(ItemKind.NODE, node.id)]

    starts = [n for n in nodes.values() if n.start]
    if len(starts) != 1:
        where = origin(starts[1]) if len(starts) > 1 else Context(report, "knowledge")
        where.error(f"handlingsveilederen må ha nøyaktig ett steg med «start: ja», fant {len(starts)}")
    forward: Dict[str, Set[str]] = {n.id: {c.target for c in n.choices if c.target in nodes}
                                    for n in nodes.values()}
    backward: Dict[str, Set[str]] = {n: set() for n in nodes}
    for source, targets in forward.items():
        for target in targets:
            backward[target].add(source)
    can_finish: Set[str] = set()
    for outcome in (n for n in nodes.values() if n.outcome):
        can_finish |= _reachable(outcome.id, backward)
    reachable = _reachable(starts[0].id, forward) if starts else set(nodes)
    for node in nodes.values():
        ctx = origin(node)
        _check_references(ctx, (c.target for c in node.choices), nodes, "steget")
        if not node.outcome and not node.choices:
            ctx.error("steget har ingen vei videre: legg til «valg», eller merk det «utfall: ja»")
        if node.outcome and not node.contacts:
            ctx.error("et utfall må nevne minst én kontakt («kontakter»)")
        if node.id not in reachable:
            ctx.error("steget kan ikke nås fra start (ingen valg peker hit)")
        if node.id not in can_finish and (node.choices or node.outcome):
            ctx.error("fra dette steget kommer man aldri til et utfall (valgene går i ring)")


def _danger_exit(node: GuideNode, nodes: Dict[str, GuideNode]) -> bool:
    return node.acute or any(nodes[c.target].acute for c in node.choices if c.target in nodes)


def _check_danger_exits(content: ParsedContent) -> None:
    """Every step a user can stand on offers «Barnet er i fare akkurat nå»."""
    for node in content.nodes.values():
        if node.choices and not node.outcome and not _danger_exit(node, content.nodes):
            content.origins[(ItemKind.NODE, node.id)].error(
                "steget har ikke noe valg til et akutt steg («Barnet er i fare akkurat nå»)")


def _open_periods(hours: Optional[OpeningHours], first: date, zone: ZoneInfo) -> List[Tuple]:
    if hours is None:
        return []
    if hours.always_open:
        start = datetime.combine(first, time(), tzinfo=zone).astimezone(timezone.utc)
        return [(start - timedelta(days=1), start + timedelta(days=COVERAGE_DAYS + 1))]
    return list(merged_periods(hours, first - timedelta(days=1), COVERAGE_DAYS + 1, zone))


def first_gap(services: Iterable[Service], first: date, zone: ZoneInfo,
              periods_of: Optional[Dict[str, List[Tuple]]] = None) -> Optional[datetime]:
    """The first moment (local time) in COVERAGE_DAYS from ``first`` when none of the
    services is open; None when they cover every hour between them. ``periods_of`` keeps
    each service's opening periods between calls (the check runs on every content change)."""
    services = list(services)
    if any(s.hours and s.hours.always_open for s in services):
        return None
    periods_of = {} if periods_of is None else periods_of
    for service in services:
        if service.id not in periods_of:
            periods_of[service.id] = _open_periods(service.hours, first, zone)
    periods = sorted(p for s in services for p in periods_of[s.id])
    moment = datetime.combine(first, time(), tzinfo=zone).astimezone(timezone.utc)
    end = moment + timedelta(days=COVERAGE_DAYS)
    for start, stop in periods:
        if start > moment:
            break
        moment = max(moment, stop)
    return moment.astimezone(zone) if moment < end else None


def _gap_text(moment: datetime) -> str:
    return f"{moment.day}.{moment.month}.{moment.year} kl. {moment:%H.%M}"


def _check_after_hours(content: ParsedContent, today: date) -> None:
    """Outcomes always name someone who answers, and barnevernet with its after-hours routes."""
    if content.municipality is None or not content.municipality.time_zone:
        return
    zone = ZoneInfo(content.municipality.time_zone)
    services = content.services
    periods_of: Dict[str, List[Tuple]] = {}
    duty_for = {s.covers_for: s for s in services.values() if s.covers_for}
    for office, duty in duty_for.items():
        ctx = content.origins[(ItemKind.SERVICE, duty.id)]
        if office not in services:
            ctx.error(f"«vakt_for» viser til tjenesten «{office}», som ikke finnes")
            continue
        gap = first_gap([services[office], duty], today, zone, periods_of)
        if gap:
            ctx.error(f"verken «{office}» eller vakten svarer {_gap_text(gap)}. "
                      "Legg inn åpningstid for vakten de dagene kontoret er stengt")
    for node in (n for n in content.nodes.values() if n.outcome):
        ctx = content.origins[(ItemKind.NODE, node.id)]
        contacts = [services[c] for c in node.contacts if c in services]
        gap = first_gap(contacts, today, zone, periods_of)
        if gap:
            ctx.error(f"ingen av kontaktene svarer {_gap_text(gap)}. Ta med en kontakt som "
                      "svarer hele døgnet, for eksempel Alarmtelefonen")
        for office in (c.id for c in contacts if c.id in duty_for):
            duty = duty_for[office]
            if duty.id not in node.contacts:
                ctx.error(f"utfallet nevner «{office}», men ikke vakten utenom kontortid («{duty.id}»)")
            if not any(digits(p.number) == EMERGENCY_NUMBER for c in contacts for p in c.phones):
                ctx.error(f"utfallet nevner «{office}», men ikke 112 for når det haster")


def _user_texts(content: ParsedContent) -> Iterable[Tuple[Context, str]]:
    """Every text a user can see, with where it was written (never «notat»)."""
    def at(kind: ItemKind, item_id: str) -> Context:
        return content.origins[(kind, item_id)]
    for s in content.services.values():
        hours_note = s.hours.note if s.hours else ""
        for text in (s.name, s.for_whom, s.description, hours_note):
            yield at(ItemKind.SERVICE, s.id), text
    for r in content.rules.values():
        parts = [f"{p.text} {p.law}" for p in r.unverified_parts]
        for text in (r.title, r.short_answer, r.details, *r.by_role.values(), *parts,
                     *(src.law for src in r.sources)):
            yield at(ItemKind.RULE, r.id), text
    for r in content.routines.values():
        for text in (r.title, r.summary, *r.steps):
            yield at(ItemKind.ROUTINE, r.id), text
    for n in content.nodes.values():
        for text in (n.title, n.text, *(c.text for c in n.choices)):
            yield at(ItemKind.NODE, n.id), text
    for t in content.terms.values():
        for text in (t.term, t.explanation):
            yield at(ItemKind.TERM, t.id), text


def _check_user_texts(content: ParsedContent) -> None:
    """No editor note in what users see; no national number the fact base does not confirm."""
    local_numbers = {digits(p.number) for s in content.services.values()
                     if s.scope is Scope.LOCAL for p in s.phones}
    for s in content.services.values():
        if s.scope is Scope.NATIONAL:
            for phone in s.phones:
                if not is_verified_national(phone.number):
                    content.origins[(ItemKind.SERVICE, s.id)].error(
                        f"det nasjonale nummeret {phone.display} står ikke i faktagrunnlaget")
    for ctx, text in _user_texts(content):
        note = EDITOR_NOTE.search(text or "")
        if note:
            ctx.error(f"teksten brukerne ser, har en merknad til redaktører («{note.group(0)}»). "
                      "Flytt den til «notat»")
        for number in NUMBER_IN_TEXT.findall(text or ""):
            wanted = digits(number)
            if len(wanted) in (3, 5, 6, 8) and not (
                    is_verified_national(wanted) or wanted in local_numbers or _is_not_a_phone(wanted)):
                ctx.error(f"nummeret {number} står ikke i faktagrunnlaget eller blant kontaktene")


def _is_not_a_phone(number: str) -> bool:
    """Years, ages and percentages look like numbers too ("2018", "116" alone is not one)."""
    return len(number) < 5 and not number.startswith("11")


def _check_rule_sources(content: ParsedContent) -> None:
    """A rule marked verified stands only on verified sources; the rest goes to «ukontrollert»."""
    for rule in content.rules.values():
        if not rule.verified:
            continue
        for number, source in enumerate(rule.sources, 1):
            if not source.verified:
                content.origins[(ItemKind.RULE, rule.id)].at(f"kilde nr. {number}").error(
                    "regelen er merket kontrollert, men kilden er ikke det. Flytt den til "
                    "«ukontrollert», eller kontroller kilden")


def _check_links(content: ParsedContent, report: Report) -> None:
    for routine in content.routines.values():
        ctx = content.origins[(ItemKind.ROUTINE, routine.id)]
        _check_references(ctx, [routine.owner], content.services, "tjenesten")
        _check_references(ctx, routine.rules, content.rules, "regelen")
    for node in content.nodes.values():
        ctx = content.origins[(ItemKind.NODE, node.id)]
        _check_references(ctx, node.contacts, content.services, "tjenesten")
        _check_references(ctx, node.rules, content.rules, "regelen")
        _check_references(ctx, node.routines, content.routines, "rutinen")
    for kind, items in ((ItemKind.RULE, content.rules), (ItemKind.ROUTINE, content.routines)):
        for item in items.values():
            _check_references(content.origins[(kind, item.id)], [item.for_private_persons],
                              content.nodes, "steget")
    answerable = {ItemKind.RULE: content.rules, ItemKind.SERVICE: content.services,
                  ItemKind.ROUTINE: content.routines, ItemKind.NODE: content.nodes,
                  ItemKind.TERM: content.terms}
    for topic in content.topics.values():
        _check_references(content.origins[(ItemKind.TOPIC, topic.id)], [topic.answer_id],
                          answerable[topic.answer_kind], topic.answer_kind.value)


def _check_unverified_services(content: ParsedContent) -> None:
    for service in content.services.values():
        if not service.verified:
            content.origins[(ItemKind.SERVICE, service.id)].warn(
                "tjenesten er ikke kontrollert («verifisert: nei»). Boten sier at nummeret må sjekkes."
            )


def _check_rule_freshness(content: ParsedContent, today: date) -> None:
    for rule in content.rules.values():
        ctx = content.origins[(ItemKind.RULE, rule.id)]
        if not rule.verified:
            ctx.warn("regelen er ikke kontrollert («verifisert: nei»). Boten sier at den er usikker.")
        if rule.last_checked and (today - rule.last_checked).days > MAX_AGE_DAYS:
            ctx.warn(
                f"sist kontrollert {rule.last_checked.isoformat()}, for over 12 måneder siden. "
                "Sjekk regelen mot Lovdata og oppdater «sist_kontrollert»."
            )
        if rule.last_checked and rule.last_checked > today:
            ctx.error(f"«sist_kontrollert» ({rule.last_checked.isoformat()}) er fram i tid")


def check_directory(directory: Path, today: Optional[date] = None) -> CheckResult:
    """Validate every file in ``directory``; never raises for content problems."""
    report = Report()
    source = read_directory(Path(directory), report)
    content = parse_documents(source.documents, report)
    _check_links(content, report)
    _check_guide(content, report)
    today = today or date.today()
    _check_danger_exits(content)
    _check_after_hours(content, today)
    _check_user_texts(content)
    _check_rule_sources(content)
    _check_unverified_services(content)
    _check_rule_freshness(content, today)
    return CheckResult(report, content, source.fingerprint)

