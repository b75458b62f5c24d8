"""RulePolicy whose dialogue states continue from the last prediction.

``Domain.states_for_tracker_history`` replays the whole conversation at every
prediction: 13 % of Rasa's time in a long conversation, and the main reason a
turn cost more the longer the conversation was. Rasa's seam for how a policy
turns a tracker into states is its featurizer, so this policy's featurizer
asks ``ContinuedStates`` (bot/rasa_integration/dialogue_states.py) instead.
Named in config.yml; the featurizer is saved with the model, so a trained
model keeps it. tests/rasa_integration/test_policies.py compares the states
with Rasa's after every event of the conversation tests.
"""

from typing import Any, Dict, FrozenSet, List, Optional, Set, Text, Tuple

from rasa.core.featurizers.tracker_featurizers import (
    MaxHistoryTrackerFeaturizer, TrackerFeaturizer,
)
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.core.constants import POLICY_MAX_HISTORY
from rasa.shared.core.constants import PREVIOUS_ACTION
from rasa.shared.nlu.constants import ACTION_NAME
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_integration.dialogue_states import ContinuedStates

# One per process, not an attribute: the featurizer is pickled into the model.
_CONTINUED = ContinuedStates()


class ContinuedStatesFeaturizer(MaxHistoryTrackerFeaturizer):
    """Rasa's featurizer, with a served conversation's states continued.

    Training trackers (Rasa's own tracker classes, which cache their states)
    and states for machine-learning policies (``ignore_rule_only_turns``)
    stay with Rasa's code."""

    @classmethod
    def like(cls, featurizer: TrackerFeaturizer) -> "ContinuedStatesFeaturizer":
        """This featurizer with ``featurizer``'s settings (a MaxHistoryTrackerFeaturizer)."""
        if isinstance(featurizer, cls):
            return featurizer
        if type(featurizer) is not MaxHistoryTrackerFeaturizer:
            raise TypeError(f"ContinuedRulePolicy cannot continue a {type(featurizer).__name__}.")
        continued = cls.__new__(cls)
        continued.__dict__.update(featurizer.__dict__)
        return continued

    def _create_states(self, tracker: DialogueStateTracker, domain: Domain,
                       omit_unset_slots: bool = False, ignore_rule_only_turns: bool = False,
                       rule_only_data: Optional[Dict[Text, Any]] = None) -> List[State]:
        if ignore_rule_only_turns or type(tracker) is not DialogueStateTracker:
            return super()._create_states(tracker, domain, omit_unset_slots,
                                          ignore_rule_only_turns, rule_only_data)
        return _CONTINUED(domain, tracker, omit_unset_slots)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class ContinuedRulePolicy(RulePolicy):
    """RulePolicy with :class:`ContinuedStatesFeaturizer`; the same predictions.

    Rasa's training-data validator checks the domain against ``RulePolicy``
    itself only (and warns that no RulePolicy is configured), so ``train``
    runs that check here."""

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 execution_context: ExecutionContext,
                 featurizer: Optional[TrackerFeaturizer] = None,
                 lookup: Optional[Dict] = None) -> None:
        # A loaded model brings its saved featurizer; ours takes its place either way.
        super().__init__(config, model_storage, resource, execution_context,
                         ContinuedStatesFeaturizer.like(featurizer) if featurizer else None,
                         lookup)
        self._indexed_lookups: Dict[int, Tuple[FrozenSet[Text], Dict[Optional[Text], List[Text]]]] = {}

    def _get_possible_keys(self, lookup: Dict[Text, Text], states: List[State]) -> Set[Text]:
        """Rasa's set of rules applicable to ``states``, with less testing (≈ 7 % of
        Rasa's time under load went to this).

        Rasa tests every rule against every state of the conversation. But a rule
        whose last state names another previous action than the conversation's
        last state fails at once, and a rule is applicable at every turn before its
        own first state (``_is_rule_applicable``). So only the rules for the last
        previous action are tested, and only over as many recent turns as the
        longest of them still standing."""
        if not states:
            return set(lookup)
        by_previous_action = self._rules_by_previous_action(lookup)
        previous = (states[-1].get(PREVIOUS_ACTION) or {}).get(ACTION_NAME)
        # A rule naming no previous action applies only where the conversation names none.
        possible = by_previous_action.get(previous, [])
        for turn, state in enumerate(reversed(states)):
            if not possible or turn >= max(len(self._rule_key_to_state(key)) for key in possible):
                break
            possible = [key for key in possible if self._is_rule_applicable(key, turn, state)]
        return set(possible)

    def _rules_by_previous_action(self, lookup: Dict[Text, Text]) -> Dict[Optional[Text], List[Text]]:
        """``lookup``'s rule keys by the previous action their last state names (None:
        none named), kept while ``lookup`` holds the same keys (training changes it)."""
        kept = self._indexed_lookups.get(id(lookup))
        if kept is None or kept[0] != lookup.keys():
            index: Dict[Optional[Text], List[Text]] = {}
            for key in lookup:
                last = self._rule_key_to_state(key)[-1]
                index.setdefault((last.get(PREVIOUS_ACTION) or {}).get(ACTION_NAME), []).append(key)
            kept = self._indexed_lookups[id(lookup)] = (frozenset(lookup), index)
        return kept[1]

    def _standard_featurizer(self) -> MaxHistoryTrackerFeaturizer:
        return ContinuedStatesFeaturizer(state_featurizer=None,
                                         max_history=self.config[POLICY_MAX_HISTORY])

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain,
              **kwargs: Any) -> Resource:
        self.raise_if_incompatible_with_domain(self.config, domain)
        return super().train(training_trackers, domain, **kwargs)
