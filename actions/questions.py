"""Direct questions: rules, contacts and opening hours, routines, words, a person.

Thin: bot.dialogue.answers.compose picks the item and writes the answer. The same action
answers side questions in the guided walk; the walk resumes after it.
"""

from dataclasses import replace
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import knowledge_access
from actions.roles import (known_reading, known_role, remember, remember_asker, remember_workplace, user_text,
                           walk_resumes)
from bot.dialogue.answers.compose import Answer, Question, after_acute, answer
from bot.dialogue.answers.items import ItemRef
from bot.dialogue.answers import for_asker, roles
from bot.dialogue.names import Action as ActionName, Entity, Slot


def search_in(repository):
    """The repository's search in the form bot.dialogue.answers expects."""
    return lambda text, kinds: repository.search(text, limit=5, kinds=kinds)


def question_in(tracker: Tracker) -> Question:
    """The latest message as a question, with what the conversation knows so far."""
    message = tracker.latest_message or {}
    reading = known_reading(tracker)
    intent = (message.get("intent") or {}).get("name") or ""
    return Question(
        intent=for_asker.question_intent(intent, reading),
        text=user_text(tracker),
        item=ItemRef.parse(next(tracker.get_latest_entity_values(Entity.KB_ITEM), None)),
        earlier_item=ItemRef.parse(tracker.get_slot(Slot.KB_ITEM)),
        user_role=known_role(tracker),
        in_walk=tracker.active_loop.get("name") is not None or walk_resumes(tracker),
        reading=reading,
    )


def answer_events(dispatcher: CollectingDispatcher, reply: Answer) -> List[EventType]:
    """Says the answer; remembers its item and a role the user stated."""
    for part in reply.messages:
        dispatcher.utter_message(**part.as_dispatch())
    remembered = [SlotSet(Slot.KB_ITEM, str(reply.item))] if reply.item else []
    return remembered + remember(reply.user_role)


class AnswerQuestion(Action):
    def name(self) -> Text:
        return ActionName.ANSWER_QUESTION

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[EventType]:
        return answer_question(dispatcher, tracker)


def answer_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Answers the latest message as a question, and keeps who asks."""
    repository = knowledge_access.repository()
    kb = repository.snapshot()
    question = question_in(tracker)
    reply = answer(kb, search_in(repository), question, knowledge_access.local_now(kb))
    workplace = [] if reply.user_role else remember_workplace(tracker, question.reading, question.text)
    return answer_events(dispatcher, reply) + workplace + remember_asker(question.reading)


class AnswerAfterAcute(Action):
    """After the emergency block: the answer to what the message asked, in the same reply."""

    def name(self) -> Text:
        return ActionName.ANSWER_AFTER_ACUTE

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[EventType]:
        repository = knowledge_access.repository()
        kb = repository.snapshot()
        question = replace(question_in(tracker), intent="")
        for part in after_acute(kb, search_in(repository), question, knowledge_access.local_now(kb)):
            dispatcher.utter_message(**part.as_dispatch())
        # «kontaktlærer her, en elev har blåmerker …»: who the user said they are holds for the
        # rest of the conversation, as after any other answer.
        stated = roles.stated_role(question.text)
        return (remember(stated) if stated else remember_workplace(tracker, question.reading, question.text)) \
            + remember_asker(question.reading)
