"""What the walk says: citations, contacts and the summary heading."""

from dataclasses import replace
from datetime import date

from bot.dialogue.guide import render
from bot.knowledge.model import LegalSource, Role, Rule, UnverifiedPart


def _rule(*sources, verified=True):
    return Rule("r", "Regel", "Kort svar.", "", tuple(sources), verified, date(2026, 11, 22),
                by_role={Role.SCHOOL: "Svar for skolen."})


def test_an_unverified_source_is_cited_without_its_section_or_the_check_date():
    line = render.sources_line(_rule(LegalSource("Opplæringslova", "15-3", "", verified=False)),
                               all_sources=True)
    assert line == "Kilde: Opplæringslova, søk på https://lovdata.no (ikke kontrollert ennå)."


def test_a_source_without_its_own_address_is_not_linked_as_if_lovdata_were_the_law():
    # «the Straffeloven § 196 link goes to the Lovdata front page»
    line = render.sources_line(_rule(LegalSource("Straffeloven", "196", "", verified=True)),
                               all_sources=False)
    assert line == "Kilde: Straffeloven § 196, søk på https://lovdata.no (sist kontrollert 22.11.2026)."
    linked = render.sources_line(
        _rule(LegalSource("Barnevernsloven", "13-2", "https://lovdata.no/lov/2021-06-18-97/§13-2", True)),
        all_sources=False)
    assert linked == ("Kilde: Barnevernsloven § 13-2, https://lovdata.no/lov/2021-06-18-97/§13-2 "
                      "(sist kontrollert 22.11.2026).")


def test_each_source_has_its_own_status():
    """Users saw every source under one «sist kontrollert» date, the unchecked ones too."""
    rule = _rule(LegalSource("Barnevernsloven", "13-2", "", True),
                 LegalSource("Friskolelova", "", "", verified=False))
    assert render.sources_line(rule, all_sources=True) == (
        "Kilde: Barnevernsloven § 13-2, søk på https://lovdata.no (sist kontrollert 22.11.2026).")

    assert render.unverified_lines(rule) == ["Ikke kontrollert ennå:", "• Kilde: Friskolelova"]


def test_a_web_page_source_is_not_sent_to_lovdata():
    rule = _rule(LegalSource("Barneombudet, «Har foreldre lov til å slå?»", "", "", True))
    assert render.sources_line(rule, all_sources=True) == (
        "Kilde: Barneombudet, «Har foreldre lov til å slå?» (sist kontrollert 22.11.2026).")


def test_an_unverified_part_is_said_plainly_without_a_section():
    rule = replace(_rule(LegalSource("Barnevernsloven", "13-2", "", True)),
                   unverified_parts=(UnverifiedPart("Skolen har en egen regel.", "Opplæringslova"),))
    assert render.unverified_lines(rule) == [
        "Ikke kontrollert ennå:", "• Skolen har en egen regel. (Opplæringslova)"]


def test_an_unverified_rule_says_so():
    rule = _rule(LegalSource("Barnevernsloven", "13-2", "https://lovdata.no/x", True), verified=False)
    assert "(ikke kontrollert ennå)." in render.rule_block(rule, None)


def test_rule_block_adds_the_role_text_to_the_short_answer():
    rule = _rule(LegalSource("Barnevernsloven", "13-2", "", True))
    assert "Kort svar. Svar for skolen." in render.rule_block(rule, Role.SCHOOL)
    assert "Kort svar." in render.rule_block(rule, Role.PARENT_OR_PRIVATE)


def test_buttons_carry_the_option_as_an_entity():
    button = render.answer_button("Nei", "nei")
    assert button.payload == '/guide_answer{"guide_option": "nei"}'


def test_an_acute_outcome_asks_for_no_feedback(kb):
    """«Var dette nyttig?» came after «Kontakt barnevernet og politiet i dag»."""
    from tests.guide.conftest import MONDAY_MORNING
    violence = render.outcome_message(kb, kb.node("utfall-vold-sterk"), None, MONDAY_MORNING)
    assert violence.as_dispatch()["json_message"] == {"feedback": False}
    ordinary = render.outcome_message(kb, kb.node("utfall-niva2"), None, MONDAY_MORNING)
    assert "json_message" not in ordinary.as_dispatch()
