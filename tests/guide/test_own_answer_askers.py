"""A young person, or a parent afraid of barnevernet, who says a worry later in the
conversation gets their own answer, not the staff walk (issue 15, persona role-play). The
reader sees one message at a time; who asks is kept in the slot known_asker, and
data/rules/askers.yml sends the worry to the answer. Messages in the users' own words."""

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.unclear import ShortReply, Unclear
from bot.dialogue.answers import for_asker
from bot.dialogue.answers.unclear import short_reply
from bot.dialogue.names import Action, Intent, Slot
from bot.knowledge.model import Role
from bot.platform.settings import PROJECT_ROOT
from bot.understanding.reading import read_message

from tests.guide.conftest import MONDAY_MORNING
from tests.guide.test_actions import Conversation, _texts, use_knowledge  # noqa: F401 (fixture)
from tests.guide.test_asker_turns import said

STAFF_WALK = "Er barnet i akutt fare nå?"


@pytest.mark.parametrize("first, intent, later", [
    ("er 15", "tell_role", "e det normalt"),
    ("er 15", "tell_role", "hjelp tror jeg er gravid"),
    ("jeg er 14 og foreldrene mine krangler hele tiden", "ask_rule", "hjelp tror jeg er gravid"),
    ("jeg er 14 og foreldrene mine krangler hele tiden", "ask_rule", "e det normalt"),
])
def test_a_young_persons_short_follow_up_gets_the_youth_answer_not_the_staff_walk(
        database_url, use_knowledge, first, intent, later):
    use_knowledge(database_url)
    chat = Conversation()
    said(chat, first, intent)
    assert chat.slots[Slot.ASKER] == "youth_self"
    answer = said(chat, later, "worry_about_child")
    assert STAFF_WALK not in answer and not chat.form_active
    assert "ikke alene" in answer and "voksen du stoler på" in answer and "116 111" in answer
    assert "hemmelighet som gjør vondt" in answer


def test_a_parent_afraid_of_barnevernet_is_not_walked_as_staff(database_url, use_knowledge):
    use_knowledge(database_url)
    chat = Conversation()
    said(chat, "barnevernet har fått en bekymringsmelding om oss, jeg er så redd", "ask_rule")
    assert chat.slots[Slot.ASKER] == "parent_reported"
    answer = said(chat, "jeg er bekymret for at de tar barna", "worry_about_child")
    assert STAFF_WALK not in answer and not chat.form_active
    assert "Hva skjer etter en bekymringsmelding?" in answer


def test_staff_who_say_a_worry_still_get_the_walk(database_url, use_knowledge):
    use_knowledge(database_url)
    chat = Conversation()
    chat.say("jeg er lærer", "tell_role")
    assert STAFF_WALK in said(chat, "jeg er bekymret for en elev", "worry_about_child")


@pytest.mark.parametrize("role, earlier, kept", [
    (Role.YOUTH, None, "youth_self"),
    (Role.YOUTH, "youth_friend", "youth_friend"),
    (Role.YOUTH, "professional", "youth_self"),
    (Role.PARENT_OR_PRIVATE, "parent_reported", "parent_reported"),
    (Role.PARENT_OR_PRIVATE, "youth_self", "parent_worried"),
    (Role.SCHOOL, "youth_self", None),
])
def test_the_asker_kept_when_the_user_says_who_they_are(role, earlier, kept):
    assert for_asker.asker_of_told_role(role, earlier) == kept


def test_a_worry_is_the_question_of_an_asker_with_their_own_answer():
    youth = read_message("jeg er 14 og blir mobbet")
    staff = read_message("jeg er lærer og bekymret for en elev")
    assert for_asker.question_intent(Intent.WORRY_ABOUT_CHILD, youth) == Intent.ASK_RULE
    assert for_asker.question_intent(Intent.WORRY_ABOUT_CHILD, staff) == Intent.WORRY_ABOUT_CHILD
    assert for_asker.question_intent(Intent.ASK_CONTACT, youth) == Intent.ASK_CONTACT


def test_the_rules_send_the_worry_of_exactly_these_askers_to_their_answer():
    rules = yaml.safe_load((PROJECT_ROOT / "data" / "rules" / "askers.yml").read_text(encoding="utf-8"))["rules"]
    routed = set()
    for rule in rules:
        (asker,) = [c["slot_was_set"][0][Slot.ASKER] for c in rule["condition"]]
        assert rule["steps"] == [{"intent": Intent.WORRY_ABOUT_CHILD}, {"action": Action.ANSWER_QUESTION}]
        routed.add(asker)
    assert routed == set(for_asker.OWN_ANSWER_ASKERS)
    domain = yaml.safe_load((PROJECT_ROOT / "domain" / "understanding.yml").read_text(encoding="utf-8"))
    assert set(domain["slots"][Slot.ASKER]["values"]) == set(for_asker.ASKERS)


def test_the_walks_own_words_outside_the_walk_start_it_only_for_staff(kb):
    young = for_asker.with_known_asker(read_message("e det normalt"), "youth_self", None)
    unknown = read_message("e det normalt")
    assert short_reply(kb, "e det normalt", False, None, 0, Role.YOUTH, MONDAY_MORNING, young).answers_question
    assert short_reply(kb, "far drikker", False, None, 0, None, MONDAY_MORNING, unknown).starts_walk


def _run(action, intent, slots, text):
    """What ``action`` says to ``text`` read as ``intent``, outside the walk; never the walk."""
    message = {"text": text, "intent": {"name": intent}, "entities": [], "reading": read_message(text).as_dict()}
    tracker = Tracker("test", slots, message, [{"event": "user", "text": text, "parse_data": message}],
                      False, None, {}, None)
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, {})
    assert not any(e.get("event") == "followup" for e in events), "the walk started"
    return _texts(dispatcher.messages)


def _short_reply_action(slots, text):
    return _run(ShortReply(), Intent.GUIDE_ANSWER, slots, text)


def test_a_young_persons_follow_up_read_as_a_walk_answer_gets_the_youth_answer(database_url, use_knowledge):
    """«e det normalt» right after an answer is sometimes read as an answer to the walk's
    question (guide_answer); outside the walk that started the walk, for a 14-year-old too."""
    use_knowledge(database_url)
    answer = _short_reply_action({Slot.ASKER: "youth_self", Slot.USER_ROLE: "ungdom"}, "e det normalt")
    assert STAFF_WALK not in answer and "116 111" in answer and "voksen du stoler på" in answer


@pytest.mark.parametrize("text", ["kva skjer no", "ka skjer no?"])
def test_a_parents_what_happens_now_read_as_a_walk_answer_is_answered(database_url, use_knowledge, text):
    """Persona: a parent told that barnevernet will look into the family wrote «kva skjer no»;
    read as an answer to the walk outside it, it started the staff walk."""
    use_knowledge(database_url)
    answer = _short_reply_action({Slot.ASKER: "parent_reported"}, text)
    assert STAFF_WALK not in answer and "Hva skjer etter en bekymringsmelding?" in answer


def test_a_reported_parent_who_speaks_of_their_son_is_still_afraid_of_barnevernet(database_url, use_knowledge):
    """Persona: «skolen har meldt oss …», then «jeg er bekymret for hvordan sønnen min har
    det nå» made the parent a merely worried one, and «kan jeg klage?» lost its answer."""
    use_knowledge(database_url)
    chat = Conversation()
    said(chat, "skolen har meldt oss til barnevernet og jeg er livredd", "ask_rule")
    said(chat, "jeg er bekymret for hvordan sønnen min har det nå", "worry_about_child")
    assert chat.slots[Slot.ASKER] == "parent_reported" and not chat.form_active
    answer = said(chat, "kan jeg klage?", "ask_rule")
    assert "Dine rettigheter når barnevernet undersøker" in answer and "ikke svare sikkert" not in answer


def test_a_young_person_gets_no_service_meant_for_parents_they_did_not_ask_for(database_url, use_knowledge):
    """Persona: «jeg er 14 og foreldrene mine krangler hele tiden» got Familievernkontoret
    (for parents: «hjelper foreldre som har flyttet fra hverandre») before the youth answer."""
    use_knowledge(database_url)
    chat = Conversation()
    answer = said(chat, "jeg er 14 og foreldrene mine krangler hele tiden", "ask_rule")
    assert "Familievernkontoret" not in answer and "voksen du stoler på" in answer
    asked = said(Conversation(), "jeg er 15, når er familievernet åpent?", "ask_contact")
    assert "Familievernkontoret" in asked


def _unclear_action(slots, text):
    return _run(Unclear(), Intent.NLU_FALLBACK, slots, text)


def test_a_young_person_who_is_not_understood_gets_the_youth_safe_text(database_url, use_knowledge):
    """Persona: after «er 14», «noen har delt bilder av meg» was not understood and got the
    assistant's topics («meldeplikt, taushetsplikt …»), which are for adults."""
    use_knowledge(database_url)
    said = _unclear_action({Slot.ASKER: "youth_self", Slot.USER_ROLE: "ungdom"}, "noen har delt bilder av meg")
    assert "voksen du stoler på" in said and "116 111" in said and "meldeplikt" not in said


def test_a_reported_parent_who_is_not_understood_gets_what_happens_and_their_rights(database_url, use_knowledge):
    """Persona: after «barnehagen har meldt bekymring for dattera mi», «jeg er så redd for at
    de tar henne» got «Jeg er ikke helt sikker på hva du mener»."""
    use_knowledge(database_url)
    said = _unclear_action({Slot.ASKER: "parent_reported"}, "jeg er så redd for at de tar henne")
    assert "Dine rettigheter når barnevernet undersøker" in said and "ikke helt sikker" not in said


def test_anyone_else_who_is_not_understood_still_gets_the_topics(database_url, use_knowledge):
    use_knowledge(database_url)
    assert "Hva skjer etter" not in _unclear_action({}, "qwerty asdf")
