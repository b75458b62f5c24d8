"""Answers for four people read as they would read them (tests/conversations/personas.yml):
a parent asking about check-ups, samvær or bullying gets who can help, not barnevernet's
investigation or a duty to report; a young person asking about contraception or whether the
doctor tells their parents gets the answer for young people. Messages are written here."""

import pytest

from bot.dialogue.answers import for_asker
from bot.dialogue.answers.compose import Question, answer
from bot.dialogue.answers.items import ItemRef
from bot.dialogue.answers.topics import first_topic, with_writer
from bot.knowledge.model import Role
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

# Persona round 2: staff (a helsesykepleier, a kontaktlærer, a barnehage worker, NAV, a coach).

def staff_asks(kb, search, text, role=None):
    reading = for_asker.with_known_asker(read_message(text), None, role)
    return answer(kb, search, Question(intent="ask_rule", text=text, reading=reading, user_role=role),
                  MONDAY_MORNING)


@pytest.mark.parametrize("text, role, leader_line", [
    ("må jeg si det til rektor først?", None, "Rektor kan ikke stoppe meldingen."),
    ("må jeg si det til styreren?", Role.KINDERGARTEN, "Styreren kan ikke stoppe meldingen."),
    ("må lederen godkjenne meldingen?", Role.SCHOOL, "Rektor kan ikke stoppe meldingen."),
])
def test_whether_the_leader_must_know_first_gets_the_personal_duty(kb, search, text, role, leader_line):
    """Was the general confidentiality rule, which says nothing about the leader."""
    reply = staff_asks(kb, search, text, role)
    assert str(reply.item) == "regel:opplysningsplikt"
    assert leader_line in text_of(reply) and "Kilder:" in text_of(reply)


@pytest.mark.parametrize("text", ["og hvis foreldrene blir sinte?", "skal jeg snakke med moren hans?",
                                  "bør jeg ta det opp med faren hennes"])
def test_the_childs_parents_get_the_step_with_its_exception_for_violence(kb, search, text):
    """«og hvis foreldrene blir sinte?» got a routine for start-up talks; «moren hans» nothing."""
    reply = staff_asks(kb, search, text, Role.SCHOOL)
    assert str(reply.item) == "veiledersteg:niva0-samtale-foreldre"
    assert "mistenker du vold" in text_of(reply) and "Blir foreldrene sinte" in text_of(reply)


@pytest.mark.parametrize("text", ["hva skal jeg skrive", "Hva skal jeg skrive?", "kva skal eg skrive"])
def test_a_teacher_asking_what_to_write_in_a_hurry_gets_the_routine_for_the_report(kb, search, text):
    assert str(staff_asks(kb, search, text, Role.SCHOOL).item) == "rutine:sende-bekymringsmelding"


def test_a_pupil_asking_the_nurse_to_keep_it_gets_confidentiality_for_health_staff(kb, search):
    reply = staff_asks(kb, search, "ho vil ikkje at eg seier det til nokon", Role.HEALTH)
    assert str(reply.item) == "regel:taushetsplikt"
    assert "helsepersonell" in reply.messages[0].text


def test_nav_asking_to_share_with_the_health_centre_gets_confidentiality_for_nav(kb, search):
    """Was the health centre's own routine, written for the helsesykepleier."""
    reply = staff_asks(kb, search, "kan jeg snakke med helsestasjonen om det?", Role.NAV)
    assert str(reply.item) == "regel:taushetsplikt"
    assert "ansatt i NAV" in reply.messages[0].text


def test_staff_calling_barnevernet_without_a_name_get_anonymous_consultation(kb, search):
    """Was «Som privatperson kan du velge …» about reporting anonymously."""
    reply = staff_asks(kb, search, "kan jeg ringe barnevernet uten å si navn", Role.SCHOOL)
    assert str(reply.item) == "regel:anonym-drofting"
    assert "skal du melde med navn" in text_of(reply)


def test_a_volunteer_coach_is_told_there_is_no_duty_but_the_duty_to_avert(kb, search):
    text = "jeg er fotballtrener og bare frivillig. har jeg meldeplikt?"
    reply = staff_asks(kb, search, text)
    said = text_of(reply)
    assert "ikke plikt til å melde" in said and "avvergingsplikt" in said
    assert "Kort svar til deg som er ansatt" not in said


@pytest.mark.parametrize("text", ["hva om jeg tar feil og familien blir ødelagt?", "kva om eg tek feil?"])
def test_a_worker_afraid_of_being_wrong_gets_the_step_to_talk_it_over_without_names(kb, search, text):
    """Was the gut-feeling step again, the one the barnehage worker had just read."""
    reply = staff_asks(kb, search, text, Role.KINDERGARTEN)
    assert str(reply.item) == "veiledersteg:anonym-drofting"
    assert "uten navn" in text_of(reply)


def test_a_school_nurse_asking_about_telling_a_14_year_olds_parents_gets_the_text_for_health_staff(kb, search):
    text = "helsesykepleier. 14-åring med kuttskader på armen. foreldrene vet ikke. må jeg informere dem?"
    reply = answer(kb, search, Question(intent="ask_rule", text=text, reading=read_message(text)), MONDAY_MORNING)
    assert str(reply.item) == "regel:ungdom-taushetsplikt"
    assert reply.messages[0].text.splitlines()[1].startswith("Kort svar til deg som er helsepersonell")
    assert "Som helsepersonell: under 16 år" in text_of(reply) and "Kilder:" in text_of(reply)


def test_and_barnevernet_after_a_rule_asks_about_the_duty_to_report(kb, search):
    """A helsesykepleier told about a 14-year-old's confidentiality asked «og barnevernet?»
    and got the same rule again, for staff of barnevernet."""
    earlier = ItemRef.parse("regel:ungdom-taushetsplikt")
    reply = answer(kb, search, Question(intent="ask_contact", text="og barnevernet?", earlier_item=earlier,
                                        user_role=Role.HEALTH, reading=read_message("og barnevernet?")),
                   MONDAY_MORNING)
    assert str(reply.item) == "regel:opplysningsplikt"
    assert "helsepersonelloven § 33" in text_of(reply)


def test_and_barnevernet_after_a_contact_asks_for_barnevernet(kb, search):
    earlier = ItemRef.parse("tjeneste:helsestasjon")
    reply = answer(kb, search, Question(intent="ask_contact", text="hva med barnevernet?", earlier_item=earlier,
                                        reading=read_message("hva med barnevernet?")), MONDAY_MORNING)
    assert str(reply.item) == "tjeneste:barneverntjeneste"


@pytest.mark.parametrize("text", ["hvor lang tid tar det før de gjør noe", "kor lenge tek undersøkinga?"])
def test_how_long_barnevernet_takes_is_what_happens_after_a_report(kb, search, text):
    """A barnehage assistant who had just asked how to report got «Mente du …?»."""
    reply = staff_asks(kb, search, text, Role.KINDERGARTEN)
    assert str(reply.item) == "regel:etter-melding"
    assert "senest innen én uke" in text_of(reply) and "Kilder:" in text_of(reply)


def test_nav_staff_whose_client_uses_drugs_and_has_children_get_the_step_for_adult_services(kb, search):
    """Was the rule on children as next of kin, written for health staff."""
    text = "jobber på nav. bruker sier han er redd for å miste barna hvis han forteller om rusen. hva sier jeg til ham?"
    reply = answer(kb, search, Question(intent="ask_rule", text=text, reading=read_message(text)), MONDAY_MORNING)
    assert str(reply.item) == "veiledersteg:forelder-voksentjeneste"
    assert "Spør om forelderen har barn" in text_of(reply)


def test_promising_not_to_report_gets_the_personal_duty(kb, search):
    reply = staff_asks(kb, search, "kan jeg love ham at jeg ikke melder?", Role.NAV)
    assert str(reply.item) == "regel:opplysningsplikt"
    assert "Plikten ligger på deg" in text_of(reply)


def test_what_next_after_the_duty_offers_the_walk_and_how_to_report(kb, search):
    """A teacher's «hva nå?» after the duty to report got «Det finner jeg ikke noe svar på»."""
    reply = answer(kb, search, Question(intent="ask_term", text="hva nå?", user_role=Role.SCHOOL,
                                        earlier_item=ItemRef.parse("regel:opplysningsplikt"),
                                        reading=read_message("hva nå?")), MONDAY_MORNING)
    said = text_of(reply)
    assert "Det finner jeg ikke" not in said and "handlingsveileder" in said and "112" in said
    payloads = [b.payload for m in reply.messages for b in m.buttons]
    assert "/worry_about_child" in payloads and any("rutine:sende-bekymringsmelding" in p for p in payloads)


def test_what_next_after_a_step_shows_the_step_again(kb, search):
    reply = answer(kb, search, Question(intent="nlu_fallback", text="kva no?",
                                        earlier_item=ItemRef.parse("veiledersteg:niva0-samtale-foreldre"),
                                        reading=read_message("kva no?")), MONDAY_MORNING)
    assert str(reply.item) == "veiledersteg:niva0-samtale-foreldre"
    assert text_of(reply).startswith("Snakk med foreldrene")


def test_what_next_from_a_young_person_is_not_the_staff_walk(kb, search):
    reading = for_asker.with_known_asker(read_message("hva nå?"), "youth_self", None)
    reply = answer(kb, search, Question(intent="ask_rule", text="hva nå?", reading=reading), MONDAY_MORNING)
    assert "handlingsveileder" not in text_of(reply) and "116 111" in text_of(reply)
