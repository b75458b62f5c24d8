"""Who asks is kept from one message to the next, in the users' own words: a young person
who said their age is still answered as a young person, until they say they are someone else."""

from bot.dialogue.names import Slot
from bot.understanding.reading import read_message

from tests.guide.test_actions import Conversation, _texts, use_knowledge  # noqa: F401 (fixture)


def said(chat, text, intent):
    return _texts(chat.say(text, intent, reading=read_message(text).as_dict()))


def test_a_young_person_who_said_their_age_gets_the_youth_answer_next(database_url, use_knowledge):
    use_knowledge(database_url)
    chat = Conversation()
    said(chat, "jeg er 15", "tell_role")
    answer = said(chat, "kan helsesykepleier si det videre?", "ask_rule")
    assert "Taushetsplikt for ungdom" in answer and "116 111" in answer


def test_a_young_person_writing_about_home_is_still_young_in_the_next_question(database_url, use_knowledge):
    use_knowledge(database_url)
    chat = Conversation()
    said(chat, "foreldrene mine drikker hver helg, hva skal jeg gjøre", "ask_rule")
    assert chat.slots[Slot.ASKER] == "youth_self"
    answer = said(chat, "har læreren taushetsplikt?", "ask_rule")
    assert "116 111" in answer and "Kort svar til deg som er ansatt" not in answer


def test_a_role_told_later_outranks_the_asker_an_earlier_message_looked_like(database_url, use_knowledge):
    use_knowledge(database_url)
    chat = Conversation()
    said(chat, "foreldrene mine drikker hver helg", "ask_rule")
    chat.say("jeg er lærer", "tell_role")
    assert chat.slots[Slot.ASKER] is None
    answer = said(chat, "hva skjer nå?", "ask_rule")
    assert "voksen du stoler på" not in answer
