"""Answers for the asker, in the users' own words."""

from bot.dialogue.answers.compose import Question, after_acute, answer
from bot.understanding.reading import read_message

from tests.answers.conftest import MONDAY_MORNING


def ask(kb, search, text, intent="ask_rule"):
    return answer(kb, search, Question(intent=intent, text=text, reading=read_message(text)), MONDAY_MORNING)


def text_of(messages):
    return "\n".join(m.text for m in messages)


def test_a_young_person_gets_youth_safe_text_not_staff_routines(kb, search):
    reply = text_of(ask(kb, search, "foreldrene mine drikker hver helg").messages)
    assert "116 111" in reply and "voksen du stoler på" in reply
    assert "hemmelighet som gjør vondt" in reply
    assert "rutine" not in reply.casefold() and "meldeplikt" not in reply.casefold()


def test_a_young_person_asking_about_confidentiality_gets_the_rule_for_young_people(kb, search):
    reply = ask(kb, search, "kan helsesykepleier si til foreldrene mine at jeg har kuttet meg?")
    assert str(reply.item) == "regel:ungdom-taushetsplikt"
    assert "116 111" in text_of(reply.messages)


def test_a_mother_afraid_of_barnevernet_is_told_what_happens(kb, search):
    reply = ask(kb, search, "Jeg er mor og redd for at barnevernet skal ta barna mine")
    assert str(reply.item) in {"regel:etter-melding", "regel:foreldres-rettigheter"}
    assert "Takk for at du sier fra" not in text_of(reply.messages)


def test_a_parent_asking_about_rights_gets_the_parents_rights(kb, search):
    reply = ask(kb, search, "hvilke rettigheter har jeg som forelder når barnevernet undersøker?")
    assert str(reply.item) == "regel:foreldres-rettigheter"


def test_a_question_about_a_report_about_you_is_not_how_to_send_one(kb, search):
    reply = ask(kb, search, "har barnevernet fått en bekymringsmelding om meg?")
    assert str(reply.item) == "regel:etter-melding"


def test_a_multi_part_question_answers_the_first_part_asked(kb, search):
    assert str(ask(kb, search, "Har jeg meldeplikt? Hva med taushetsplikten?").item) == "regel:opplysningsplikt"


def test_after_the_emergency_block_comes_the_violence_step_for_staff(kb, search):
    text = "jeg er lærer og en elev sier at pappa slår henne"
    messages = after_acute(kb, search, Question(intent="", text=text, reading=read_message(text, lambda _: True)),
                           MONDAY_MORNING)
    assert text_of(messages).startswith("Mistanke om vold eller seksuelle overgrep")


def test_after_the_emergency_block_nothing_is_guessed(kb, search):
    text = "hjelp nå"
    messages = after_acute(kb, search, Question(intent="", text=text, reading=read_message(text, lambda _: True)),
                           MONDAY_MORNING)
    assert messages == ()


def test_the_other_part_of_a_multi_part_question_gets_a_button(kb, search):
    reply = ask(kb, search, "Har jeg meldeplikt? Hva med taushetsplikten?")
    last = reply.messages[-1]
    assert last.text.startswith("Svaret over gjelder opplysningsplikt")
    assert [b.title for b in last.buttons] == ["Taushetsplikt"]


def test_a_young_person_is_not_given_a_rule_written_for_staff_and_parents(kb, search):
    # «foreldrene mine drikker hver helg» found «Barn som pårørende», a duty of health staff
    reply = ask(kb, search, "foreldrene mine drikker hver helg")
    assert "helsepersonell" not in text_of(reply.messages).casefold()
    assert "116 111" in text_of(reply.messages)


def test_untagged_rules_are_for_everyone_and_tagged_ones_only_for_their_audience(kb):
    from bot.knowledge.model import Audience
    staff_only = kb.rule("barn-som-parorende")
    assert not staff_only.written_for(Audience.YOUNG_PERSON)
    assert kb.rule("ungdom-taushetsplikt").written_for(Audience.YOUNG_PERSON)


def test_one_question_naming_two_duties_is_not_split_in_parts(kb, search):
    # found by the fuzzer: a side question in the walk got a fourth bubble «Du spurte også om mer»
    for text in ("går meldeplikten foran taushetsplikten?", "hva er avvergingsplikt?"):
        assert not any("Du spurte også om mer" in m.text for m in ask(kb, search, text).messages)


def test_a_young_persons_confidentiality_question_keeps_a_rule_written_for_them(kb, search):
    # «Lover du å ikke si det til noen?»: the staff rule on confidentiality fits the words
    # best, but a young person gets the rule written for young people, not nothing
    reply = ask(kb, search, "har helsesøster taushetsplikt? jeg er 15")
    assert str(reply.item) == "regel:ungdom-taushetsplikt"
