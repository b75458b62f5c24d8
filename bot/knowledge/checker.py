"""``kb check``: the schema plus the checks that span items (links, the guide graph, age)."""

from collections import deque
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Dict, Iterable, Optional, Set

from bot.knowledge.model import GuideNode, ItemKind
from bot.knowledge.problems import Context, Report
from bot.knowledge.schema import ParsedContent, parse_documents
from bot.knowledge.source import read_directory

# Rules should be looked at again once a year.
MAX_AGE_DAYS = 365


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
    _check_unverified_services(content)
    _check_rule_freshness(content, today or date.today())
    return CheckResult(report, content, source.fingerprint)

