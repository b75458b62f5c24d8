"""One user turn in the walk: read the answer and move.

Button clicks carry an option (``ja``/``nei``/``vet_ikke``, a role, or the id
of the step an option leads to); typed answers are read with
:mod:`bot.dialogue.guide.interpret`. A message that answers nothing is left to the
dialogue, which treats it as a side question or asks again.
"""

from dataclasses import dataclass, replace
from typing import Optional, Tuple

from bot.dialogue.guide import walk
from bot.dialogue.guide.interpret import OptionMatcher, Reply, asks_to_go_back, reply_in, starts_with_reply
from bot.understanding.roles import role_in
from bot.dialogue.guide.render import DANGER_NOW_LINE, NO_NOTED, NOT_UNDERSTOOD, OLD_BUTTON, UNSURE_ABOUT_DANGER
from bot.dialogue.guide.walk import ROLE, TRIAGE, GuideState
from bot.knowledge.model import KnowledgeBase, Role


@dataclass(frozen=True)
class Move:
    state: GuideState
    notes: Tuple[str, ...] = ()  # said before the next question


def begin(text: str, known_role: Optional[Role], kb: Optional[KnowledgeBase] = None,
          worry: Optional[str] = None) -> GuideState:
    """A new walk. The role comes from the message ("jeg er lærer og …") or is already known;
    with the guide step for the worry the message names, the walk starts there."""
    role = role_in(text, asked=False) or known_role
    return walk.start_at_worry(kb, role, worry) if kb and worry else walk.start(role)


def opening(text: str, known_role: Optional[Role], kb: KnowledgeBase, worry: Optional[str]) -> Move:
    """The first move of a new walk; one that skips the triage question still says first
    what to do if the child is in danger now."""
    state = begin(text, known_role, kb, worry)
    return Move(state, () if state.position == TRIAGE else (DANGER_NOW_LINE,))


def _after_triage(state: GuideState, kb: KnowledgeBase, reply: Reply, role: Optional[Role]) -> Move:
    state = replace(state, role=role or state.role)
    notes = (UNSURE_ABOUT_DANGER,) if reply is Reply.UNSURE else ()
    return Move(walk.after_triage(state, kb, in_danger=reply is Reply.YES), notes)


def _option(state: GuideState, kb: KnowledgeBase, option: str) -> Move:
    if state.position == TRIAGE and option in {r.value for r in Reply}:
        return _after_triage(state, kb, Reply(option), None)
    if state.position == ROLE and option in {r.value for r in Role}:
        return Move(walk.with_role(state, kb, Role(option)))
    chosen = walk.choose(state, kb, option)
    return Move(chosen) if chosen else Move(state, (OLD_BUTTON,))


def take_answer(
    kb: KnowledgeBase,
    state: GuideState,
    text: str,
    option: Optional[str],
    matcher: OptionMatcher,
) -> Optional[Move]:
    """The move the user's answer asks for, or None if the message is no answer."""
    state = walk.repaired(state, kb)
    if option:
        return _option(state, kb, option)
    if asks_to_go_back(text):
        return Move(walk.back(state, kb))
    if state.position == TRIAGE:
        reply = reply_in(text) or starts_with_reply(text)
        return _after_triage(state, kb, reply, role_in(text, asked=False)) if reply else None
    if state.position == ROLE:
        role = role_in(text, asked=True)
        return Move(walk.with_role(state, kb, role)) if role else None
    choice = matcher.match(text, walk.node_at(state, kb), kb)
    return Move(walk.choose(state, kb, choice.target)) if choice else None


def no_answer(state: GuideState, text: str) -> Move:
    """A message that answers nothing at this step: the question again. A bare «ja» or
    «ok» (to «Vil du fortsette der vi var?») needs no note, a bare «nei» (to «Er barnet i fare
    akkurat nå?») a short one; anything else is told why."""
    reply = reply_in(text)
    if reply is Reply.YES:
        return Move(state)
    return Move(state, (NO_NOTED if reply is Reply.NO else NOT_UNDERSTOOD,))
