"""The walk over the shipped guide, without Rasa."""

from bot.dialogue.guide import walk
from bot.dialogue.guide.walk import ROLE, TRIAGE, GuideState
from bot.knowledge.model import Role

from tests.guide.conftest import MONDAY_MORNING


def _simple_paths(kb, node_id, seen=()):
    """Every path from ``node_id`` that does not visit a step twice."""
    node = kb.node(node_id)
    seen = seen + (node_id,)
    targets = [c.target for c in node.choices if c.target not in seen]
    if not targets:
        yield seen
    for target in targets:
        yield from _simple_paths(kb, target, seen)


def test_every_path_from_the_start_reaches_an_outcome(kb):
    paths = list(_simple_paths(kb, kb.start_node.id))
    assert len(paths) > 20
    for path in paths:
        last = kb.node(path[-1])
        # A path only stops early where every option loops back to a step already on it;
        # those steps are themselves on paths to an outcome.
        assert last.outcome or all(c.target in path for c in last.choices), path


def test_every_outcome_names_a_contact_that_can_be_reached(kb):
    outcomes = [n for n in kb.nodes.values() if n.outcome]
    assert outcomes
    for outcome in outcomes:
        services = [kb.service(i) for i in outcome.contacts]
        assert services and all(services), outcome.id
        assert any(s.phones for s in services), outcome.id


def test_triage_no_asks_the_role_then_the_worry(kb):
    state = walk.after_triage(walk.start(), kb, in_danger=False)
    assert state.position == ROLE
    state = walk.with_role(state, kb, Role.SCHOOL)
    assert state.position == kb.start_node.id
    assert state.history == (TRIAGE, ROLE)


def test_danger_now_goes_to_the_acute_step(kb):
    state = walk.after_triage(walk.start(), kb, in_danger=True)
    assert kb.node(state.position).acute


def test_a_known_role_is_not_asked_again(kb):
    state = walk.after_triage(walk.start(Role.HEALTH), kb, in_danger=False)
    assert state.position == kb.start_node.id


def test_choose_only_follows_options_of_the_current_step(kb):
    at_start = walk.with_role(walk.after_triage(walk.start(), kb, False), kb, Role.SCHOOL)
    assert walk.choose(at_start, kb, "utfall-meld-barnevern") is None
    chosen = walk.choose(at_start, kb, "vold-mistanke")
    assert chosen.position == "vold-mistanke" and chosen.worry == "vold-mistanke"


def test_back_returns_and_forgets_the_worry_at_the_start(kb):
    at_start = walk.with_role(walk.after_triage(walk.start(), kb, False), kb, Role.SCHOOL)
    deeper = walk.choose(walk.choose(at_start, kb, "vold-mistanke"), kb, "vold-usikker")
    once = walk.back(deeper, kb)
    assert once.position == "vold-mistanke" and once.worry == "vold-mistanke"
    twice = walk.back(once, kb)
    assert twice.position == kb.start_node.id and twice.worry is None
    assert walk.back(walk.start(), kb) == walk.start()


def test_state_survives_the_slot_and_holds_only_ids(kb):
    state = GuideState("vold-mistanke", (TRIAGE, ROLE, "start"), Role.SCHOOL, "vold-mistanke")
    stored = state.to_slot()
    assert GuideState.from_slot(stored) == state
    assert set(stored) == {"position", "history", "role", "worry"}
    assert GuideState.from_slot(None) is None
    assert GuideState.from_slot({"position": "x", "role": "ukjent"}).role is None


def test_a_step_removed_from_the_guide_sends_the_user_to_the_start(kb):
    lost = GuideState("fjernet-steg", (TRIAGE, ROLE, "start"), Role.NAV, "fjernet-steg")
    repaired = walk.repaired(lost, kb)
    assert repaired.position == kb.start_node.id
    assert repaired.history == (TRIAGE, ROLE) and repaired.role is Role.NAV


def test_summary_collects_deadline_contacts_and_rules_along_the_path(kb):
    state = walk.with_role(walk.after_triage(walk.start(), kb, False), kb, Role.SCHOOL)
    for target in ["magefolelse", "niva0-skriv-ned", "niva0-drofte", "niva0-samtale-barn",
                   "niva0-samtale-foreldre", "niva0-beslutning", "utfall-meld-barnevern"]:
        state = walk.choose(state, kb, target)
    summary = walk.summary(state, kb, MONDAY_MORNING)
    assert summary.finished and summary.current.id == "utfall-meld-barnevern"
    assert summary.situation.id == "magefolelse"
    assert summary.deadline_days == 14 and summary.deadline.isoformat() == "2026-12-07"
    assert summary.contacts[0].id == "barneverntjeneste"
    assert "opplysningsplikt" in [r.id for r in summary.rules]
