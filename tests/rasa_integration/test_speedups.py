"""The speed fixes Rasa runs with (bot/rasa_integration/speedups.py, components/classifier.py)
keep Rasa's behaviour."""

import jsonschema
import pytest
from aiohttp import web
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_integration import speedups as rasa_server
from bot.rasa_integration.components.classifier import SparseLogisticRegressionClassifier


def test_a_valid_action_response_passes():
    assert rasa_server.validate_action_result(None, {"events": [], "responses": []})


def test_an_invalid_action_response_fails_with_rasas_wording():
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server"):
        rasa_server.validate_action_result(None, {"events": "not a list"})


def _rasa_events() -> list:
    from rasa.shared.core import events as e

    return [event.as_dict() for event in [
        UserUttered("hei", intent={"name": "greet", "confidence": 0.9},
                    entities=[{"entity": "guide_option", "value": "ja", "start": 0, "end": 2}],
                    parse_data={"text": "hei", "intent": {"name": "greet", "confidence": 0.9},
                                "intent_ranking": [{"name": "greet", "confidence": 0.9}],
                                "entities": []}, message_id="1"),
        e.BotUttered("Hei!", {"buttons": [{"title": "Ja", "payload": "/ja"}]}),
        SlotSet("guide_state", {"position": ["a", "b"]}), SlotSet("guide_outcome", None),
        ActionExecuted("utter_greet", policy="RulePolicy", confidence=1.0),
        e.ActiveLoop("guide_form"), e.ActiveLoop(None), e.FollowupAction("guide_form"),
        e.Restarted(), e.AllSlotsReset(), e.UserUtteranceReverted(), e.ActionReverted(),
        e.ConversationPaused(), e.ConversationResumed(), e.StoryExported(),
        e.ActionExecutionRejected("guide_form"), e.LoopInterrupted(True), e.SessionStarted(),
        e.EntitiesAdded([{"entity": "guide_option", "value": "ja"}]),
        e.ReminderScheduled("remind", e.datetime.now()), e.ReminderCancelled("remind"),
        e.AgentUttered("hei"), e.DefinePrevUserUtteredFeaturization(False),
    ]]


def _responses() -> list:
    """Valid responses from Rasa's own events, and each broken in many ways."""
    wrong_values = [None, 12345, 1.5, "tekst", [], {}, True, [{"x": 1}]]
    events = _rasa_events()
    responses = [{"events": events, "responses": [{"text": "hei"}]}, {}, {"events": None},
                 {"events": "ikke en liste"}, {"events": [1]}, {"events": [{}]},
                 {"responses": [1]}, {"responses": "nei"}, {"events": [{"event": "ukjent"}]}]
    for event in events:
        for key in event:
            responses.append({"events": [{k: v for k, v in event.items() if k != key}]})
            for value in wrong_values:
                responses.append({"events": [{**event, key: value}]})
        for key, value in [("entities", [{"value": 1}]), ("parse_data", {"intent": []}),
                           ("name", None), ("value", 1), ("extra", 1)]:
            responses.append({"events": [{**event, key: value}]})
    return responses


def test_checking_event_by_event_agrees_with_rasas_whole_schema():
    whole = rasa_server._action_response_validator()
    responses = _responses()
    verdicts = [(rasa_server._passes_by_event(r), whole.is_valid(r)) for r in responses]
    assert all(fast == full for fast, full in verdicts)
    assert sum(full for _, full in verdicts) > 100 and sum(not full for _, full in verdicts) > 100


def test_every_event_type_resolves_to_the_class_rasa_would_find():
    subclasses = all_subclasses(Event)
    for name in {event_class.type_name for event_class in subclasses}:
        # Rasa's own rule: the first subclass with that name.
        expected = next(c for c in subclasses if c.type_name == name)
        assert rasa_server.resolve_event_type(name) is expected
    assert rasa_server.resolve_event_type("user") is UserUttered
    assert rasa_server.resolve_event_type("slot") is SlotSet
    assert rasa_server.resolve_event_type("action") is ActionExecuted


def test_unknown_event_types_behave_as_in_rasa():
    assert rasa_server.resolve_event_type("topic") is None
    assert rasa_server.resolve_event_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="no_such_event"):
        rasa_server.resolve_event_type("no_such_event")


@pytest.fixture
async def action_server(aiohttp_server):
    """A stand-in action server that counts the TCP connections it is sent."""
    seen = {"peers": set(), "headers": []}

    async def webhook(request: web.Request) -> web.Response:
        seen["peers"].add(request.transport.get_extra_info("peername"))
        seen["headers"].append(request.headers.get("X-Kommune"))
        return web.json_response({"events": [], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    server = await aiohttp_server(app)
    yield server, seen
    await rasa_server.close_shared_sessions()


async def test_action_calls_reuse_one_connection_with_the_endpoints_headers(
        action_server, monkeypatch):
    server, seen = action_server
    monkeypatch.setattr(EndpointConfig, "session", rasa_server.shared_endpoint_session)
    endpoint = EndpointConfig(url=str(server.make_url("/webhook")), headers={"X-Kommune": "demo"})
    for _ in range(5):
        assert await endpoint.request(json={"next_action": "x"}) == {"events": [],
                                                                      "responses": []}
    assert len(seen["peers"]) == 1
    assert seen["headers"] == ["demo"] * 5


async def test_closing_rasa_closes_the_kept_sessions_after_rasas_own_resources(action_server):
    server, _ = action_server
    endpoint = EndpointConfig(url=str(server.make_url("/webhook")))
    async with rasa_server.shared_endpoint_session(endpoint) as session:
        kept = session
    closed_by_rasa = []

    async def rasas_close_resources(app, loop):
        closed_by_rasa.append(kept.closed)

    await rasa_server.closing_shared_sessions_too(rasas_close_resources)(None, None)
    assert closed_by_rasa == [False]
    assert kept.closed


def test_the_classifier_gets_the_matrix_rasa_would_build(trained_model):
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

    from bot.rasa_integration.components.classifier import SparseLogisticRegressionClassifier

    runner = Agent.load(str(trained_model)).processor.graph_runner
    featurizer = [n for n in runner._graph_schema.nodes if "CountVectorsFeaturizer" in n][-1]
    rasas = LogisticRegressionClassifier._create_X
    ours = SparseLogisticRegressionClassifier.__new__(SparseLogisticRegressionClassifier)._create_X
    for text in ["har jeg meldeplikt?", "hei", "😀", "kva gjer eg no"]:
        messages = runner.run(inputs={"__message__": [UserMessage(text)]},
                              targets=[featurizer])[featurizer]
        expected, got = rasas(None, messages), ours(messages)
        assert (got.shape, got.dtype, got.format) == (expected.shape, expected.dtype, expected.format)
        assert (got != expected).nnz == 0
    two = [*messages, *messages]
    assert (ours(two) != rasas(None, two)).nnz == 0


def test_rasas_processor_deep_copies_only_values_for_debug_log_lines():
    """What makes skipping its deep copies safe: each is an argument of a
    ``structlogger.debug`` call, and ``deepcopy`` is all it takes from ``copy``."""
    import ast
    import inspect

    import rasa.core.processor

    tree = ast.parse(inspect.getsource(rasa.core.processor))
    uses = [node for node in ast.walk(tree) if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name) and node.value.id == "copy"]
    in_debug_calls = {id(inner) for node in ast.walk(tree)
                      if isinstance(node, ast.Call) and ast.unparse(node.func) == "structlogger.debug"
                      for inner in ast.walk(node)}
    assert len(uses) >= 5
    assert all(use.attr == "deepcopy" and id(use) in in_debug_calls for use in uses)


def test_debug_log_values_are_copied_only_when_rasa_logs_at_debug(caplog):
    value = {"events": [{"event": "slot", "value": ["a"]}]}
    caplog.set_level("INFO", logger="rasa.core.processor")
    assert rasa_server.CopiesForDebugLogs.deepcopy(value) is value
    caplog.set_level("DEBUG", logger="rasa.core.processor")
    copied = rasa_server.CopiesForDebugLogs.deepcopy(value)
    assert copied == value and copied["events"][0]["value"] is not value["events"][0]["value"]


def test_the_loaded_classifier_gives_sklearns_probabilities_without_copying_its_coefficients(
        trained_model):
    import copy

    import numpy as np
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage

    runner = Agent.load(str(trained_model)).processor.graph_runner
    name = next(n for n in runner._graph_schema.nodes if "SparseLogisticRegression" in n)
    featurizer = [n for n in runner._graph_schema.nodes if "CountVectorsFeaturizer" in n][-1]
    loaded = runner._instantiated_nodes[name]._component.clf
    as_trained = copy.deepcopy(loaded)
    as_trained.coef_ = np.ascontiguousarray(loaded.coef_)  # how training leaves it
    assert loaded.coef_.T.flags["C_CONTIGUOUS"]  # what scipy's product reads without a copy
    for text in ["har jeg meldeplikt?", "hei", "foreldrene mine drikker hver helg", "kva gjer eg no"]:
        (message,) = runner.run(inputs={"__message__": [UserMessage(text)]},
                                targets=[featurizer])[featurizer]
        row = SparseLogisticRegressionClassifier.__new__(
            SparseLogisticRegressionClassifier)._create_X([message])
        assert np.array_equal(loaded.predict_proba(row), as_trained.predict_proba(row))


def test_served_messages_parse_as_with_rasas_featurizer(trained_model, monkeypatch):
    """Without sequence features, every real question parses to the same intents,
    scores and entities as with Rasa's CountVectorsFeaturizer."""
    import asyncio

    from rasa.core.agent import Agent
    from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer

    from bot.rasa_integration.components.featurizer import SentenceCountVectorsFeaturizer
    from devtools.evaluation.devset import load_devset

    agent = Agent.load(str(trained_model))
    assert any("SentenceCountVectorsFeaturizer" in n for n in agent.processor.graph_runner._graph_schema.nodes)
    texts = [q.text for q in load_devset()] + ["hei", "😀", "ja", "/affirm", "kva gjer eg no"]

    def parses():
        return [{key: parsed.get(key) for key in ("intent", "intent_ranking", "entities")}
                for parsed in (asyncio.run(agent.parse_message(text)) for text in texts)]

    ours = parses()
    monkeypatch.setattr(SentenceCountVectorsFeaturizer, "process", CountVectorsFeaturizer.process)
    assert parses() == ours
