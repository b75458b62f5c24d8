"""Messages the other actions and rules do not answer as asked, so none is a dead end. Thin:
the replies are written in bot.dialogue.answers.unclear and bot.dialogue.answers.compose.

``action_unclear`` is the core fallback (config.yml) and answers unclear and
off-topic messages; a rule then gives the turn back to the user.
``action_short_reply`` answers a bare «ja», «nei» or «vet ikke» outside the walk.
"""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import knowledge_access
from actions.questions import answer_events, answer_question, question_in, search_in
from actions.roles import known_reading, known_role, user_text
from bot.dialogue.answers.compose import follow_up_answer, follow_up_in
from bot.dialogue.answers.unclear import counts_as_unclear, short_reply, unclear_reply
from bot.dialogue.guide.interpret import asks_what_next
from bot.dialogue.names import Action as ActionName, Entity, Form, Intent, Slot


def previous_action(tracker: Tracker) -> Optional[str]:
    """The assistant's last action before the latest user message."""
    events = tracker.events
    users = [index for index, event in enumerate(events) if event.get("event") == "user"]
    before = events[:users[-1]] if users else []
    return next((e.get("name") for e in reversed(before)
                 if e.get("event") == "action" and e.get("name") != ActionName.LISTEN), None)


def _in_a_row(tracker: Tracker) -> int:
    value = tracker.get_slot(Slot.UNCLEAR_IN_A_ROW)
    return int(value) if isinstance(value, (int, float)) else 0


class Unclear(Action):
    def name(self) -> Text:
        return ActionName.UNCLEAR

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[EventType]:
        repository = knowledge_access.repository()
        kb = repository.snapshot()
        now = knowledge_access.local_now(kb)
        question = question_in(tracker)
        if question.intent == Intent.ASK_RULE or (not question.in_walk and asks_what_next(question.text)):
            # «hva nå?» after an answer: what comes next (bot.dialogue.answers.compose.what_next).
            # Not understood, from a young person or a parent afraid of barnevernet: their answer.
            return answer_question(dispatcher, tracker) + [SlotSet(Slot.UNCLEAR_IN_A_ROW, 0)]
        asked = follow_up_in(kb, question)
        if asked:
            return answer_events(dispatcher, follow_up_answer(kb, question, asked, now)) + [
                SlotSet(Slot.UNCLEAR_IN_A_ROW, 0)]
        earlier = _in_a_row(tracker) if previous_action(tracker) == ActionName.UNCLEAR else 0
        in_a_row = earlier + 1 if counts_as_unclear(question.intent) else 0
        for message in unclear_reply(kb, search_in(repository), question.text, question.intent,
                                     in_a_row, now):
            dispatcher.utter_message(**message.as_dispatch())
        return [SlotSet(Slot.UNCLEAR_IN_A_ROW, in_a_row)]


class ShortReply(Action):
    def name(self) -> Text:
        return ActionName.SHORT_REPLY

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[EventType]:
        kb = knowledge_access.repository().snapshot()
        option = next(tracker.get_latest_entity_values(Entity.GUIDE_OPTION), None)
        reply = short_reply(kb, user_text(tracker), option is not None, previous_action(tracker),
                            _in_a_row(tracker), known_role(tracker), knowledge_access.local_now(kb),
                            known_reading(tracker))
        if reply.starts_walk:
            return [FollowupAction(Form.GUIDE)]
        if reply.answers_question:
            return answer_question(dispatcher, tracker)
        if reply.response:
            dispatcher.utter_message(response=reply.response)
        for message in reply.messages:
            dispatcher.utter_message(**message.as_dispatch())
        return []
