"""Rasa NLU component: the rule layer of the acute-danger net.

It sits last in the pipeline (after FallbackClassifier) so nothing can
overwrite its decision. When the rules fire, the intent becomes
``acute_danger`` and the category is added as the entity ``danger_type``
(slot of the same name), which lets the dialogue pick the suicide reply.
"""

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_CONFIDENCE,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.dialogue.names import Entity, Intent
from bot.rasa_integration.components.base import WARM_UP_TEXT, CreatedFromConfig
from bot.safety.acute import AcuteDangerDetector, AcuteMatch, default_detector


def put_intent_first(message: Message, intent: Text) -> None:
    """Makes ``intent`` the message's intent, fully sure, and first in the ranking."""
    chosen = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}
    others = [r for r in message.get(INTENT_RANKING_KEY, []) or []
              if r.get(INTENT_NAME_KEY) != intent]
    message.set(INTENT, chosen, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [chosen, *others], add_to_output=True)


def set_intent_aside(message: Message, intent: Text, fallback_threshold: float) -> None:
    """Replaces a doubtful ``intent`` with the next one in the ranking, or with
    ``nlu_fallback`` (which asks what was meant) when that one is not sure enough."""
    others = [r for r in message.get(INTENT_RANKING_KEY, []) or []
              if r.get(INTENT_NAME_KEY) not in (intent, Intent.NLU_FALLBACK)]
    best = others[0] if others else None
    if best is None or best.get(PREDICTED_CONFIDENCE_KEY, 0.0) < fallback_threshold:
        best = {INTENT_NAME_KEY: Intent.NLU_FALLBACK, PREDICTED_CONFIDENCE_KEY: fallback_threshold}
    message.set(INTENT, dict(best), add_to_output=True)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class AcuteDangerClassifier(CreatedFromConfig, GraphComponent):
    """Overrides the intent when the acute-danger rules fire."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent": Intent.ACUTE_DANGER,
            "entity": Entity.DANGER_TYPE,
            # Without a rule match, the classifier alone must be this sure; it
            # confuses everyday "slo", "redd" and "sparket" with danger below it.
            "classifier_min_confidence": 0.8,
            # When a doubtful acute_danger is set aside and nothing else is this
            # sure, the message is unclear (nlu_fallback asks what was meant).
            "fallback_threshold": 0.3,
        }

    def __init__(self, config: Dict[Text, Any],
                 detector: Optional[AcuteDangerDetector] = None) -> None:
        self._intent = config["intent"]
        self._entity = config["entity"]
        self._classifier_min_confidence = config["classifier_min_confidence"]
        self._fallback_threshold = config["fallback_threshold"]
        self._detector = detector or default_detector()

    def warm_up(self) -> None:
        # The detector's lemmatizer (spaCy) is built at its first message.
        self._detector.detect(WARM_UP_TEXT)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            match = self._detector.detect(text) if text else None
            if match:
                self._mark_acute(message, match)
            elif self._is_doubtful_classifier_alarm(message):
                set_intent_aside(message, self._intent, self._fallback_threshold)
        return messages

    def _is_doubtful_classifier_alarm(self, message: Message) -> bool:
        intent = message.get(INTENT) or {}
        return (intent.get(INTENT_NAME_KEY) == self._intent
                and intent.get(PREDICTED_CONFIDENCE_KEY, 0.0) < self._classifier_min_confidence)

    def _mark_acute(self, message: Message, match: AcuteMatch) -> None:
        put_intent_first(message, self._intent)
        entity = {
            ENTITY_ATTRIBUTE_TYPE: self._entity,
            ENTITY_ATTRIBUTE_VALUE: match.category.value,
            ENTITY_ATTRIBUTE_START: 0,
            ENTITY_ATTRIBUTE_END: len(message.get(TEXT)),
            ENTITY_ATTRIBUTE_CONFIDENCE: 1.0,
            EXTRACTOR: self.__class__.__name__,
        }
        others = [e for e in message.get(ENTITIES, []) or []
                  if e.get(ENTITY_ATTRIBUTE_TYPE) != self._entity]
        message.set(ENTITIES, [*others, entity], add_to_output=True)
