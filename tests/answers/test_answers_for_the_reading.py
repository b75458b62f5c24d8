"""Answers that follow a reading which now knows more: a private person who asks whether to
report, a question about what a worry does to children, a young person asking for a service
by name. Messages are written here, in the users' own words."""

from bot.dialogue.answers.compose import Question, answer
from bot.understanding.reading import read_message

from tests.answers.conftest import MONDAY_MORNING


def ask(kb, search, text, intent="ask_rule"):
    question = Question(intent=intent, text=text, reading=read_message(text))
    return answer(kb, search, question, MONDAY_MORNING)


def lines(reply):
    return [line.lstrip("• ") for m in reply.messages for line in m.text.splitlines()]


def test_a_neighbour_asking_whether_to_report_gets_the_private_persons_step(kb, search):
    text = "naboungen virker så lei seg, bør jeg melde fra til barnevernet?"
    assert read_message(text).asker == "parent_worried"
    reply = ask(kb, search, text)
    assert str(reply.item) == "veiledersteg:privatperson"
    assert not any(line.startswith(kb.rule("opplysningsplikt").title) for line in lines(reply))


def test_staff_asking_the_same_get_their_duty(kb, search):
    reply = ask(kb, search, "jeg er lærer, når skal jeg melde til barnevernet?")
    assert str(reply.item) == "regel:opplysningsplikt"


def test_what_a_parents_drinking_does_to_children_gets_the_step_for_it(kb, search):
    text = "hvordan påvirker det ungene at far drikker hver kveld?"
    assert read_message(text).kind == "term"
    assert str(ask(kb, search, text).item) == "veiledersteg:forelder-psykisk-rus"


def test_a_young_person_asking_when_their_service_is_open_gets_its_hours(kb, search):
    text = "eg er 15, når er helsestasjon for ungdom open?"
    reply = ask(kb, search, text, intent="ask_contact")
    assert any(line.startswith(kb.service("helsestasjon-ungdom").name) for line in lines(reply))
    assert "116 111" in "\n".join(lines(reply))  # still the youth-safe text


def test_a_parent_asking_whom_to_turn_to_about_a_teen_gets_the_step_not_a_rule(kb, search):
    text = "gutten vår på 16 ruser seg og har flyttet ut. hvem kan vi snakke med?"
    assert read_message(text).kind == "contact"
    assert str(ask(kb, search, text).item) == "veiledersteg:privatperson"
