"""Rasa NLU component: recognises messages written in another language.

A message is foreign when few of its words are in the bokmål and nynorsk
dictionaries, which the tokenizer has loaded already (a detector that told
ten languages apart needed more than 1 GB). The classifier also learns
``not_norwegian`` from examples, which catches English, Swedish and German
that share many short words with Norwegian; its guess is set aside when
nearly every word is Norwegian or there are too few words to judge.

It sits after FallbackClassifier and before AcuteDangerClassifier, so an
acute message in any language still gets the emergency reply.
"""

from typing import Any, Dict, List, Optional, Text

import simplemma
from rasa.engine.graph import GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.dialogue.names import Intent
from bot.rasa_integration.components.base import CreatedFromConfig
from bot.safety.input_guard import WORD
from bot.rasa_integration.components.acute_danger import put_intent_first, set_intent_aside


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class NotNorwegianClassifier(CreatedFromConfig, GraphComponent):
    """Sets the intent ``not_norwegian`` for a message in another language."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent": Intent.NOT_NORWEGIAN,
            # The tokenizer's lemma_languages: these dictionaries are in memory already.
            "languages": ["nb", "nn"],
            # Fewer words than this say too little about the language.
            "min_words": 4,
            # Below this share of known words a message is foreign, whatever the classifier says.
            "foreign_below": 0.4,
            # The classifier's own not_norwegian stands only below this share.
            "classifier_foreign_below": 0.9,
            # When the classifier's not_norwegian is set aside and nothing else is this sure.
            "fallback_threshold": 0.3,
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._intent = config["intent"]
        self._languages = tuple(config["languages"])
        self._min_words = config["min_words"]
        self._foreign_below = config["foreign_below"]
        self._classifier_foreign_below = config["classifier_foreign_below"]
        self._fallback_threshold = config["fallback_threshold"]

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            share = self._known_share(message.get(TEXT) or "")
            classifier_says_foreign = (message.get(INTENT) or {}).get(INTENT_NAME_KEY) == self._intent
            if share is not None and share < self._foreign_below:
                put_intent_first(message, self._intent)
            elif classifier_says_foreign and (share is None or share >= self._classifier_foreign_below):
                set_intent_aside(message, self._intent, self._fallback_threshold)
        return messages

    def _known_share(self, text: str) -> Optional[float]:
        """Share of the words the dictionaries know; ``None`` when too few to judge."""
        words = WORD.findall(text.lower())
        if len(words) < self._min_words:
            return None
        return sum(simplemma.is_known(word, lang=self._languages) for word in words) / len(words)
