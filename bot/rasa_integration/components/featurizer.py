"""Rasa's CountVectorsFeaturizer; a served message gets only its sentence features.

Rasa also counts each token apart (the sequence features): half of the
featurizer's time, about 3 % of Rasa's under load. Nothing in our pipeline
reads them: the classifier takes the sentence row only (classifier.py), and
the components after it read the text. Training keeps Rasa's code and both
kinds of features. tests/rasa_integration/test_speedups.py parses real
questions through the whole pipeline both ways and compares. Named in config.yml.
"""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True
)
class SentenceCountVectorsFeaturizer(CountVectorsFeaturizer):
    """CountVectorsFeaturizer without sequence features for served messages."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        super().process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if self.vectorizers is None:
            return super().process(messages)  # Rasa logs that it is untrained
        for message in messages:
            for attribute in self._attributes:
                vectorizer = self.vectorizers.get(attribute)
                tokens = self._get_processed_message_tokens_by_attribute(message, attribute)
                if not vectorizer or not tokens or attribute not in DENSE_FEATURIZABLE_ATTRIBUTES:
                    continue  # no sentence features from Rasa either
                sentence = vectorizer.transform([" ".join(tokens)])
                sentence.sort_indices()
                self.add_features_to_message(None, sentence.tocoo(), attribute, message)
        return messages
