"""The sequential graph runner gives what Rasa's dask runner gives, on our model."""

import pytest
import rasa.core.processor
from rasa.core.agent import Agent
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.core.channels.channel import UserMessage

from bot.rasa_integration.graph_runner import SequentialGraphRunner

MESSAGES = ["hei", "jeg er bekymret for en elev", "har jeg meldeplikt?", "far slår meg",
            "når er familiestasjonen åpen?", "hva betyr stafettlogg?", "takk"]


@pytest.fixture(scope="module")
def runners(trained_model):
    dask_runner = Agent.load(str(trained_model)).processor.graph_runner
    with pytest.MonkeyPatch.context() as patch:  # as bot/servers/rasa_server.py installs it
        patch.setattr(rasa.core.processor, "DaskGraphRunner", SequentialGraphRunner)
        sequential = Agent.load(str(trained_model)).processor.graph_runner
    assert type(dask_runner) is DaskGraphRunner
    assert isinstance(sequential, SequentialGraphRunner)
    return dask_runner, sequential


def _parsed(runner, text):
    target = "run_RegexMessageHandler"
    [message] = runner.run(inputs={"__message__": [UserMessage(text)]}, targets=[target])[target]
    return {key: value for key, value in message.as_dict().items() if key != "message_id"}


def test_nlu_results_are_the_same(runners):
    dask_runner, sequential = runners
    for text in MESSAGES:
        assert _parsed(sequential, text) == _parsed(dask_runner, text)


async def test_dialogue_predictions_are_the_same(runners, trained_model):
    dask_runner, sequential = runners
    agent = Agent.load(str(trained_model))
    tracker = await agent.tracker_store.get_or_create_tracker("graf-test")
    target = agent.processor.model_metadata.core_target
    for text in MESSAGES:
        intent = _parsed(dask_runner, text)["intent"]
        tracker.update(UserUttered(text, intent=intent, parse_data={"intent": intent}))
        expected = dask_runner.run(inputs={"__tracker__": tracker}, targets=[target])[target]
        got = sequential.run(inputs={"__tracker__": tracker}, targets=[target])[target]
        assert got.probabilities == expected.probabilities
        assert got.policy_name == expected.policy_name
        tracker.update(ActionExecuted("action_listen"))


def test_the_order_is_worked_out_once_per_set_of_targets(runners):
    _, sequential = runners
    sequential.run(inputs={"__message__": [UserMessage("hei")]},
                   targets=["run_RegexMessageHandler"])
    plan = sequential._plan(["run_RegexMessageHandler"])
    names = [name for name, _ in plan]
    assert len(names) == len(set(names))
    for position, (name, needs) in enumerate(plan):
        assert all(need not in names[position:] for need in needs), name
    assert sequential._plan(["run_RegexMessageHandler"]) is plan
