"""Who the user is: one ``user_role`` slot for the whole conversation, shared with the walk.

``known_role`` and ``remember`` are the only way actions read and write it.
``action_remember_role`` answers "jeg er lærer" and the role buttons, and gives
the last rule again for the new role.
"""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import knowledge_access
from bot.dialogue.answers import for_asker, roles
from bot.dialogue.answers.compose import rule_answer
from bot.dialogue.answers.items import ItemRef
from bot.dialogue.names import Action as ActionName, Entity, Form, Slot
from bot.knowledge.model import ItemKind, Role
from bot.understanding.reading import Reading, reading_of
from bot.understanding import roles as role_words


def known_role(tracker: Tracker) -> Optional[Role]:
    return roles.parse_role(tracker.get_slot(Slot.USER_ROLE))


def remember(role: Optional[Role]) -> List[EventType]:
    return [SlotSet(Slot.USER_ROLE, role.value)] if role else []


def known_reading(tracker: Tracker) -> Optional[Reading]:
    """The latest message's reading, with the asker known from earlier in the conversation."""
    return for_asker.with_known_asker(reading_of(tracker.latest_message), tracker.get_slot(Slot.ASKER),
                                      known_role(tracker))


def remember_asker(reading: Optional[Reading]) -> List[EventType]:
    asker = for_asker.asker_to_remember(reading)
    return [SlotSet(Slot.ASKER, asker)] if asker else []


def remember_workplace(tracker: Tracker, reading: Optional[Reading], text: str) -> List[EventType]:
    """The role the answer was given for, when the message showed staff at their own workplace
    («en elev i klassen min har blåmerker …») and the user has not said who they are: later
    answers are for that role too, not «Hvem er du?». Not when the message asks about a
    profession («har lærere meldeplikt?», «må jeg si det til rektor?»): that is someone else."""
    if known_role(tracker) is not None or role_words.role_named(text) is not None:
        return []
    return remember(for_asker.staff_role(reading))


def walk_resumes(tracker: Tracker) -> bool:
    """True when the walk was put aside for this message (its form rejected it), so the
    walk comes back after the answer with «Vil du fortsette der vi var?»."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action_execution_rejected" and event.get("name") == Form.GUIDE:
            return True
    return False


def user_text(tracker: Tracker) -> str:
    """The user's words; a button click ("/ask_rule{…}") has none."""
    text = (tracker.latest_message or {}).get("text") or ""
    return "" if text.startswith("/") else text


class RememberRole(Action):
    def name(self) -> Text:
        return ActionName.REMEMBER_ROLE

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[EventType]:
        chosen = next(tracker.get_latest_entity_values(Entity.ROLE_CHOICE), None)
        role = roles.parse_role(chosen) or roles.told_role(user_text(tracker))
        last = ItemRef.parse(tracker.get_slot(Slot.KB_ITEM))
        kb = knowledge_access.repository().snapshot()
        now = knowledge_access.local_now(kb)
        # In the walk the next step follows; the last rule again would make four bubbles.
        in_walk = tracker.active_loop.get("name") is not None
        last_rule = kb.rule(last.id) if last and last.kind is ItemKind.RULE and not in_walk else None
        known = known_role(tracker)
        if role is None and known is not None and last_rule is not None:
            # «hun er 14» from a helsesykepleier who already said who she is: not «Hvem er du?»
            # again, but the last rule for her role (it says what holds at that age).
            for message in rule_answer(kb, last_rule, known, False, now):
                dispatcher.utter_message(**message.as_dispatch())
            return []
        if role is None:
            dispatcher.utter_message(**roles.ask_role().as_dispatch())
            return []
        dispatcher.utter_message(text=roles.role_thanks(role))
        if last_rule is not None:
            for message in rule_answer(kb, last_rule, role, False, now):
                dispatcher.utter_message(**message.as_dispatch())
        # Who the user says they are outranks who an earlier message looked like.
        return remember(role) + [SlotSet(Slot.ASKER, for_asker.asker_of_told_role(role, tracker.get_slot(Slot.ASKER)))]
