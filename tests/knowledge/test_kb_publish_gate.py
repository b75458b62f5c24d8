"""The publish gate in `kb check`: content that could leave a user without help,
show an editor's note or state what is not verified is refused, with file and place."""

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from bot.knowledge.checker import check_directory, first_gap
from tests.knowledge.test_kb_checker import edit, item

TODAY = date(2026, 11, 30)


def errors(directory) -> list:
    return [str(p) for p in check_directory(directory, today=TODAY).report.errors]


def assert_refused(directory, expected: str) -> None:
    messages = errors(directory)
    assert any(expected in m for m in messages), "\n".join(messages)


def test_the_shipped_content_passes_the_gate(content_copy):
    assert errors(content_copy) == []


def test_a_step_nobody_can_reach_is_refused(content_copy):
    edit(content_copy, "handlingsveileder.yml", lambda d: d["handlingsveileder"].append({
        "id": "glemt", "tittel": "Glemt steg", "tekst": "Tekst.", "utfall": True,
        "kontakter": ["alarmtelefonen"]}))
    assert_refused(content_copy, "knowledge/handlingsveileder.yml, steg «glemt»: steget kan ikke nås fra start")


def test_a_step_without_the_danger_choice_is_refused(content_copy):
    def drop_danger(data):
        node = item(data, "handlingsveileder", "magefolelse")
        node["valg"] = [c for c in node["valg"] if c["til"] != "akutt-fare"]
    edit(content_copy, "handlingsveileder.yml", drop_danger)
    assert_refused(content_copy, "steg «magefolelse»: steget har ikke noe valg til et akutt steg")


def test_an_outcome_where_nobody_answers_at_night_is_refused(content_copy):
    edit(content_copy, "handlingsveileder.yml",
         lambda d: item(d, "handlingsveileder", "utfall-avslutt").update(kontakter=["barne-familieteam"]))
    assert_refused(content_copy, "steg «utfall-avslutt»: ingen av kontaktene svarer 30.11.2026 kl. 00.00")


def test_an_outcome_with_barnevernet_but_not_the_duty_service_is_refused(content_copy):
    edit(content_copy, "handlingsveileder.yml", lambda d: item(d, "handlingsveileder", "utfall-folg-med")
         .update(kontakter=["barneverntjeneste", "alarmtelefonen", "politi-112"]))
    assert_refused(content_copy, "steg «utfall-folg-med»: utfallet nevner «barneverntjeneste», "
                                 "men ikke vakten utenom kontortid («barnevernvakt»)")


def test_an_outcome_with_barnevernet_but_not_112_is_refused(content_copy):
    edit(content_copy, "handlingsveileder.yml", lambda d: item(d, "handlingsveileder", "utfall-meld-barnevern")
         .update(kontakter=["barneverntjeneste", "barnevernvakt", "alarmtelefonen"]))
    assert_refused(content_copy, "steg «utfall-meld-barnevern»: utfallet nevner «barneverntjeneste», men ikke 112")


def test_christmas_eve_closed_without_the_duty_service_open_is_refused(content_copy):
    """The office closes on 24 December, a weekday that is not a public holiday."""
    edit(content_copy, "tjenester-lokale.yml",
         lambda d: item(d, "tjenester", "barnevernvakt")["åpningstider"].pop("unntak"))
    assert_refused(content_copy, "tjeneste «barnevernvakt»: verken «barneverntjeneste» eller vakten "
                                 "svarer 24.12.2026 kl. 08.00")


def test_barnevernet_and_the_duty_service_cover_every_hour_of_the_year(kb):
    zone = ZoneInfo("Europe/Oslo")
    assert first_gap([kb.service("barneverntjeneste"), kb.service("barnevernvakt")], TODAY, zone) is None
    assert first_gap([kb.service("barneverntjeneste")], TODAY, zone) is not None


@pytest.mark.parametrize("file, change, expected", [
    ("regler.yml", lambda d: item(d, "regler", "etter-melding").update(
        kort_svar="Denne teksten er ikke kontrollert ennå."),
     "regel «etter-melding»: teksten brukerne ser, har en merknad til redaktører («ikke kontrollert ennå»)"),
    ("regler.yml", lambda d: item(d, "regler", "samtykke").update(
        detaljer="Fristene er ukjente, så boten skal ikke oppgi dem."),
     "regel «samtykke»: teksten brukerne ser, har en merknad til redaktører («boten skal»)"),
    ("handlingsveileder.yml", lambda d: item(d, "handlingsveileder", "magefolelse").update(
        tekst="Se fakta.md [sjekk]."),
     "steg «magefolelse»: teksten brukerne ser, har en merknad til redaktører"),
])
def test_an_editor_note_in_user_text_is_refused(content_copy, file, change, expected):
    edit(content_copy, file, change)
    assert_refused(content_copy, expected)


def test_an_editor_note_in_the_note_field_is_fine(content_copy):
    edit(content_copy, "regler.yml", lambda d: item(d, "regler", "samtykke").update(
        notat="Ikke kontrollert ennå: boten skal ikke oppgi fristene."))
    assert errors(content_copy) == []


def test_a_verified_rule_with_an_unverified_source_is_refused(content_copy):
    edit(content_copy, "regler.yml", lambda d: item(d, "regler", "samtykke")["kilder"].append(
        {"lov": "Friskolelova", "verifisert": False}))
    assert_refused(content_copy, "regel «samtykke», kilde nr. 3: regelen er merket kontrollert, "
                                 "men kilden er ikke det")


def test_a_section_number_on_an_unverified_source_is_refused(content_copy):
    edit(content_copy, "regler.yml", lambda d: item(d, "regler", "opplysningsplikt")["kilder"][1]
         .update(verifisert=False))
    assert_refused(content_copy, "regel «opplysningsplikt», kilde nr. 2: kilden er ikke kontrollert, "
                                 "så den kan ikke ha paragrafnummer")


def test_a_section_number_on_an_unverified_part_is_refused(content_copy):
    edit(content_copy, "regler.yml", lambda d: item(d, "regler", "opplysningsplikt")["ukontrollert"][2]
         .update(lov="Opplæringslova § 15-3"))
    assert_refused(content_copy, "regel «opplysningsplikt», ukontrollert, del nr. 3: en del som ikke er "
                                 "kontrollert, kan ikke ha paragrafnummer")


def test_a_national_number_not_in_the_fact_base_is_refused(content_copy):
    edit(content_copy, "tjenester-nasjonale.yml", lambda d: item(d, "tjenester", "kors-pa-halsen")
         .update(telefon="800 33 322"))
    assert_refused(content_copy, "tjeneste «kors-pa-halsen»: det nasjonale nummeret 800 33 322 står ikke "
                                 "i faktagrunnlaget")


def test_an_unknown_number_in_running_text_is_refused(content_copy):
    edit(content_copy, "handlingsveileder.yml", lambda d: item(d, "handlingsveileder", "utfall-avslutt")
         .update(tekst="Ring RUSinfo på 08588 hvis du lurer på noe."))
    assert_refused(content_copy, "steg «utfall-avslutt»: nummeret 08588 står ikke i faktagrunnlaget")


def test_years_ages_times_and_sections_are_not_taken_for_phone_numbers(content_copy):
    edit(content_copy, "handlingsveileder.yml", lambda d: item(d, "handlingsveileder", "utfall-avslutt")
         .update(tekst="I 2018 fikk 60 prosent hjelp. Fra 13–20 år, kl. 16.15–22.45, straffeloven § 291."))
    assert errors(content_copy) == []


def test_an_unknown_audience_is_refused(content_copy):
    edit(content_copy, "regler.yml", lambda d: item(d, "regler", "samtykke").update(målgruppe=["lærer"]))
    assert_refused(content_copy, "regel «samtykke»: «målgruppe»: «lærer» er ukjent")
