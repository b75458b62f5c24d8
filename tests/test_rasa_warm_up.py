"""Rasa parses one message while it starts, so the first user does not wait for the dictionaries."""

import asyncio

import pytest

from bot.rasa_integration import warm_up as rasa_warm_up


class FakeAgent:
    def __init__(self, ready: bool = True):
        self.ready = ready
        self.parsed = []

    def is_ready(self) -> bool:
        return self.ready

    async def parse_message(self, text: str) -> dict:
        self.parsed.append(text)
        return {}


@pytest.fixture
def rasa_run(monkeypatch):
    from rasa.core import run

    def use(agent):
        async def load_agent_on_start(*args, **kwargs):
            return agent

        monkeypatch.setattr(run, "load_agent_on_start", load_agent_on_start)
        return run

    return use


def test_the_loaded_agent_parses_one_message_before_it_is_returned(rasa_run):
    agent = FakeAgent()
    run = rasa_run(agent)
    rasa_warm_up.warm_up_after_model_load()
    rasa_warm_up.warm_up_after_model_load()  # installed once, however often it is called
    assert asyncio.run(run.load_agent_on_start("model", None, None, None, None)) is agent
    assert agent.parsed == [rasa_warm_up.WARM_UP_MESSAGE]


def test_an_agent_without_a_model_is_left_alone(rasa_run):
    agent = FakeAgent(ready=False)
    run = rasa_run(agent)
    rasa_warm_up.warm_up_after_model_load()
    assert asyncio.run(run.load_agent_on_start("model", None, None, None, None)) is agent
    assert agent.parsed == []


def test_what_start_up_loaded_is_frozen_out_of_the_garbage_collector(rasa_run):
    import gc

    run = rasa_run(FakeAgent())
    rasa_warm_up.warm_up_after_model_load()
    gc.unfreeze()
    loaded = [[] for _ in range(1000)]  # stands in for the model
    try:
        asyncio.run(run.load_agent_on_start("model", None, None, None, None))
        assert gc.get_freeze_count() >= len(loaded)
    finally:
        gc.unfreeze()
