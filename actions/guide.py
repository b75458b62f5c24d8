"""Actions for the guided walk through the action guide. Thin: the logic is in bot.dialogue.guide.

``guide_form`` asks for ``guide_outcome`` until the walk reaches an outcome.
``validate_guide_form`` reads each answer and moves the walk; a message that is
a side question is left unanswered here (the form is rejected), so the rules
in data/rules/guide.yml answer it and then bring the form back.
"""

import re
from dataclasses import replace
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import knowledge_access
from actions.roles import known_reading, known_role, remember, remember_asker, walk_resumes
from bot.dialogue.answers import for_asker
from bot.dialogue.answers.items import QUESTION_INTENTS
from bot.dialogue.guide import dialogue, render, walk
from bot.dialogue.guide.dialogue import Move
from bot.dialogue.guide.interpret import OptionMatcher, asks_what_next
from bot.dialogue.guide.walk import GuideState
from bot.dialogue.names import Action as ActionName, Entity, Form, Intent, Slot
from bot.knowledge.model import KnowledgeBase

# Never an answer: the rules answer these and the walk goes on afterwards.
ALWAYS_ASIDE = {Intent.ACUTE_DANGER, Intent.NOT_NORWEGIAN, Intent.START_OVER, Intent.GUIDE_SUMMARY,
                Intent.HELP, Intent.BOT_CHALLENGE}
# Side questions, unless the message is a fitting answer that merely looks like one.
QUESTIONS = QUESTION_INTENTS | {Intent.OUT_OF_SCOPE}
# Answered aside when they answer nothing here: "jeg er lærer" at a step of the guide;
# "takk" and "ha det" end the walk politely, "ja takk" answers its question.
ASIDE_UNLESS_ANSWER = QUESTIONS | {Intent.TELL_ROLE, Intent.THANKS, Intent.GOODBYE}
_QUESTION = re.compile(
    r"\?\s*$|^\s*(hva|kva|hvem|kven|hvordan|korleis|når|hvor|kor|hvilke|kva for|kan|må|har|er det"
    r"|gjelder|betyr)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _matcher() -> OptionMatcher:
    return OptionMatcher()


def _state(tracker: Tracker) -> Optional[GuideState]:
    """The walk, with the role the user gave anywhere in the conversation."""
    state = GuideState.from_slot(tracker.get_slot(Slot.GUIDE_STATE))
    role = known_role(tracker)
    return replace(state, role=role) if state and role else state


def _state_before_latest_message(tracker: Tracker) -> Any:
    """The stored walk as it was when the user sent the latest message."""
    value = before = None
    for event in tracker.events:
        if event.get("event") == "user":
            before = value
        elif event.get("event") == "slot" and event.get("name") == Slot.GUIDE_STATE:
            value = event.get("value")
    return before


def _walk_was_open(tracker: Tracker) -> bool:
    """Was guide_form active when the user sent the latest message? (Rasa marks the form
    active before it validates, so at activation ``tracker.active_loop`` is already set.)"""
    events = tracker.events
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    loops = [e.get("name") for e in events[:last_user] if e.get("event") == "active_loop"]
    return bool(loops) and loops[-1] == Form.GUIDE


def _current(tracker: Tracker, kb: KnowledgeBase) -> GuideState:
    return walk.repaired(_state(tracker) or walk.start(), kb)


def _say(dispatcher: CollectingDispatcher, message: render.Message) -> None:
    dispatcher.utter_message(**message.as_dispatch())


class ValidateGuideForm(Action):
    def name(self) -> Text:
        return ActionName.VALIDATE_GUIDE_FORM

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[EventType]:
        kb = knowledge_access.repository().snapshot()
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        intent = (message.get("intent") or {}).get("name")
        option = next(tracker.get_latest_entity_values(Entity.GUIDE_OPTION), None)
        state = _state(tracker)
        if walk_resumes(tracker):
            # After the emergency reply, words that also answer the question still count:
            # "vold eller overgrep" at "Hva er du bekymret for?" moves on to that step.
            move = intent == Intent.ACUTE_DANGER and state and dialogue.take_answer(
                kb, state, text, None, _matcher())
            return self._moved(dispatcher, kb, move) if move else []
        if not _walk_was_open(tracker):
            # Starting: a new walk, or back from the outcome of the last one.
            if intent == Intent.GUIDE_BACK and state:
                return self._moved(dispatcher, kb, Move(walk.back(state, kb)))
            reading = known_reading(tracker)
            worry = for_asker.step_for(kb, reading) if reading else None
            role = known_role(tracker) or for_asker.role_of(reading)
            return self._moved(dispatcher, kb, dialogue.opening(text, role, kb, worry)) + remember_asker(reading)
        if not option and state and intent != Intent.ACUTE_DANGER and asks_what_next(text):
            # «hva nå?» asks for the step the walk is at, not the assistant's topics.
            return self._moved(dispatcher, kb, Move(walk.repaired(state, kb)))
        if not option and (intent in ALWAYS_ASIDE or (intent in QUESTIONS and _QUESTION.search(text))):
            return []
        state = state or dialogue.begin(text, known_role(tracker))
        if intent == Intent.GUIDE_BACK:
            move = Move(walk.back(state, kb))
        else:
            move = dialogue.take_answer(kb, state, text, option, _matcher())
        if move is None:
            if intent in ASIDE_UNLESS_ANSWER:
                return []
            move = dialogue.no_answer(state, text)
        return self._moved(dispatcher, kb, move)

    @staticmethod
    def _moved(dispatcher: CollectingDispatcher, kb: KnowledgeBase, move: Move) -> List[EventType]:
        for note in move.notes:
            dispatcher.utter_message(text=note)
        finished = walk.is_finished(move.state, kb)
        return [
            SlotSet(Slot.GUIDE_STATE, move.state.to_slot()),
            # Filling this slot ends the form; the outcome is then shown by action_guide_finish.
            SlotSet(Slot.GUIDE_OUTCOME, move.state.position if finished else None),
        ] + remember(move.state.role)


class AskGuideOutcome(Action):
    """Asks the current question of the walk (or offers to go on after a side question)."""

    def name(self) -> Text:
        return ActionName.ASK_GUIDE_OUTCOME

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[EventType]:
        kb = knowledge_access.repository().snapshot()
        state, now = _current(tracker, kb), knowledge_access.local_now(kb)
        moved = tracker.get_slot(Slot.GUIDE_STATE) != _state_before_latest_message(tracker)
        prompt = render.resume_prompt if walk_resumes(tracker) and not moved else render.question
        _say(dispatcher, prompt(kb, state, now))
        return []


class GuideFinish(Action):
    """The outcome step, then the summary to copy."""

    def name(self) -> Text:
        return ActionName.GUIDE_FINISH

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[EventType]:
        kb = knowledge_access.repository().snapshot()
        state, now = _current(tracker, kb), knowledge_access.local_now(kb)
        node = walk.node_at(state, kb)
        if node:
            _say(dispatcher, render.outcome_message(kb, node, state.role, now))
        _say_summary(dispatcher, kb, state, now)
        return []


def _say_summary(dispatcher: CollectingDispatcher, kb: KnowledgeBase, state: Optional[GuideState],
                 now) -> None:
    summary = walk.summary(state, kb, now) if state else None
    if summary is None:
        dispatcher.utter_message(text=render.NOTHING_TO_SUMMARISE)
    else:
        _say(dispatcher, render.summary_message(kb, summary))


class GuideSummary(Action):
    def name(self) -> Text:
        return ActionName.GUIDE_SUMMARY

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[EventType]:
        kb = knowledge_access.repository().snapshot()
        state = _state(tracker)
        _say_summary(dispatcher, kb, state and walk.repaired(state, kb), knowledge_access.local_now(kb))
        return []
