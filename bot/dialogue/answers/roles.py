"""Whose answer to give, and the buttons that ask who the user is.

The user's own role is remembered for the whole conversation (one slot, shared
with the guided walk). A question about others ("har lærere meldeplikt?") is
answered for the role it names, without changing who the user is.
"""

import json
from typing import Optional, Tuple

from bot.understanding.roles import role_in, role_named
from bot.dialogue.guide.render import ROLE_BUTTONS, ROLE_NAMES, ROLE_PROMPT, Button, Message
from bot.dialogue.names import Entity, Intent
from bot.knowledge.model import Role


def parse_role(value: object) -> Optional[Role]:
    try:
        return Role(value) if value else None
    except ValueError:
        return None


def stated_role(text: str) -> Optional[Role]:
    """The role in "jeg er lærer, har jeg meldeplikt?"; None when the user says nothing of it."""
    return role_in(text, asked=False)


def told_role(text: str) -> Optional[Role]:
    """The role in an answer to "who are you?", where "barnehagen" or "NAV" is enough."""
    return role_in(text, asked=True)


def role_for_question(text: str, user_role: Optional[Role]) -> Optional[Role]:
    """The role a question names, else the user's own."""
    return role_named(text) or user_role


def role_buttons() -> Tuple[Button, ...]:
    return tuple(Button(title, f"/{Intent.TELL_ROLE}{json.dumps({Entity.ROLE_CHOICE: role.value})}")
                 for title, role in ROLE_BUTTONS)


ROLE_OFFER = "Svaret er litt ulikt for ulike yrker. Hvem er du? Da tilpasser jeg svaret."


def role_offer() -> Message:
    """Under a general answer that would differ by role."""
    return Message(ROLE_OFFER, role_buttons())


def ask_role() -> Message:
    """When the user wants to say who they are, but we did not catch it."""
    return Message(ROLE_PROMPT, role_buttons())


def role_thanks(role: Role) -> str:
    return f"Takk. Da svarer jeg deg som {ROLE_NAMES[role]}."
