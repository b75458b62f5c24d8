"""Safety in the walk: a way out to danger on every step, after-hours routes on
every outcome with barnevernet, and BTI levels that never stand for how serious it is."""

from datetime import datetime

import pytest

from bot.dialogue.guide import render, walk
from bot.dialogue.guide.walk import GuideState

from tests.guide.conftest import OSLO, SATURDAY_EVENING

DANGER_CHOICE = "Barnet er i fare akkurat nå"
CHRISTMAS_EVE_MORNING = datetime(2026, 12, 24, 10, 0, tzinfo=OSLO)  # a Thursday, not a holiday


def shown(kb, node_id, now=SATURDAY_EVENING) -> render.Message:
    return render.question(kb, GuideState(position=node_id, history=("start",)), now)


@pytest.mark.parametrize("node_id", [
    "forelder-psykisk-rus", "gravid-rus", "omsorgssvikt", "barn-atferd-rus", "magefolelse",
    "niva0-skriv-ned", "niva0-drofte", "niva0-samtale-barn", "niva0-samtale-foreldre",
    "niva0-beslutning",
])
def test_steps_that_lacked_it_offer_the_danger_choice(kb, node_id):
    assert DANGER_CHOICE in [b.title for b in shown(kb, node_id).buttons]


def test_every_step_with_choices_offers_the_danger_choice(kb):
    for node in kb.nodes.values():
        if node.choices and not node.acute:
            assert "akutt-fare" in [c.target for c in node.choices], node.id


def test_danger_is_not_labelled_as_a_bti_level(kb):
    """«Barnet er i fare nå (BTI-nivå 3)» used a level as severity."""
    assert "BTI-nivå" not in shown(kb, "akutt-fare").text
    assert "BTI-nivå" not in shown(kb, "vold-mistanke").text
    assert "Samarbeid med en annen tjeneste (BTI-nivå 2)" in shown(kb, "niva2-samarbeid").text


@pytest.mark.parametrize("node_id", ["utfall-folg-med", "utfall-vold-sterk", "utfall-meld-barnevern",
                                     "utfall-akutt-barnevern", "vold-mistanke"])
def test_barnevernet_comes_with_the_routes_that_work_after_hours(kb, node_id):
    text = "\n".join(render.node_details(kb, kb.node(node_id), None, SATURDAY_EVENING))
    assert "Barnevernvakten: 62 00 00 11 (åpent nå" in text
    assert "116 111" in text and "Politiet – nødnummer 112: 112" in text


def test_on_christmas_eve_the_duty_service_answers_while_the_office_is_closed(kb):
    text = "\n".join(render.node_details(kb, kb.node("utfall-meld-barnevern"), None, CHRISTMAS_EVE_MORNING))
    assert "Demo og omegn barneverntjeneste: 62 00 00 10 (stengt nå (Julaften)" in text
    assert "Barnevernvakten: 62 00 00 11 (åpent nå" in text


def test_the_parents_first_exception_includes_serious_neglect(kb):
    text = kb.node("niva0-samtale-foreldre").text
    assert "alvorlig omsorgssvikt fra foreldrene, snakker du ikke med dem først" in text
    assert "utfall-meld-barnevern" in [c.target for c in kb.node("niva0-samtale-foreldre").choices]


def test_the_14_day_step_says_not_to_wait(kb):
    text = shown(kb, "niva0-beslutning").text
    assert "skal du ikke vente: meld til barnevernet med en gang" in text


def test_the_follow_up_after_advice_keeps_the_duty_personal(kb):
    assert "Rådet du fikk, tar ikke plikten fra deg" in kb.node("utfall-folg-med").text
    assert "Følg rådet du fikk" not in kb.node("utfall-folg-med").text


def test_the_private_person_step_mentions_avvergingsplikt(kb):
    assert "avvergingsplikt" in kb.node("privatperson").text


def test_the_walk_shows_the_new_content_where_it_belongs(kb):
    assert "etter-melding" in kb.node("utfall-meld-barnevern").rules
    assert "seksuelle-overgrep" in kb.node("vold-mistanke").rules
    assert "drofting-team" in kb.node("anonym-drofting").contacts
    summary = walk.summary(GuideState(position="utfall-meld-barnevern", history=("start", "vurder-opplysningsplikt")),
                           kb, SATURDAY_EVENING)
    text = render.summary_message(kb, summary).text
    assert "Hva skjer etter en bekymringsmelding?" in text and "Nivå:" not in text
