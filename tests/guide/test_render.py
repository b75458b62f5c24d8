"""What the walk says: citations, contacts and the summary heading."""

from datetime import date

from bot.guide import render
from bot.knowledge.model import LegalSource, Role, Rule


def _rule(*sources, verified=True):
    return Rule("r", "Regel", "Kort svar.", "", tuple(sources), verified, date(2026, 11, 22),
                by_role={Role.SCHOOL: "Svar for skolen."})


def test_an_unverified_source_is_cited_without_its_section():
    line = render.sources_line(_rule(LegalSource("Opplæringslova", "15-3", "", verified=False)),
                               all_sources=True)
    assert line == ("Kilde: Opplæringslova (sist kontrollert 22.11.2026). "
                    "Søk den opp på https://lovdata.no.")


def test_a_source_without_its_own_address_is_not_linked_as_if_lovdata_were_the_law():
    # «the Straffeloven § 196 link goes to the Lovdata front page»
    line = render.sources_line(_rule(LegalSource("Straffeloven", "196", "", verified=True)),
                               all_sources=False)
    assert line.startswith("Kilde: Straffeloven § 196 (sist kontrollert 22.11.2026).")
    assert "§ 196, https://lovdata.no" not in line
    linked = render.sources_line(
        _rule(LegalSource("Barnevernsloven", "13-2", "https://lovdata.no/lov/2021-06-18-97/§13-2", True)),
        all_sources=False)
    assert linked == ("Kilde: Barnevernsloven § 13-2, https://lovdata.no/lov/2021-06-18-97/§13-2 "
                      "(sist kontrollert 22.11.2026).")


def test_an_unverified_rule_says_so():
    rule = _rule(LegalSource("Barnevernsloven", "13-2", "https://lovdata.no/x", True), verified=False)
    assert "ikke kontrollert ennå, sjekk Lovdata" in render.rule_block(rule, None)


def test_rule_block_uses_the_role_variant():
    rule = _rule(LegalSource("Barnevernsloven", "13-2", "", True))
    assert "Svar for skolen." in render.rule_block(rule, Role.SCHOOL)
    assert "Kort svar." in render.rule_block(rule, Role.PARENT_OR_PRIVATE)


def test_buttons_carry_the_option_as_an_entity():
    button = render.answer_button("Nei", "nei")
    assert button.payload == '/guide_answer{"guide_option": "nei"}'
