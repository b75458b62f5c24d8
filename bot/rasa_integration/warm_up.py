"""Start-up fixes for the Rasa process, found by timing `python -m bot run`.

``bot.servers.rasa_server`` calls :func:`prepare` first, before Rasa is imported.
"""

import logging
from typing import Any

from bot.platform.heap import freeze_start_up_heap

logger = logging.getLogger(__name__)

# Bokmål and nynorsk, so the tokenizer loads both lemma dictionaries.
WARM_UP_MESSAGE = "Har jeg meldeplikt? Kva gjer eg no?"


def import_model_loader_first() -> None:
    """Imports skops before Rasa and TensorFlow.

    Rasa loads our LogisticRegressionClassifier with skops, and importing skops
    looks up hundreds of numpy/scipy functions in every module loaded so far.
    After Rasa and TensorFlow that is about 6000 modules and 15-20 s of start-up;
    imported first, it takes about 2 s.
    """
    import skops.io  # noqa: F401


async def _parse_one_message(agent: Any) -> None:
    """Runs the NLU pipeline once; the tokenizer loads its lemma dictionaries on first use."""
    if agent is not None and agent.is_ready():
        await agent.parse_message(WARM_UP_MESSAGE)
        logger.info("NLU-pipelinen er varmet opp.")


def warm_up_after_model_load() -> None:
    """Parses one message after the model is loaded, before the server answers.

    Rasa opens its port only when its start-up listeners are done, so the
    warm-up counts as start-up instead of delaying the first user's answer.
    """
    from rasa.core import run

    load_agent = run.load_agent_on_start
    if getattr(load_agent, "warms_up", False):
        return

    async def load_and_warm_up(*args: Any, **kwargs: Any) -> Any:
        agent = await load_agent(*args, **kwargs)
        await _parse_one_message(agent)
        freeze_start_up_heap()
        return agent

    load_and_warm_up.warms_up = True  # type: ignore[attr-defined]
    run.load_agent_on_start = load_and_warm_up


def prepare() -> None:
    import_model_loader_first()
    warm_up_after_model_load()
