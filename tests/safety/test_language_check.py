"""Messages in other languages: the NLU component, the reply and the trained model."""

import asyncio
from pathlib import Path
from typing import List, Tuple

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from devtools.rasa_testing import holdout_examples
from bot.rasa_integration.components.language_check import NotNorwegianClassifier
from bot.rasa_integration.components.acute_danger import AcuteDangerClassifier
from bot.platform.settings import PROJECT_ROOT
from .test_acute_sets import read_messages
from .test_safety_replies import response_text, unverified_numbers

# Share of tests/safety/foreign_messages.txt the trained model must recognise.
REQUIRED_FOREIGN_RECALL = 0.85


def configured(name: str) -> dict:
    pipeline = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    entry = next(c for c in pipeline if c["name"].endswith(name))
    return {k: v for k, v in entry.items() if k != "name"}


@pytest.fixture(scope="module")
def component() -> NotNorwegianClassifier:
    return NotNorwegianClassifier({**NotNorwegianClassifier.get_default_config(),
                                   **configured("NotNorwegianClassifier")})


def classified(component, text: str, ranking: List[Tuple[str, float]]) -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]})
    message.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in ranking])
    return component.process([message])[0]


def norwegian_messages() -> List[str]:
    """Everything we know to be Norwegian: training data, held-out set, safety sets."""
    training = [m.get(TEXT) for m in load_data(str(PROJECT_ROOT / "data" / "nlu")).intent_examples
                if m.get(INTENT) != "not_norwegian"]
    safety = [m for name in ("acute_messages.txt", "lookalikes.txt", "heldout_acute.txt",
                             "heldout_lookalikes.txt") for m in read_messages(name)]
    return training + [text for _, text in holdout_examples()] + safety


def test_clearly_foreign_text_becomes_not_norwegian_whatever_the_classifier_said(component):
    message = classified(component, "Я хвилююся за дитину в моєму класі",
                         [("nlu_fallback", 0.3), ("greet", 0.2)])
    assert message.get(INTENT) == {"name": "not_norwegian", "confidence": 1.0}
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["not_norwegian", "nlu_fallback",
                                                                    "greet"]


def test_classifier_guess_stands_for_text_with_many_unknown_words(component):
    message = classified(component, "Jag är orolig för ett barn i min klass",
                         [("not_norwegian", 0.7), ("worry_about_child", 0.2)])
    assert message.get(INTENT)["name"] == "not_norwegian"


@pytest.mark.parametrize("text", [
    "Det lukter gass i leiligheten og barna sover der inne",  # the classifier once said foreign
    "hello there",  # too short to judge
])
def test_classifier_guess_gives_way_for_norwegian_or_short_text(component, text):
    message = classified(component, text, [("not_norwegian", 0.45), ("worry_about_child", 0.35),
                                           ("greet", 0.1)])
    assert message.get(INTENT) == {"name": "worry_about_child", "confidence": 0.35}


def test_no_norwegian_message_we_know_is_judged_foreign(component):
    flagged = [text for text in norwegian_messages()
               if classified(component, text, [("nlu_fallback", 0.3)]).get(INTENT)["name"]
               == "not_norwegian"]
    assert flagged == []


def test_acute_layer_comes_after_and_wins_in_any_language(component):
    acute = AcuteDangerClassifier({**AcuteDangerClassifier.get_default_config(),
                                   **configured("AcuteDangerClassifier")})
    message = classified(component, "Mój ojczym mówi, że zabije mamę, pappa slår meg",
                         [("nlu_fallback", 0.3)])
    assert message.get(INTENT)["name"] == "not_norwegian"
    assert acute.process([message])[0].get(INTENT)["name"] == "acute_danger"
    pipeline = [c["name"].rsplit(".", 1)[-1] for c in yaml.safe_load(
        (PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]]
    assert pipeline.index("NotNorwegianClassifier") < pipeline.index("AcuteDangerClassifier")


def test_reply_is_in_both_languages_with_verified_numbers():
    text = response_text("utter_not_norwegian")
    assert "bare norsk" in text and "only speak Norwegian" in text
    assert "112" in text and "116 111" in text
    assert unverified_numbers(text) == set()


class TrainedModel:
    def __init__(self, model: Path) -> None:
        from rasa.core.agent import load_agent

        self._loop = asyncio.new_event_loop()
        self._agent = self._loop.run_until_complete(load_agent(model_path=str(model)))

    def intent(self, text: str) -> str:
        return self._loop.run_until_complete(self._agent.parse_message(text))["intent"]["name"]


def test_trained_model_recognises_other_languages_and_never_norwegian(trained_model):
    model = TrainedModel(trained_model)
    foreign = read_messages("foreign_messages.txt")
    missed = [text for text in foreign if model.intent(text) != "not_norwegian"]
    judged_foreign = [text for text in norwegian_messages() if model.intent(text) == "not_norwegian"]
    recall = 1 - len(missed) / len(foreign)
    print(f"\nAndre språk: {recall:.1%} av {len(foreign)} gjenkjent, "
          f"{len(judged_foreign)} norske meldinger tatt for fremmedspråk. Ikke gjenkjent: {missed}")
    assert judged_foreign == []
    assert recall >= REQUIRED_FOREIGN_RECALL, f"Ikke gjenkjent: {missed}"
