"""Rasa's LogisticRegressionClassifier, with the one-message input built directly.

Rasa's ``_create_X`` copies the first featurizer's sequence and sentence
features, stacks the next one's onto each, joins the sentence row to an empty
dense matrix and stacks a list of one: ≈ 0.7 ms a message, of which the
classifier uses only the sentence row. Here the featurizers' sentence rows are
joined into one row as scipy's hstack does: the same matrix (float64 CSR).
Anything else (training, several messages, dense features) goes to Rasa's code.

sklearn multiplies that row by ``coef_.T``, and scipy copies a transposed
view (intents × features) into a new array at every call: most of
``predict_proba``'s 2–4 ms. A loaded model keeps its coefficients column by
column, so the transposed view is the array itself: the same numbers,
summed in the same order. Named in config.yml.
"""

from typing import Any, Dict, List, Text

import numpy as np
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import csr_matrix


def one_sentence_row(messages: List[Message]) -> Any:
    """The classifier's input for one message with only sparse sentence features, or None."""
    if len(messages) != 1:
        return None
    sentence = [feature for feature in messages[0].features
                if feature.attribute == TEXT and feature.type == FEATURE_TYPE_SENTENCE]
    rows = [feature.features.tocoo() for feature in sentence if feature.is_sparse()]
    if not rows or len(rows) != len(sentence) or any(row.shape[0] != 1 for row in rows):
        return None
    offsets = np.cumsum([0] + [row.shape[1] for row in rows])
    columns = np.concatenate([row.col + offset for row, offset in zip(rows, offsets)])
    values = np.concatenate([row.data for row in rows]).astype("float64")
    return csr_matrix((values, (np.zeros_like(columns), columns)), shape=(1, offsets[-1]))


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class SparseLogisticRegressionClassifier(LogisticRegressionClassifier):
    """LogisticRegressionClassifier; the same predictions, a faster input for one message."""

    def _create_X(self, messages: List[Message]) -> Any:
        row = one_sentence_row(messages)
        return super()._create_X(messages) if row is None else row

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "SparseLogisticRegressionClassifier":
        component = super().load(config, model_storage, resource, execution_context, **kwargs)
        if hasattr(component.clf, "coef_"):  # not when the model had no classifier to save
            component.clf.coef_ = np.asfortranarray(component.clf.coef_)
        return component
