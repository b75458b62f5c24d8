"""Answers for who is asking: a reported parent gets what happens and their rights, a worried
private person starts at the step for private persons, the asker is kept across turns, and a
question that names a rule's subject gets that rule. Messages are written here."""

from dataclasses import replace

import pytest

from bot.dialogue.answers import for_asker
from bot.dialogue.answers.compose import Question, answer
from bot.dialogue.answers.topics import first_topic, topic_rule
from bot.knowledge.model import Role
from bot.understanding.reading import read_message

from tests.answers.conftest import MONDAY_MORNING


def ask(kb, search, text, reading=None):
    reading = reading or read_message(text)
    return answer(kb, search, Question(intent="ask_rule", text=text, reading=reading), MONDAY_MORNING)


def headings(reply):
    return [line.lstrip("• ") for m in reply.messages for line in m.text.splitlines()]


def has_heading(reply, kb, rule_id):
    return any(line.startswith(kb.rule(rule_id).title) for line in headings(reply))


@pytest.mark.parametrize("text", [
    "barnehagen har sendt bekymringsmelding om oss, hva gjør jeg nå?",
    "kan jeg ta med advokat når barnevernet kaller oss inn?",
    "jeg er livredd for at barnevernet skal ta ungene",
])
def test_a_reported_parent_gets_what_happens_and_their_rights(kb, search, text):
    reply = ask(kb, search, text)
    assert has_heading(reply, kb, "etter-melding") and has_heading(reply, kb, "foreldres-rettigheter")


def test_the_rights_come_after_the_answer_and_before_the_contacts(kb, search):
    texts = [m.text for m in ask(kb, search, "kan jeg ta med advokat når barnevernet kaller oss inn?").messages]
    assert texts[1].startswith("Dette gjelder også deg:")
    assert "barnevernet" in texts[-1].casefold()


def test_a_worried_professional_gets_no_parents_rights(kb, search):
    assert not has_heading(ask(kb, search, "jeg er lærer, hva skjer etter at jeg har meldt?"),
                           kb, "foreldres-rettigheter")


def test_a_worried_private_person_starts_at_the_step_for_private_persons(kb):
    assert for_asker.step_for(kb, read_message("naboungen virker sulten og er alltid alene")) == "privatperson"


def test_staff_start_at_the_step_for_their_worry(kb):
    assert for_asker.step_for(kb, read_message("et av barna i barnehagen kommer uten mat")) == "omsorgssvikt"


@pytest.mark.parametrize("text, rule_id", [
    ("kan jeg melde uten å oppgi navn?", "melde-anonymt"),
    ("kan vi drøfte en sak med barnevernet først?", "anonym-drofting"),
    ("må jeg som privatperson gripe inn?", "avvergingsplikt"),
    ("er en lett klaps på rumpa lov?", "vold-i-oppdragelsen"),
])
def test_a_question_that_names_a_rules_subject_gets_that_rule(kb, search, text, rule_id):
    assert str(ask(kb, search, text).item) == f"regel:{rule_id}"


def test_a_worry_about_violence_gets_the_step_not_the_upbringing_rule(kb):
    text = "hva gjør jeg når jeg mistenker at et barn blir slått i oppdragelsen?"
    reading = read_message(text)
    assert reading.kind == "what_to_do" and reading.concerns
    named = first_topic(kb.topics.values(), text)
    assert topic_rule(named) == "vold-i-oppdragelsen"  # named, and still not the answer
    assert for_asker.rule_for(kb, [], reading, 7.0, named) is None


def test_a_young_person_stays_a_young_person_in_the_next_message(kb, search):
    later = read_message("kan hun si det videre?")
    assert later.asker == "unknown"
    kept = for_asker.with_known_asker(later, "youth_self", None)
    assert kept.asker == "youth_self"
    assert "116 111" in "\n".join(m.text for m in ask(kb, search, "kan hun si det videre?", kept).messages)


@pytest.mark.parametrize("earlier, role, asker", [
    (None, Role.YOUTH, "youth_self"),  # «jeg er 15» told with the role buttons or in words
    (None, Role.PARENT_OR_PRIVATE, "parent_worried"),
    (None, Role.SCHOOL, "professional"),
    ("parent_reported", Role.PARENT_OR_PRIVATE, "parent_reported"),
    (None, None, "unknown"),
])
def test_the_known_asker_fills_in_when_a_message_does_not_say(earlier, role, asker):
    assert for_asker.with_known_asker(read_message("hva skjer nå?"), earlier, role).asker == asker


def test_a_message_that_says_who_asks_is_not_overruled_by_the_earlier_asker():
    reading = read_message("jeg er lærer, har jeg meldeplikt?")
    assert for_asker.with_known_asker(reading, "youth_self", Role.YOUTH) == reading


def test_only_a_clear_asker_is_remembered():
    assert for_asker.asker_to_remember(read_message("hva betyr BTI?")) is None
    assert for_asker.asker_to_remember(read_message("foreldrene mine drikker")) == "youth_self"
    assert for_asker.asker_to_remember(None) is None


def test_a_professionals_known_sector_is_kept():
    reading = replace(read_message("hva skjer nå?"), sector=None)
    assert for_asker.with_known_asker(reading, None, Role.HEALTH).sector == "helse"


@pytest.mark.parametrize("text, intent", [
    ("korleis startar eg ein samtale med eleven?", "ask_rule"),
    ("hvorfor forteller ikke barna hva som skjer hjemme?", "ask_routine"),
    ("hvordan snakker jeg med barnet om det jeg har sett?", "ask_rule"),
])
def test_talking_with_the_child_gets_the_step_for_it(kb, search, text, intent):
    reply = answer(kb, search, Question(intent=intent, text=text, reading=read_message(text)), MONDAY_MORNING)
    assert str(reply.item) == "veiledersteg:niva0-samtale-barn"


def test_a_worry_nothing_else_answers_gets_the_step_for_it(kb, search):
    reply = ask(kb, search, "hva kjennetegner omsorgssvikt hos små barn?")
    assert str(reply.item) == "veiledersteg:omsorgssvikt"


def test_how_to_report_is_the_routine_for_staff_and_the_own_step_for_a_private_person(kb, search):
    staff = "jeg jobber med barn, hvordan sender jeg en bekymringsmelding?"
    neighbour = "jeg er nabo, hvordan sender jeg en bekymringsmelding?"
    assert str(ask(kb, search, staff).item) == "rutine:sende-bekymringsmelding"
    assert str(ask(kb, search, neighbour).item) == "veiledersteg:privatperson"


@pytest.mark.parametrize("text, item", [
    ("hvem kan få en barnekoordinator?", "begrep:barnekoordinator"),
    ("kva er statens barnehus for noko?", "tjeneste:statens-barnehus"),
])
def test_a_word_or_service_named_outright_is_answered(kb, search, text, item):
    reply = answer(kb, search, Question(intent="ask_term", text=text, reading=read_message(text)), MONDAY_MORNING)
    assert str(reply.item) == item


def test_an_unclear_message_that_names_a_word_of_the_list_gets_it_not_mente_du(kb, search):
    from bot.dialogue.answers.unclear import unclear_reply
    (reply,) = unclear_reply(kb, search, "kan vi få en barnekoordinator til gutten?", "nlu_fallback", 1,
                             MONDAY_MORNING)
    assert reply.text.startswith("Barnekoordinator:")


def test_where_a_report_goes_is_the_child_welfare_service(kb, search):
    assert str(ask(kb, search, "hvem skal jeg sende meldingen til?").item) == "tjeneste:barneverntjeneste"


def test_who_may_report_is_not_where_to_send_it(kb, search):
    assert str(ask(kb, search, "hvem kan melde fra til barnevernet?").item) != "tjeneste:barneverntjeneste"


def test_how_to_report_with_nobody_named_gives_staff_and_private_persons_their_part(kb, search):
    reply = ask(kb, search, "hvordan sender man en bekymringsmelding?")
    assert str(reply.item) == "rutine:sende-bekymringsmelding"
    assert any(line.startswith(kb.node("privatperson").title) for line in headings(reply))


def test_a_duty_question_from_someone_unknown_also_tells_private_persons_their_part(kb, search):
    reply = ask(kb, search, "må jeg si fra til barnevernet om dette?")
    assert str(reply.item) == "regel:opplysningsplikt"
    assert any(line.startswith(kb.node("privatperson").title) for line in headings(reply))


def test_a_teachers_duty_question_gets_no_private_persons_step(kb, search):
    reply = ask(kb, search, "har lærere meldeplikt?")
    assert not any(line.startswith(kb.node("privatperson").title) for line in headings(reply))


def test_a_what_to_do_worry_taken_for_a_routine_request_gets_the_step(kb, search):
    text = "ei jente i barnehagen kjem ofte utan matpakke, kva gjer eg?"  # the search finds a routine
    reply = answer(kb, search, Question(intent="ask_routine", text=text, reading=read_message(text)), MONDAY_MORNING)
    assert str(reply.item) == "veiledersteg:omsorgssvikt"
