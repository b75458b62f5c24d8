"""What our Rasa graph components share."""

from typing import Any, Dict, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


# Bokmål and nynorsk, so both lemma dictionaries are loaded.
WARM_UP_TEXT = "Har jeg meldeplikt? Kva gjer eg no?"


class CreatedFromConfig:
    """Rasa's ``create`` and ``load`` for a component that needs nothing but its config.

    List it before the Rasa base class, so its ``create`` is the one found.
    """

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> Any:
        """Builds at model load what the first message would otherwise build, so
        the first user of a new Rasa process does not wait for it (≈ 0.25 s)."""
        component = cls.create(config, model_storage, resource, execution_context)
        component.warm_up()
        return component

    def warm_up(self) -> None:
        """What :meth:`load` builds ahead; nothing, unless a component says so."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Any:
        return cls(config)  # type: ignore[call-arg]
