"""In the users' own words: answers that were legally off, and the topics from the supplementary facts.

Each new topic must be found by the knowledge search from a plain question, and its
answer must end with its source and «sist kontrollert»."""

import re

import pytest

from bot.dialogue.answers.items import ItemRef
from bot.knowledge.model import Audience, ItemKind, Role, audience_for

from tests.answers.conftest import MONDAY_MORNING, SATURDAY_EVENING
from tests.answers.test_compose import ask, text_of

LAST_LINE = re.compile(r"\(sist kontrollert \d{1,2}\.\d{1,2}\.\d{4}\)\.$")


def legal_text(kb, search, question, role=None) -> str:
    return ask(kb, search, "ask_rule", question, role).messages[0].text


def test_the_threshold_says_it_need_not_be_likely(kb, search):
    """«Det må ikke være over 50 prosent sannsynlig» read as the opposite of what is meant."""
    legal = legal_text(kb, search, "hvor sikker må jeg være før jeg melder?")
    assert "må ikke være over 50" not in legal
    assert "Det trenger heller ikke være sannsynlig, altså over 50 prosent." in legal
    assert "må ikke være over 50" not in kb.term("grunn-til-a-tro").explanation


def test_a_parent_told_there_is_no_duty_hears_about_avvergingsplikten(kb, search):
    legal = legal_text(kb, search, "har jeg plikt til å melde?", Role.PARENT_OR_PRIVATE)
    assert "har du ikke plikt til å melde" in legal
    assert "avvergingsplikten" in legal and "Ring 112" in legal


def test_avvergingsplikt_names_only_the_verified_offences(kb, search):
    legal = legal_text(kb, search, "hva er avvergingsplikt")
    assert "seksuelle overgrep mot barn" not in legal
    assert "voldtekt av barn under 14 år" in legal


def test_anonymous_discussion_keeps_the_duty_personal(kb, search):
    legal = legal_text(kb, search, "kan jeg drøfte en sak anonymt?", Role.SCHOOL)
    assert "Rådet tar ikke plikten fra deg." in legal


def test_no_text_calls_the_tribunal_by_its_old_name_alone(kb):
    texts = [r.details for r in kb.rules.values()] + [f"{t.term} {t.explanation}".casefold()
                                                      for t in kb.terms.values()]
    for text in texts:
        if "fylkesnemnda" in text:
            assert "barneverns- og helsenemnda" in text, text


def test_the_old_name_of_the_tribunal_finds_the_new_one(kb, search):
    reply = ask(kb, search, "ask_term", "hva er fylkesnemnda?")
    assert reply.item == ItemRef(ItemKind.TERM, "barneverns-og-helsenemnda")


def test_the_2025_changes_are_shown_as_not_checked_and_without_a_section(kb, search):
    legal = legal_text(kb, search, "har jeg meldeplikt?", Role.KINDERGARTEN)
    unchecked = legal[legal.index("Ikke kontrollert ennå:"):legal.index("Kilder:")]
    assert "Endringer vedtatt i 2025" in unchecked and "§" not in unchecked
    assert "atferdsvansker" not in legal[:legal.index("Ikke kontrollert ennå:")]


@pytest.mark.parametrize("question, rule_id", [
    ("hva skjer etter at jeg har sendt en bekymringsmelding?", "etter-melding"),
    ("hører jeg noe fra barnevernet etter at jeg har meldt?", "etter-melding"),
    ("kan jeg melde anonymt som nabo?", "melde-anonymt"),
    ("får familien vite at det var meg som meldte?", "melde-anonymt"),
    ("barnevernet kommer hjem til oss, hvilke rettigheter har jeg?", "foreldres-rettigheter"),
    ("kan jeg se dokumentene barnevernet har om oss?", "foreldres-rettigheter"),
    ("har jeg rett til innsyn i saken min hos barnevernet", "foreldres-rettigheter"),
    ("sier helsesøster det til foreldrene mine?", "ungdom-taushetsplikt"),
    ("får foreldrene vite hvis jeg går til legen og er 15?", "ungdom-taushetsplikt"),
    ("er det lov å gi barnet et lett klaps?", "vold-i-oppdragelsen"),
    ("har foreldre lov til å slå barna sine?", "vold-i-oppdragelsen"),
    ("hva gjør jeg etter en voldtekt?", "seksuelle-overgrep"),
    ("hva er statens barnehus?", "seksuelle-overgrep"),
])
def test_new_legal_topics_are_found_and_end_with_their_source(kb, search, question, rule_id):
    reply = ask(kb, search, "ask_rule", question)
    assert reply.item == ItemRef(ItemKind.RULE, rule_id)
    assert LAST_LINE.search(reply.messages[0].text.splitlines()[-1])
    assert "§ 2-1" not in reply.messages[0].text and "§ 30" not in reply.messages[0].text


def test_the_review_deadlines_are_stated(kb, search):
    legal = legal_text(kb, search, "hva skjer etter en bekymringsmelding?")
    assert "senest innen én uke" in legal and "innen tre måneder" in legal
    assert "innen tre uker" in legal


def test_violence_in_upbringing_uses_the_safe_wording_without_a_section(kb, search):
    legal = legal_text(kb, search, "er det lov å klapse barnet?")
    assert "All vold i oppdragelsen er forbudt, også lette slag." in legal
    assert "Barneloven §" not in legal


def test_sexual_assault_answer_gives_the_emergency_clinic_and_says_do_not_wash(kb, search):
    legal = legal_text(kb, search, "hva gjør jeg etter en voldtekt?", Role.YOUTH)
    assert "116 117" in legal and "Ikke dusj eller vask deg" in legal and "112" in legal


def test_parents_rights_give_the_year_of_the_figures(kb, search):
    legal = legal_text(kb, search, "barnevernet undersøker oss, hva er rettighetene mine?",
                       Role.PARENT_OR_PRIVATE)
    assert "Tall fra Bufdir for 2018" in legal and "hjelpetiltak i hjemmet" in legal


@pytest.mark.parametrize("question, service_id, number", [
    ("når er helsestasjon for ungdom åpen?", "helsestasjon-ungdom", "62 00 00 22"),
    ("hvordan kommer jeg til familievernet?", "familievernkontor", "62 00 00 90"),
    ("hva er nummeret til kirkens sos?", "kirkens-sos", "22 40 00 40"),
    ("nr til kirkens sos", "kirkens-sos", "22 40 00 40"),
    ("barnet har svelget noe, giftinformasjonen?", "giftinformasjonen", "22 59 13 00"),
    ("nummeret til foreldresupport", "mental-helse", "116 123"),
    ("hva er nummeret til kors på halsen?", "kors-pa-halsen", "800 33 321"),
    ("vold- og overgrepslinjen", "vo-linjen", "116 006"),
    ("når møtes drøftingsteamet?", "drofting-team", "62 00 00 60"),
])
def test_new_contacts_are_found_with_their_number(kb, search, question, service_id, number):
    reply = ask(kb, search, "ask_contact", question, now=SATURDAY_EVENING)
    assert reply.item == ItemRef(ItemKind.SERVICE, service_id)
    assert number in text_of(reply)


def test_the_violence_line_sends_under_18s_elsewhere(kb):
    line = kb.service("vo-linjen")
    assert "under 18" in line.for_whom and "116 111" in line.for_whom
    assert Audience.YOUNG_PERSON not in line.audiences


@pytest.mark.parametrize("question, routine_id", [
    ("rutine for oppstartssamtale i barnehagen", "barnehage-skole-oppstart"),
    ("hvordan tar vi opp rus på foreldremøte?", "barnehage-skole-oppstart"),
    ("hvordan evaluerer vi modellen?", "evaluering-av-modellen"),
    ("rutine for brukermedvirkning", "brukermedvirkning"),
    ("opplæring av nye ansatte i handlingsveilederen", "opplaering-nyansatte"),
    ("hvordan melder jeg en sak til drøftingsteamet?", "tverrfaglig-drofting"),
])
def test_new_routines_are_found(kb, search, question, routine_id):
    assert ask(kb, search, "ask_routine", question).item == ItemRef(ItemKind.ROUTINE, routine_id)


def test_the_three_levels_of_the_model_are_explained(kb, search):
    reply = ask(kb, search, "ask_term", "hva er de tre nivåene kommune, etat og individ?")
    assert reply.item == ItemRef(ItemKind.TERM, "tre-nivaer")


@pytest.mark.parametrize("role, audience", [
    (Role.SCHOOL, Audience.PROFESSIONAL), (Role.PARENT_OR_PRIVATE, Audience.PARENT),
    (Role.YOUTH, Audience.YOUNG_PERSON), (None, None),
])
def test_each_role_belongs_to_an_audience(role, audience):
    assert audience_for(role) is audience


def test_every_new_item_says_who_it_is_for(kb):
    new = [kb.rule(i) for i in ("etter-melding", "melde-anonymt", "foreldres-rettigheter",
                                "ungdom-taushetsplikt", "vold-i-oppdragelsen", "seksuelle-overgrep")]
    new += [kb.service(i) for i in ("helsestasjon-ungdom", "familievernkontor", "drofting-team",
                                    "vo-linjen", "kors-pa-halsen", "kirkens-sos", "giftinformasjonen")]
    assert all(item.audiences for item in new)
    assert kb.rule("ungdom-taushetsplikt").audiences[0] is Audience.YOUNG_PERSON


def test_no_editor_note_reaches_a_user(kb, search):
    """«Denne teksten er ikke kontrollert ennå» and «… så boten skal ikke oppgi dem» reached users."""
    for rule in kb.rules.values():
        for role in (None, Role.SCHOOL, Role.PARENT_OR_PRIVATE, Role.YOUTH):
            reply = ask(kb, search, "ask_rule", "", role, item=ItemRef(ItemKind.RULE, rule.id))
            shown = text_of(reply)
            assert "boten skal" not in shown and "Denne teksten er ikke kontrollert" not in shown
            assert not rule.editor_note or rule.editor_note not in shown, rule.id
