"""Unclear messages: «Mente du …?» with the closest knowledge-base items as buttons.

When nothing is close, the action says nothing and sets ``found_suggestions`` to
false; a rule then gives utter_not_understood, the same text Rasa uses when no
policy is sure (data/rules/fallback.yml).
"""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import knowledge_access
from actions.questions import search_in
from actions.roles import user_text
from bot.answers.compose import suggestions

FOUND_SLOT = "found_suggestions"


class SuggestMatches(Action):
    def name(self) -> Text:
        return "action_suggest_matches"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[EventType]:
        suggested = suggestions(search_in(knowledge_access.repository()), user_text(tracker))
        if suggested:
            dispatcher.utter_message(**suggested.as_dispatch())
        return [SlotSet(FOUND_SLOT, suggested is not None)]
