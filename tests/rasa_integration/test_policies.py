"""ContinuedRulePolicy: dialogue states continued from the last call equal Rasa's,
recomputed each time."""

from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_integration import dialogue_states, policies
from tests.story_trackers import rereading_events, story_events

ROOT = Path(__file__).resolve().parents[2]
RASAS_OWN = Domain.states_for_tracker_history


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain"))


def test_continued_states_equal_rasas_after_every_event(domain, monkeypatch):
    restarts = []
    from_the_start = dialogue_states._from_the_start
    monkeypatch.setattr(dialogue_states, "_from_the_start",
                        lambda *args: restarts.append(1) or from_the_start(*args))
    continued = dialogue_states.ContinuedStates()
    calls = 0
    for events in [*story_events(domain), rereading_events()]:
        tracker = DialogueStateTracker("test", domain.slots)
        for event in events:
            tracker.update(event, domain)
            for omit_unset_slots in (False, True):
                expected = RASAS_OWN(domain, tracker, omit_unset_slots)
                assert continued(domain, tracker, omit_unset_slots) == expected
                calls += 1
    assert calls > 500
    assert len(restarts) < calls / 3  # mostly continued, not recomputed


def test_the_policy_featurizer_continues_for_rules_and_leaves_the_rest_to_rasa(domain):
    from rasa.core.featurizers.tracker_featurizers import MaxHistoryTrackerFeaturizer
    from rasa.shared.core.generator import TrackerWithCachedStates

    ours = policies.ContinuedStatesFeaturizer(state_featurizer=None, max_history=None)
    rasas = MaxHistoryTrackerFeaturizer(state_featurizer=None, max_history=None)
    tracker = DialogueStateTracker("test", domain.slots)
    for event in rereading_events()[:8]:
        tracker.update(event, domain)
    data = {"slots": [], "active_loops": ["guide_form"]}
    for ignore_rule_only_turns in (False, True):
        assert ours.prediction_states([tracker], domain, False, ignore_rule_only_turns, data) \
            == rasas.prediction_states([tracker], domain, False, ignore_rule_only_turns, data)
    training = TrackerWithCachedStates.from_events("t", tracker.events, domain=domain)
    assert ours._create_states(training, domain) == RASAS_OWN(domain, training)


def test_the_trained_model_predicts_with_the_continued_policy(trained_model):
    from rasa.core.agent import Agent

    nodes = Agent.load(str(trained_model)).processor.graph_runner._instantiated_nodes
    policy = next(node._component for name, node in nodes.items() if name.startswith("run_") and
                  "RulePolicy" in name)
    assert isinstance(policy, policies.ContinuedRulePolicy)
    assert isinstance(policy.featurizer, policies.ContinuedStatesFeaturizer)


def test_a_tracker_that_is_gone_is_forgotten(domain):
    import gc

    continued = dialogue_states.ContinuedStates()
    tracker = DialogueStateTracker("test", domain.slots)
    tracker.update(ActionExecuted("action_listen"))
    continued(domain, tracker)
    assert len(continued._progress) == 1
    del tracker
    gc.collect()
    assert len(continued._progress) == 0


def test_a_saved_rasa_featurizer_is_continued_with_its_settings():
    from rasa.core.featurizers.tracker_featurizers import MaxHistoryTrackerFeaturizer

    saved = MaxHistoryTrackerFeaturizer(state_featurizer=None, max_history=None)
    continued = policies.ContinuedStatesFeaturizer.like(saved)
    assert isinstance(continued, policies.ContinuedStatesFeaturizer)
    assert continued.max_history is None and continued.remove_duplicates == saved.remove_duplicates
    assert policies.ContinuedStatesFeaturizer.like(continued) is continued


def test_applicable_rules_equal_rasas_after_every_event(trained_model):
    """Both lookups of the trained model, at every event of the stories, one at a
    time and run together into one long conversation (rules have no max history)."""
    from rasa.core.agent import Agent
    from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy

    agent = Agent.load(str(trained_model))
    domain = agent.domain
    policy = next(node._component for name, node in
                  agent.processor.graph_runner._instantiated_nodes.items()
                  if name.startswith("run_") and "RulePolicy" in name)
    stories = [*story_events(domain), rereading_events()]
    conversations = [*stories, [event for events in stories[:12] for event in events]]
    compared = found = 0
    for events in conversations:
        tracker = DialogueStateTracker("test", domain.slots)
        for event in events:
            tracker.update(event, domain)
            for use_text in (False, True):
                states = policy._prediction_states(tracker, domain, use_text,
                                                   rule_only_data=policy._get_rule_only_data())
                for lookup in (policy.lookup[RULES], policy.lookup[RULES_FOR_LOOP_UNHAPPY_PATH]):
                    expected = RulePolicy._get_possible_keys(policy, lookup, states)
                    assert policy._get_possible_keys(lookup, states) == expected
                    compared += 1
                    found += bool(expected)
    assert compared > 3000 and found > compared / 4


def test_applicable_rules_follow_a_lookup_that_changes():
    # Training fills and prunes the lookup between predictions.
    policy = policies.ContinuedRulePolicy.__new__(policies.ContinuedRulePolicy)
    policy._indexed_lookups = {}
    listen = '[{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}}]'
    greet = '[{"prev_action": {"action_name": "utter_greet"}}]'
    state = [{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}}]
    lookup = {listen: "utter_greet"}
    assert policy._get_possible_keys(lookup, state) == {listen}
    del lookup[listen]
    lookup[greet] = "action_listen"
    assert policy._get_possible_keys(lookup, state) == set()
    assert policy._get_possible_keys({}, []) == set()
