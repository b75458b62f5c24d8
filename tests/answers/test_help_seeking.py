"""People who do not say who they are: a young person in foster care or an institution, a
young person who wants to keep something from their parents, someone looking for a person to
talk to, a parent asking about the measures of barnevernet, and services named outright.
Messages are written here, in the users' own words."""

import pytest

from bot.dialogue.answers.compose import Question, answer
from bot.understanding.reading import read_message

from tests.answers.conftest import MONDAY_MORNING, SATURDAY_EVENING


def ask(kb, search, text, intent="ask_rule", now=MONDAY_MORNING):
    return answer(kb, search, Question(intent=intent, text=text, reading=read_message(text)), now)


def reply_text(reply):
    return "\n".join(m.text for m in reply.messages)


def is_youth_safe(text):
    return "116 111" in text and ("ikke alene" in text or "voksen du stoler på" in text)


@pytest.mark.parametrize("text", [
    "hei eg bur på institusjon no og vil heim, men dei seier nei heile tida",
    "jeg har bodd i fosterhjem i et år og trives ikke, kan jeg flytte?",
    "Jeg ble plassert på en barnevernsinstitusjon i sommer. Ingen hører på meg!!",
    "jeg bor i beredskapshjem og får ikke lov til å dra på trening, er det lov?",
    "min fostermor leser meldingene mine, har jeg ingen rettigheter",
])
def test_a_young_person_in_care_gets_youth_safe_text_and_the_right_to_be_heard(kb, search, text):
    text_of_reply = reply_text(ask(kb, search, text))
    assert is_youth_safe(text_of_reply)
    assert kb.rule("ungdom-bli-hort").title in text_of_reply
    assert "Slik sender du" not in text_of_reply  # no staff routine


def test_the_answer_to_a_young_person_in_care_ends_with_its_source(kb, search):
    rule_bubble = ask(kb, search, "jeg bor på institusjon og vil hjem").messages[0].text
    assert rule_bubble.splitlines()[-1].startswith("Kilde") and "sist kontrollert" in rule_bubble


@pytest.mark.parametrize("text", [
    "jeg har bodd i fosterhjem i et år og trives ikke, kan jeg flytte?",
])
def test_a_professional_who_says_so_is_not_taken_for_the_young_person(kb, search, text):
    reply = ask(kb, search, "Jeg er kontaktlærer. Eleven sier: " + text)
    assert kb.rule("ungdom-bli-hort").title not in reply_text(reply)


@pytest.mark.parametrize("text", [
    "jeg vil ikke at foreldrene mine skal få vite at jeg går til psykolog. må fastlegen si det?",
    "Kan legen la være å si det til mamma og pappa? vil ikke at mamma og pappa skal vite noe",
])
def test_a_young_person_keeping_it_from_their_parents_gets_the_youth_confidentiality_rule(kb, search, text):
    text_of_reply = reply_text(ask(kb, search, text))
    assert kb.rule("ungdom-taushetsplikt").title in text_of_reply
    assert is_youth_safe(text_of_reply)


@pytest.mark.parametrize("now", [MONDAY_MORNING, SATURDAY_EVENING])
def test_someone_who_wants_a_person_to_talk_to_gets_the_youth_line_too(kb, search, now):
    text = reply_text(ask(kb, search, "hvem kan man prate med hvis man har det vondt hjemme?", "ask_human", now))
    assert is_youth_safe(text)
    assert text.count(kb.service("alarmtelefonen").name) == 1  # once, with the word to young people
    assert "112" in text


def test_a_teacher_asking_for_a_person_gets_no_youth_line(kb, search):
    text = reply_text(answer(kb, search, Question(intent="ask_human", text="jeg er lærer og vil snakke med noen",
                                                  reading=read_message("jeg er lærer og vil snakke med noen")),
                             MONDAY_MORNING))
    assert "Er du barn eller ungdom?" not in text


@pytest.mark.parametrize("text", [
    "hva betyr frivillige hjelpetiltak for oss som familie?",
    "kan barnevernet tvinge oss til å ta imot tiltak? snakker om tvungne hjelpetiltak",
    "barnevernet gjorde et akuttvedtak i går, hva nå",
])
def test_a_parent_asking_about_measures_gets_their_rights(kb, search, text):
    assert kb.rule("foreldres-rettigheter").title in reply_text(ask(kb, search, text))


@pytest.mark.parametrize("text, service", [
    ("kva gjer familievernet eigentleg?", "familievernkontor"),
    ("hva skjer med barnet etter avhøret på barnehuset?", "statens-barnehus"),
])
def test_a_service_named_in_a_question_is_answered(kb, search, text, service):
    assert reply_text(ask(kb, search, text)).startswith(kb.service(service).name)


def test_how_agencies_talk_with_children_gets_the_step_for_the_talk(kb, search):
    assert kb.node("niva0-samtale-barn").title in reply_text(
        ask(kb, search, "hva må politi og barnevern tenke på i samtaler med barna?"))


@pytest.mark.parametrize("text", [
    "barnevernet spør meg aldri om hvordan jeg har det, de bare bestemmer",
    "eg blir halden fast av dei som jobbar her når eg blir sint",
])
def test_a_young_person_who_only_hints_at_living_in_care_gets_youth_safe_text(kb, search, text):
    assert is_youth_safe(reply_text(ask(kb, search, text)))


def test_a_word_question_about_a_measure_gets_the_parents_rights(kb, search):
    reply = ask(kb, search, "hva betyr akuttplassering", intent="ask_term")
    assert kb.rule("foreldres-rettigheter").title in reply_text(reply)


@pytest.mark.parametrize("text, intent", [("hva regnes som psykisk vold?", "ask_term"),
                                          ("hva er egentlig vold", "ask_rule")])
def test_what_counts_as_violence_gets_the_rule_against_violence(kb, search, text, intent):
    assert kb.rule("vold-i-oppdragelsen").title in reply_text(ask(kb, search, text, intent=intent))
