"""Where the user is in the action guide, and how they move.

The walk asks three things first: is the child in danger now (triage), who is
asking (role), and what the worry is about (the guide's start step). Then it
follows the options of the guide's steps until it reaches an outcome. The
state holds only ids, never anything the user wrote, so it can be stored in a
Rasa slot as it is.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Dict, List, Optional, Tuple

from bot.knowledge.model import GuideNode, KnowledgeBase, Role, Routine, Rule, Service

# Positions before the guide itself; node ids cannot start with "#".
TRIAGE = "#triage"
ROLE = "#rolle"


@dataclass(frozen=True)
class GuideState:
    position: str = TRIAGE  # TRIAGE, ROLE or a node id
    history: Tuple[str, ...] = ()  # earlier positions, for going back
    role: Optional[Role] = None
    worry: Optional[str] = None  # the node chosen at the start step: the kind of worry

    def to_slot(self) -> Dict[str, Any]:
        return {
            "position": self.position,
            "history": list(self.history),
            "role": self.role.value if self.role else None,
            "worry": self.worry,
        }

    @classmethod
    def from_slot(cls, value: Any) -> Optional["GuideState"]:
        """The state stored by :meth:`to_slot`; None if there is none or it is unreadable."""
        if not isinstance(value, dict) or not isinstance(value.get("position"), str):
            return None
        try:
            role = Role(value["role"]) if value.get("role") else None
        except ValueError:
            role = None
        return cls(
            position=value["position"],
            history=tuple(str(p) for p in value.get("history") or ()),
            role=role,
            worry=value.get("worry") or None,
        )


def start(role: Optional[Role] = None) -> GuideState:
    """A new walk; a role given earlier in the conversation is kept."""
    return GuideState(role=role)


def start_at_worry(kb: KnowledgeBase, role: Optional[Role], worry: Optional[str]) -> GuideState:
    """A walk that skips what the first message already answered: what the worry is, and who
    is asking if it says ("eg er lærar og uroleg for ein gut som kjem utan mat"). Without a
    worry that is an option of the start step, the walk starts from the beginning.
    Going back leads to the start step; danger is judged by the acute net on every message."""
    start_node = kb.start_node
    if start_node is None or worry not in {c.target for c in start_node.choices}:
        return start(role)
    return GuideState(position=worry, history=(TRIAGE, start_node.id), role=role, worry=worry)


def node_at(state: GuideState, kb: KnowledgeBase) -> Optional[GuideNode]:
    return kb.node(state.position)


def is_finished(state: GuideState, kb: KnowledgeBase) -> bool:
    node = node_at(state, kb)
    return bool(node and node.outcome)


def repaired(state: GuideState, kb: KnowledgeBase) -> GuideState:
    """The same state, or back at the start step if the guide lost the current step."""
    if state.position in (TRIAGE, ROLE) or kb.node(state.position) or kb.start_node is None:
        return state
    history = tuple(p for p in state.history if p in (TRIAGE, ROLE))
    return replace(state, position=kb.start_node.id, history=history, worry=None)


def _move(state: GuideState, position: str) -> GuideState:
    return replace(state, position=position, history=state.history + (state.position,))


def acute_entry(kb: KnowledgeBase) -> Optional[GuideNode]:
    """The step for danger right now: the first acute step the start step leads to."""
    start_node = kb.start_node
    targets = (kb.node(c.target) for c in (start_node.choices if start_node else ()))
    return next((node for node in targets if node and node.acute), None)


def after_triage(state: GuideState, kb: KnowledgeBase, in_danger: bool) -> GuideState:
    """Danger now goes straight to the acute step; otherwise ask who the user is."""
    entry = acute_entry(kb)
    if in_danger and entry:
        return _move(state, entry.id)
    return after_role(state, kb) if state.role else _move(state, ROLE)


def after_role(state: GuideState, kb: KnowledgeBase) -> GuideState:
    start_node = kb.start_node
    return _move(state, start_node.id) if start_node else state


def with_role(state: GuideState, kb: KnowledgeBase, role: Role) -> GuideState:
    state = replace(state, role=role)
    return after_role(state, kb) if state.position == ROLE else state


def choose(state: GuideState, kb: KnowledgeBase, target: str) -> Optional[GuideState]:
    """Follow the option leading to ``target``; None if the current step has no such option."""
    node = node_at(state, kb)
    if node is None or target not in {c.target for c in node.choices}:
        return None
    moved = _move(state, target)
    return replace(moved, worry=target) if node.start else moved


def back(state: GuideState, kb: KnowledgeBase) -> GuideState:
    """One step back; going back to (or before) the start step forgets the kind of worry."""
    if not state.history:
        return state
    previous = state.history[-1]
    start_node = kb.start_node
    back_at_start = previous in (TRIAGE, ROLE) or (start_node and previous == start_node.id)
    return replace(
        state,
        position=previous,
        history=state.history[:-1],
        worry=None if back_at_start else state.worry,
    )


def path(state: GuideState, kb: KnowledgeBase) -> List[GuideNode]:
    """The guide steps walked so far, the current one last."""
    positions = state.history + (state.position,)
    return [node for node in (kb.node(p) for p in positions) if node]


@dataclass(frozen=True)
class Summary:
    situation: Optional[GuideNode]
    role: Optional[Role]
    current: GuideNode
    deadline_days: Optional[int]
    deadline: Optional[date]
    contacts: Tuple[Service, ...]
    rules: Tuple[Rule, ...]
    routines: Tuple[Routine, ...]
    steps: Tuple[GuideNode, ...]
    finished: bool
    made_on: date


def _unique(ids: List[str]) -> List[str]:
    return list(dict.fromkeys(ids))


def summary(state: GuideState, kb: KnowledgeBase, now: datetime) -> Optional[Summary]:
    """What to write down: the current step first, then what the steps before it linked to."""
    steps = path(state, kb)
    if not steps:
        return None
    current = steps[-1]
    linked = list(reversed(steps))
    contacts = [kb.service(i) for i in _unique([c for n in linked for c in n.contacts])]
    rules = [kb.rule(i) for i in _unique([r for n in linked for r in n.rules])]
    routines = [kb.routine(i) for i in _unique([r for n in linked for r in n.routines])]
    deadline_days = next((n.deadline_days for n in linked if n.deadline_days), None)
    return Summary(
        situation=kb.node(state.worry) if state.worry else None,
        role=state.role,
        current=current,
        deadline_days=deadline_days,
        deadline=now.date() + timedelta(days=deadline_days) if deadline_days else None,
        contacts=tuple(s for s in contacts if s),
        rules=tuple(r for r in rules if r),
        routines=tuple(r for r in routines if r),
        steps=tuple(steps),
        finished=current.outcome,
        made_on=now.date(),
    )
