"""Answers for four people read as they would read them (tests/conversations/personas.yml):
a parent asking about check-ups, samvær or bullying gets who can help, not barnevernet's
investigation or a duty to report; a young person asking about contraception or whether the
doctor tells their parents gets the answer for young people. Messages are written here."""

import pytest

from bot.dialogue.answers import for_asker
from bot.dialogue.answers.compose import Question, answer
from bot.dialogue.answers.topics import first_topic, with_writer
from bot.understanding.reading import read_message

from tests.answers.conftest import MONDAY_MORNING


def ask(kb, search, text):
    return answer(kb, search, Question(intent="ask_rule", text=text, reading=read_message(text)), MONDAY_MORNING)


def text_of(reply):
    return "\n".join(m.text for m in reply.messages)


@pytest.mark.parametrize("text, service", [
    ("hva skjer på undersøkelsen på helsestasjonen?", "helsestasjon"),
    ("når skal datteren min ha neste vaksine?", "helsestasjon"),
    ("når skal sonen min på undersøking på helsestasjonen?", "helsestasjon"),  # was «out of scope»
    ("vi har skilt oss og eksen min vil ikke la meg se barna", "familievernkontor"),
    ("hvordan blir samværet når vi flytter fra hverandre", "familievernkontor"),
    ("datteren min blir mobbet på skolen og skolen gjør ingenting", "skole"),
    ("jeg drikker nok for mye og er redd for at barna merker det", "psykisk-helse-rus"),
    ("tror jeg er gravid hva gjør jeg", "helsestasjon-ungdom"),
    ("hvor kan jeg få p-piller uten at mamma vet det", "helsestasjon-ungdom"),
])
def test_a_parent_or_young_person_gets_the_service_that_helps(kb, search, text, service):
    reply = ask(kb, search, text)
    assert reply.item is not None and reply.item.id == service
    assert kb.service(service).name in text_of(reply)


def test_a_check_up_at_the_health_centre_is_not_barnevernets_investigation(kb, search):
    assert "bekymringsmelding" not in text_of(ask(kb, search, "hva skjer på undersøkelsen på helsestasjonen?"))


def test_a_bullied_childs_parent_is_not_told_about_a_duty_to_report(kb, search):
    assert "plikt til å melde" not in text_of(ask(kb, search, "sønnen min blir mobba på skulen"))


@pytest.mark.parametrize("text", [
    "må legen si ifra til foreldrene mine hvis jeg får p-piller",
    "kan eg snakke med nokon utan at dei får vite det",
])
def test_a_young_person_asking_if_parents_are_told_gets_their_own_confidentiality(kb, search, text):
    reply = ask(kb, search, text)
    assert reply.item is not None and reply.item.id == "ungdom-taushetsplikt"
    assert "116 111" in text_of(reply)
    assert kb.rule("opplysningsplikt").title not in text_of(reply)


def test_a_school_nurse_asking_about_the_pupils_parents_gets_the_staff_rule(kb, search):
    reply = ask(kb, search, "jeg er helsesykepleier, må jeg si det til foreldrene hans?")
    assert reply.item is not None and reply.item.id == "taushetsplikt"


def test_a_teacher_whose_pupil_is_bullied_still_gets_the_walk_for_staff(kb):
    text = "jeg er lærer. en elev i klassen min blir mobbet, hva gjør jeg?"
    topic = first_topic(kb.topics.values(), text)
    assert topic is None
    assert with_writer(read_message(text), topic).asker == "professional"


@pytest.mark.parametrize("text", ["hva skal jeg skrive i meldingen?", "kva skal eg ta med i bekymringsmeldinga"])
def test_a_teacher_asking_what_to_write_gets_the_routine_for_the_report(kb, search, text):
    reply = answer(kb, search, Question(intent="ask_rule", text=text, reading=read_message("jeg er lærer")),
                   MONDAY_MORNING)
    assert reply.item is not None and reply.item.id == "sende-bekymringsmelding"


def test_a_parent_asking_what_the_nurse_tells_them_is_answered_as_a_parent(kb, search):
    text = "kan helsesykepleier si det til meg hvis han forteller?"
    earlier = read_message("jeg tror sønnen min på 16 røyker hasj")
    reading = for_asker.with_known_asker(read_message(text), earlier.asker, None)
    reply = answer(kb, search, Question(intent="ask_rule", text=text, reading=reading), MONDAY_MORNING)
    assert "helsepersonell" not in reply.messages[0].text
    assert "forelder" in text_of(reply)


@pytest.mark.parametrize("text", ["kommer barnevernet og tar meg?", "kan barnevernet hente meg fra skolen?"])
def test_a_young_person_afraid_of_being_taken_gets_what_happens_for_them(kb, search, text):
    """Persona (14-year-old): «kommer barnevernet og tar meg?» got the staff answer on a report."""
    reading = read_message(text)
    assert reading.asker == "youth_self" and reading.kind == "after_report"
    reply = ask(kb, search, text)
    assert reply.item is not None and reply.item.id == "ungdom-tar-barnevernet-meg"
    assert "får hjelpen hjemme" in text_of(reply)


@pytest.mark.parametrize("text", [
    "mamma drikker mye og vi har problemer hjemme",
    "venninna mi sa at jeg ikke må si det til noen at faren hennes slår henne",
])
def test_a_young_person_who_asks_nothing_of_confidentiality_does_not_get_that_rule(kb, search, text):
    """Persona: «problemer hjemme» and a friend's «ikke si det til noen» pulled the rule on
    what the nurse may tell parents; the youth-safe text answers them (no hurtful secret)."""
    reply = ask(kb, search, text)
    assert reply.item is None or reply.item.id != "ungdom-taushetsplikt"
    assert "116 111" in text_of(reply)


def test_a_friend_asking_if_the_nurse_tells_gets_the_confidentiality_rule(kb, search):
    reply = ask(kb, search, "venninna mi kutter seg, kan helsesøster si det til foreldrene hennes hvis hun forteller?")
    assert reply.item is not None and reply.item.id == "ungdom-taushetsplikt"


@pytest.mark.parametrize("text, service", [
    ("kva skjer når eg ringer barnevernvakta?", "barnevernvakt"),
    ("hva skjer hvis jeg ringer alarmtelefonen?", "alarmtelefonen"),
])
def test_what_happens_when_one_calls_a_service_is_answered_by_the_service(kb, search, text, service):
    """Issue 15: «what happens when I call?» got another card, then the rule on what follows a
    report; the service itself answers (who it is for, when it is open)."""
    reply = ask(kb, search, text)
    assert reply.item is not None and reply.item.id == service
    assert kb.service(service).name in text_of(reply)


def test_what_happens_when_one_calls_barnevernet_is_what_follows_a_report(kb, search):
    reply = ask(kb, search, "hva skjer når jeg ringer barnevernet?")
    assert reply.item is not None and reply.item.id == "etter-melding"
