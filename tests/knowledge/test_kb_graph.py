"""The action guide as a graph, and the safety rules for legal content."""

import re
from collections import deque

import pytest

from bot.knowledge.model import Scope


def reachable(kb, start):
    seen, queue = {start}, deque([start])
    while queue:
        for choice in kb.node(queue.popleft()).choices:
            if choice.target not in seen:
                seen.add(choice.target)
                queue.append(choice.target)
    return seen


def test_one_start_and_every_node_reachable(kb):
    starts = [n.id for n in kb.nodes.values() if n.start]
    assert starts == ["start"]
    assert reachable(kb, "start") == set(kb.nodes)


def test_no_dead_ends(kb):
    for node in kb.nodes.values():
        assert node.outcome or node.choices, node.id
        assert any(kb.node(n).outcome for n in reachable(kb, node.id)), node.id


def test_every_outcome_names_an_existing_contact(kb):
    outcomes = [n for n in kb.nodes.values() if n.outcome]
    assert len(outcomes) >= 8
    for node in outcomes:
        assert node.contacts and all(kb.service(c) for c in node.contacts), node.id


def test_every_reference_resolves(kb):
    for node in kb.nodes.values():
        assert all(kb.node(c.target) for c in node.choices), node.id
        assert all(kb.rule(r) for r in node.rules), node.id
        assert all(kb.routine(r) for r in node.routines), node.id
    for routine in kb.routines.values():
        assert kb.service(routine.owner) and all(kb.rule(r) for r in routine.rules), routine.id


def test_all_bti_levels_and_required_paths_exist(kb):
    assert {n.level for n in kb.nodes.values()} == {None, 0, 1, 2, 3}
    for node_id in ("akutt-fare", "vold-mistanke", "forelder-psykisk-rus", "gravid-rus",
                    "barn-atferd-rus", "magefolelse", "niva0-skriv-ned", "niva0-drofte",
                    "niva0-samtale-barn", "niva0-samtale-foreldre"):
        assert node_id in kb.nodes
    assert kb.node("niva0-beslutning").deadline_days == 14
    assert kb.node("akutt-fare").acute and "politi-112" in kb.node("akutt-fare").contacts


def test_violence_path_never_leads_to_talking_with_parents(kb):
    assert "niva0-samtale-foreldre" not in reachable(kb, "vold-mistanke")
    strong = kb.node("utfall-vold-sterk")
    assert {"barneverntjeneste", "politi-02800"} <= set(strong.contacts)


def test_local_data_is_marked_as_example_in_demo(kb):
    assert kb.municipality.demo and kb.municipality.time_zone == "Europe/Oslo"
    assert kb.is_example(kb.service("helsestasjon"))
    assert not kb.is_example(kb.service("alarmtelefonen"))
    assert kb.service("barneverntjeneste").inter_municipal


@pytest.mark.parametrize("name, service_id", [
    ("helsesøster", "helsestasjon"), ("Barnevernet", "barneverntjeneste"),
    ("familiens hus", "familiestasjon"), ("PPT", "ppt"), ("116111", "alarmtelefonen"),
])
def test_services_are_found_by_their_usual_names(kb, name, service_id):
    assert kb.find_service(name).id == service_id


# fakta.md was checked on 22.11., fakta-tillegg.md on 30.11.
CHECKED_DATES = {"2026-11-22", "2026-11-30"}
# Section numbers fakta.md marks as checked but that are not a rule source themselves.
CHECKED_PENAL_SECTIONS = {"282", "283", "291", "299", "274", "275"}
SECTION = re.compile(r"§§?\s*(\d+(?:\s?[-–]\s?\d+)?(?:\s[a-h]\b)?)")


def test_sections_are_only_stated_when_verified(kb):
    verified = {s.section.replace(" ", "") for r in kb.rules.values() for s in r.sources if s.verified}
    for rule in kb.rules.values():
        for source in rule.sources:
            assert source.verified or not source.section, rule.id
            assert source.verified or "§" not in source.citation
        shown = " ".join([rule.short_answer, rule.details, *rule.by_role.values()])
        for match in SECTION.findall(shown):
            # "§§ 282–283" is a span (en dash); "§ 13-2" is one section (hyphen).
            numbers = set(match.replace(" ", "").split("–"))
            assert numbers <= verified | CHECKED_PENAL_SECTIONS, (rule.id, match)


def test_verified_flag_and_last_checked(kb):
    for rule in kb.rules.values():
        if rule.verified:
            assert rule.last_checked.isoformat() in CHECKED_DATES, rule.id
        else:
            assert rule.last_checked is None, rule.id
    # fakta-tillegg.md verified what these say; the rest is in «ukontrollert».
    assert kb.rule("etter-melding").verified and kb.rule("melde-anonymt").verified
    assert kb.service("mental-helse").verified


def test_lovdata_links_match_the_law_numbers_from_the_facts(kb):
    links = {s.link for r in kb.rules.values() for s in r.sources if s.link}
    allowed = ("https://lovdata.no/lov/2021-06-18-97", "https://lovdata.no/lov/2023-06-09-30",
               "https://www.bufdir.no/barnevern/")
    assert links and all(link.startswith(allowed) for link in links)


def test_national_numbers_come_from_the_facts(kb):
    national = {p.display for s in kb.services.values() if s.scope is Scope.NATIONAL for p in s.phones}
    assert national == {"112", "02800", "113", "116 117", "116 111", "116 123", "116 006",
                        "800 33 321", "22 40 00 40", "22 59 13 00"}
