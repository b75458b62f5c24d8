"""The Rasa actions of the walk, against a knowledge base loaded from a copy of knowledge/.

The harness plays Rasa's part: guide_form asks for guide_outcome until it is
set, and a side question (the validation returns nothing) is answered and then
the form comes back with a rejection event in the tracker.
"""

import json
from typing import List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import guide, knowledge_access, questions, roles
from bot.dialogue.answers import for_asker
from bot.dialogue.names import Form, Slot
from bot.knowledge.store import load_directory

from tests.guide.conftest import MONDAY_MORNING, SATURDAY_EVENING


class Conversation:
    def __init__(self):
        self.slots = {Slot.GUIDE_STATE: None, Slot.GUIDE_OUTCOME: None}
        self.events: List[dict] = []
        self.form_active = False
        self.replies: List[dict] = []

    def _tracker(self, message: dict) -> Tracker:
        # Like Rasa, the form is marked active before it validates its first message.
        return Tracker("test", dict(self.slots), message, list(self.events), False, None,
                       {"name": Form.GUIDE}, None)

    def _set_form_active(self, active: bool) -> None:
        self.form_active = active
        self.events.append({"event": "active_loop", "name": Form.GUIDE if active else None})

    def _run(self, action, message: dict) -> list:
        dispatcher = CollectingDispatcher()
        events = action.run(dispatcher, self._tracker(message), {})
        self.replies += dispatcher.messages
        for event in events:
            if event["event"] == "slot":
                self.slots[event["name"]] = event["value"]
                self.events.append(event)
        return events

    def say(self, text: str, intent: str, option: Optional[str] = None,
            reading: Optional[dict] = None) -> List[dict]:
        """One user turn; returns what the bot said. ``reading`` is the reader component's."""
        self.replies = []
        entities = [{"entity": "guide_option", "value": option}] if option else []
        message = {"text": text, "intent": {"name": intent}, "entities": entities}
        if reading:
            message["reading"] = reading
        self.events.append({"event": "user", "text": text, "parse_data": message})
        if not self.form_active and intent == "worry_about_child" \
                and self.slots.get(Slot.ASKER) in for_asker.OWN_ANSWER_ASKERS:
            self._run(questions.AnswerQuestion(), message)  # data/rules/askers.yml
            return self.replies
        if not self.form_active and intent not in ("worry_about_child", "guide_back"):
            self._side_question(message)
            return self.replies
        was_active = self.form_active
        if not was_active:
            self._set_form_active(True)
        events = self._run(guide.ValidateGuideForm(), message)
        if was_active and not events:
            self.events.append({"event": "action_execution_rejected", "name": Form.GUIDE})
            self._side_question(message)
            self._run(guide.ValidateGuideForm(), message)
        if self.slots[Slot.GUIDE_OUTCOME]:
            self._set_form_active(False)
            self._run(guide.GuideFinish(), message)
        else:
            self._run(guide.AskGuideOutcome(), message)
        return self.replies

    def _side_question(self, message: dict) -> None:
        if message["intent"]["name"] == "guide_summary":
            self._run(guide.GuideSummary(), message)
        elif message["intent"]["name"] in guide.QUESTIONS:
            self._run(questions.AnswerQuestion(), message)
        elif message["intent"]["name"] == "tell_role":
            self._run(roles.RememberRole(), message)
        else:
            self.replies.append({"text": f"<{message['intent']['name']} svar fra domenet>"})

    @property
    def position(self) -> str:
        return self.slots[Slot.GUIDE_STATE]["position"]


def _texts(replies) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def _options(replies) -> List[str]:
    """The guide_option of each answer button."""
    payloads = [b["payload"] for r in replies for b in r.get("buttons", [])]
    return [json.loads(p[p.index("{"):])["guide_option"] for p in payloads if "{" in p]


@pytest.fixture
def use_knowledge(monkeypatch):
    """Point the actions at a database and a fixed clock."""
    def use(database_url: str, now=MONDAY_MORNING):
        knowledge_access.repository.cache_clear()
        monkeypatch.setenv("DATABASE_URL", database_url)
        monkeypatch.setattr(knowledge_access, "local_now", lambda kb: now)
    yield use
    knowledge_access.repository.cache_clear()


def test_done_when_walk_teacher_reaches_a_next_step_with_phone_rule_and_summary(
        database_url, use_knowledge):
    use_knowledge(database_url)
    chat = Conversation()
    first = chat.say("jeg er bekymret for en elev", "worry_about_child")
    assert len(first) == 1 and "Er barnet i akutt fare nå? Ring 112." in first[0]["text"]
    assert "barnevernvakten" in _texts(first)
    assert _options(first) == ["ja", "nei", "vet_ikke"]
    assert "Hvem er du?" in _texts(chat.say("nei", "guide_answer"))
    worry = chat.say("jeg er lærer", "guide_answer")
    assert "Hva er du bekymret for?" in _texts(worry)
    assert "vold-mistanke" in _options(worry)
    step = chat.say("jeg tror han blir slått hjemme", "guide_answer")
    assert chat.position == "vold-mistanke"
    assert "Ikke ta det opp med foreldrene først" in _texts(step)
    # The rule answer is the teacher's own, with a verified citation and the check date.
    assert "Som ansatt i skolen skal du også melde" in _texts(step)
    assert "Barnevernsloven § 13-2, https://lovdata.no/lov/2021-06-18-97/§13-2" in _texts(step)
    assert "sist kontrollert 22.11.2026" in _texts(step)
    end = chat.say("mistanken er sterk, hun har fortalt det", "guide_answer")
    outcome, summary = _texts(end[:1]), end[-1]["text"]
    assert "Kontakt barnevernet og politiet i dag" in outcome
    assert "62 00 00 10 (åpent nå, stenger kl. 15.30)" in outcome
    assert "02800" in outcome
    assert summary.startswith("Oppsummering")
    assert "Bekymring: Mistanke om vold eller seksuelle overgrep" in summary
    assert "Den som spør: ansatt i skolen" in summary
    # A BTI level says how many services work together, not how serious it is.
    assert "BTI-nivå" not in summary and "Barnevernsloven § 13-2" in summary
    assert "hun har fortalt" not in summary  # nothing the user wrote


def test_a_parent_gets_the_answer_for_private_persons(database_url, use_knowledge):
    use_knowledge(database_url)
    chat = Conversation()
    chat.say("jeg er bekymret for barnet til naboen", "worry_about_child")
    chat.say("nei", "guide_answer")
    chat.say("er bare nabo", "guide_answer")
    answer = _texts(chat.say("har jeg meldeplikt?", "ask_rule"))
    assert "Som forelder eller privatperson har du ikke plikt til å melde" in answer
    assert "Som ansatt i skolen" not in answer
    assert chat.position == "start"


def test_evening_shows_who_is_open(database_url, use_knowledge):
    use_knowledge(database_url, now=SATURDAY_EVENING)
    chat = Conversation()
    chat.say("jeg er bekymret", "worry_about_child")
    step = chat.say("ja", "guide_answer", option="ja")
    assert chat.position == "akutt-fare"
    end = chat.say("jeg har ringt", "guide_answer", option="utfall-akutt-barnevern")
    text = _texts(end)
    assert "Barnevernvakten: 62 00 00 11 (åpent nå" in text
    assert "Demo og omegn barneverntjeneste: 62 00 00 10 (stengt nå, åpner mandag kl. 08.00)" in text
    assert "eksempler i denne demoen" in text


def test_role_in_the_first_message_skips_the_role_question(database_url, use_knowledge):
    use_knowledge(database_url)
    chat = Conversation()
    chat.say("jeg er helsesykepleier og bekymret for en gutt", "worry_about_child")
    assert "Hva er du bekymret for?" in _texts(chat.say("nei", "guide_answer"))


def test_side_question_is_answered_and_the_walk_resumes(database_url, use_knowledge):
    use_knowledge(database_url)
    chat = Conversation()
    chat.say("eg er uroleg for eit barn", "worry_about_child")
    chat.say("nei", "guide_answer")
    chat.say("eg jobbar i barnehagen", "guide_answer")
    chat.say("mor ruser seg", "guide_answer")
    assert chat.position == "forelder-psykisk-rus"
    replies = chat.say("kva betyr stafettlogg?", "ask_term")
    assert replies[0]["text"].startswith("Stafettlogg:")
    assert "Vil du fortsette der vi var? Vi var på: «En forelder har psykisk sykdom" in replies[-1]["text"]
    assert chat.position == "forelder-psykisk-rus"
    assert "niva0-skriv-ned" in _options(replies)


def test_unclear_answer_asks_again(database_url, use_knowledge):
    use_knowledge(database_url)
    chat = Conversation()
    chat.say("jeg er bekymret for en elev", "worry_about_child")
    replies = chat.say("blå bil", "nlu_fallback")
    assert "Jeg er ikke sikker på hva du mener" in replies[0]["text"]
    assert chat.position == "#triage"


def test_yes_to_going_on_after_a_side_question_asks_the_question_again(database_url, use_knowledge):
    """«ja» to «Vil du fortsette der vi var?» mid-walk answers the walk, not «Jeg er ikke sikker»."""
    use_knowledge(database_url)
    chat = Conversation()
    chat.say("eg er uroleg for eit barn", "worry_about_child")
    chat.say("nei", "guide_answer")
    chat.say("eg jobbar i barnehagen", "guide_answer")
    chat.say("mor ruser seg", "guide_answer")
    chat.say("kva betyr stafettlogg?", "ask_term")
    replies = chat.say("ja", "guide_answer")
    assert "Jeg er ikke sikker" not in _texts(replies)
    assert "niva0-skriv-ned" in _options(replies) and chat.position == "forelder-psykisk-rus"
    # «nei» (not going on, or not in danger) is understood: the step again, and how to leave.
    replies = chat.say("nei", "guide_answer")
    assert replies[0]["text"].startswith("Greit.") and "start på nytt" in replies[0]["text"]
    assert chat.position == "forelder-psykisk-rus"


def test_back_and_summary_in_the_middle(database_url, use_knowledge):
    use_knowledge(database_url)
    chat = Conversation()
    chat.say("jeg er bekymret for en elev", "worry_about_child")
    chat.say("nei", "guide_answer")
    chat.say("NAV", "guide_answer")
    chat.say("gravid", "guide_answer")
    assert chat.position == "gravid-rus"
    back = chat.say("gå tilbake", "guide_back")
    assert chat.position == "start" and "Hva er du bekymret for?" in _texts(back)
    chat.say("ungdommen røyker hasj", "guide_answer")
    summary = chat.say("oppsummering", "guide_summary")
    assert summary[0]["text"].startswith("Oppsummering")
    assert "Her er du nå: Barnet har selv alvorlig atferd" in summary[0]["text"]
    assert "Vil du fortsette der vi var?" in summary[-1]["text"]


def test_acute_danger_mid_walk_is_left_to_the_safety_rule(database_url, use_knowledge):
    use_knowledge(database_url)
    chat = Conversation()
    chat.say("jeg er bekymret for en elev", "worry_about_child")
    chat.say("nei", "guide_answer")
    chat.say("lærer", "guide_answer")
    replies = chat.say("han tør ikke gå hjem i dag", "acute_danger")
    assert replies[0]["text"] == "<acute_danger svar fra domenet>"
    assert chat.position == "start"
    assert "Vil du fortsette der vi var?" in replies[-1]["text"]


def test_words_that_were_acute_still_answer_the_question_after_the_emergency_reply(
        database_url, use_knowledge):
    use_knowledge(database_url)
    chat = Conversation()
    chat.say("jeg er bekymret for en elev", "worry_about_child")
    chat.say("nei", "guide_answer")
    chat.say("lærer", "guide_answer")
    replies = chat.say("vold eller overgrep", "acute_danger")
    assert replies[0]["text"] == "<acute_danger svar fra domenet>"
    assert chat.position == "vold-mistanke"
    assert "Ikke ta det opp med foreldrene først" in replies[-1]["text"]


def test_going_back_after_the_outcome_reopens_the_walk(database_url, use_knowledge):
    use_knowledge(database_url)
    chat = Conversation()
    chat.say("jeg er bekymret for en elev", "worry_about_child")
    chat.say("nei", "guide_answer")
    chat.say("forelder", "guide_answer")
    chat.say("privatperson", "guide_answer", option="privatperson")
    chat.say("jeg vil snakke med noen", "guide_answer", option="utfall-privatperson")
    assert not chat.form_active
    replies = chat.say("tilbake", "guide_back")
    assert chat.form_active and chat.position == "privatperson"
    assert "utfall-privatperson" in _options(replies)


def test_an_edited_guide_changes_the_conversation_without_code_or_training(
        tmp_path, content_copy, use_knowledge):
    guide_file = content_copy / "handlingsveileder.yml"
    content = yaml.safe_load(guide_file.read_text(encoding="utf-8"))
    steps = content["handlingsveileder"]
    start = next(s for s in steps if s.get("start"))
    start["valg"].insert(0, {"tekst": "Barnet blir mobbet", "til": "mobbing"})
    steps.append({
        "id": "mobbing", "nivå": 1, "tittel": "Barnet blir mobbet",
        "synonymer": ["mobbing", "mobbet", "utestengt", "plaget"],
        "tekst": "Skriv ned hva du ser, med dato, og drøft saken med barnevernet uten navn.",
        "valg": [{"tekst": "Jeg vil drøfte uten navn", "til": "anonym-drofting"},
                 {"tekst": "Barnet er i fare akkurat nå", "til": "akutt-fare"}],
    })
    guide_file.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'edited.db'}"
    load_directory(content_copy, url)
    use_knowledge(url)

    chat = Conversation()
    chat.say("jeg er bekymret for en elev", "worry_about_child")
    chat.say("nei", "guide_answer")
    worry = chat.say("lærer", "guide_answer")
    assert "mobbing" in _options(worry)
    step = chat.say("han blir mobbet i friminuttene", "guide_answer")
    assert chat.position == "mobbing"
    assert "Barnet blir mobbet (BTI-nivå 1)" in _texts(step)
    assert "anonym-drofting" in _options(step)


def test_typed_neglect_answer_reaches_the_neglect_step(database_url, use_knowledge):
    use_knowledge(database_url)
    chat = Conversation()
    chat.say("jeg er bekymret for en elev", "worry_about_child")
    chat.say("nei", "guide_answer")
    chat.say("lærer", "guide_answer")
    step = chat.say("hun er ofte sulten og skitten når hun kommer", "guide_answer")
    assert chat.position == "omsorgssvikt"
    assert "vurder-opplysningsplikt" in _options(step)


def test_the_walk_starts_where_the_first_message_is(database_url, use_knowledge):
    """Role and worry were both in the first message, so the walk skips asking for them."""
    from bot.understanding.reading import read_message
    use_knowledge(database_url)
    chat = Conversation()
    text = "Eg er lærar og uroleg for ein gut som ofte kjem utan mat og i skitne klede"
    first = chat.say(text, "worry_about_child", reading=read_message(text).as_dict())
    assert chat.position == "omsorgssvikt"
    assert "Er barnet i akutt fare nå?" not in _texts(first)
    assert "Hva er du bekymret for?" not in _texts(first)
    chat.say("tilbake", "guide_back")
    assert chat.position == "start"


def test_a_worry_without_a_role_starts_at_its_step_with_the_danger_line_first(database_url, use_knowledge):
    """The worry was in the first message, so the walk goes to its step; the triage question
    it skips is said first as a line."""
    from bot.understanding.reading import read_message
    use_knowledge(database_url)
    chat = Conversation()
    text = "en gutt kommer ofte uten mat og i skitne klær"
    first = _texts(chat.say(text, "worry_about_child", reading=read_message(text).as_dict()))
    assert chat.position == "omsorgssvikt"
    assert first.startswith("Er barnet i fare akkurat nå, så ring 112.")
    assert "Barnet får ikke god nok omsorg" in first


def test_without_a_worry_the_walk_asks_from_the_start(database_url, use_knowledge):
    from bot.understanding.reading import read_message
    use_knowledge(database_url)
    chat = Conversation()
    text = "jeg er bekymret for et barn"
    first = chat.say(text, "worry_about_child", reading=read_message(text).as_dict())
    assert "Er barnet i akutt fare nå? Ring 112." in _texts(first)


def test_a_neighbour_starts_at_the_step_for_private_persons(database_url, use_knowledge):
    """A neighbour has no duty to report: the walk starts with what a private person can do."""
    from bot.understanding.reading import read_message
    use_knowledge(database_url)
    chat = Conversation()
    text = "naboungen er ofte alene hjemme og virker sulten"
    first = _texts(chat.say(text, "worry_about_child", reading=read_message(text).as_dict()))
    assert chat.position == "privatperson"
    assert "Du har ikke plikt til å melde" in first
