"""Rasa graph component: Norwegian tokens with simplemma lemmas.

Rasa's CountVectorsFeaturizer reads ``token.lemma`` when ``use_lemma`` is on,
so the featurizers see "barnevern" for "barnevernet" and "barnevernets".
When a trained model is loaded, the tokenizer warms itself up (see ``load``).
"""

from typing import Any, Dict, List, Optional, Text


from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.language.norwegian import (
    DEFAULT_ABBREVIATIONS,
    MERGE_PATTERNS,
    NorwegianNLPSettings,
    build_norwegian_nlp,
)
from bot.platform.heap import freeze_start_up_heap
from bot.rasa_integration.components.base import WARM_UP_TEXT, CreatedFromConfig


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class NorwegianTokenizer(CreatedFromConfig, Tokenizer):
    """Tokenizes with ``spacy.blank("nb")`` and lemmatizes with simplemma."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
            # simplemma language codes, tried in order
            "lemma_languages": ["nb", "nn"],
            "abbreviations": list(DEFAULT_ABBREVIATIONS),
            "merge": list(MERGE_PATTERNS),
        }

    @staticmethod
    def required_packages() -> List[Text]:
        return ["spacy", "simplemma"]

    def __init__(self, config: Dict[Text, Any]) -> None:
        super().__init__(config)
        self._nlp = build_norwegian_nlp(NorwegianNLPSettings.from_config(config))

    def warm_up(self) -> None:
        """Loads the lemma dictionaries before the server answers, not at the first
        user's message (several seconds), and keeps what start-up loaded out of the
        garbage collector's walks: about a tenth of Rasa's CPU under load went to
        full collections over the model, Rasa and TensorFlow objects."""
        self._nlp(WARM_UP_TEXT)
        freeze_start_up_heap()

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text: Optional[Text] = message.get(attribute)
        if not text:
            return []
        tokens = [
            Token(t.text, t.idx, lemma=t.lemma_)
            for t in self._nlp(text)
            if not t.is_space
        ]
        return self._apply_token_pattern(tokens)
