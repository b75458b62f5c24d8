"""The whole net as users meet it: the trained classifier plus the rule layer.

Loads the trained model (make test trains it first) and counts a message as
caught when the final intent is acute_danger.
"""

import asyncio
from pathlib import Path

import pytest

from .test_acute_sets import (HELDOUT_RECALL_FLOOR, ISSUE_15_SETS, MAX_FALSE_ALARM_RATE,
                              REQUIRED_RECALL, measure, report)

class TrainedNet:
    def __init__(self, model: Path) -> None:
        from rasa.core.agent import load_agent

        self._loop = asyncio.new_event_loop()
        self._agent = self._loop.run_until_complete(load_agent(model_path=str(model)))

    def detect(self, text: str):
        parsed = self._loop.run_until_complete(self._agent.parse_message(text))
        return parsed["intent"] if parsed["intent"]["name"] == "acute_danger" else None


@pytest.fixture(scope="module")
def trained_net(trained_model) -> TrainedNet:
    return TrainedNet(trained_model)


def test_whole_net_on_labelled_set(trained_net, acute_results):
    recall, far, missed, false_alarms = measure(trained_net, "acute_messages.txt", "lookalikes.txt")
    report(acute_results, "Hele nettet (modell + regler), merket sett",
           "acute_messages.txt", "lookalikes.txt", recall, far)
    assert recall == REQUIRED_RECALL, f"Ikke fanget: {missed}"
    assert far <= MAX_FALSE_ALARM_RATE, f"Falske alarmer: {false_alarms}"


def test_whole_net_on_heldout_set_keeps_its_recall_floor(trained_net, acute_results):
    recall, far, missed, false_alarms = measure(trained_net, "heldout_acute.txt", "heldout_lookalikes.txt")
    report(acute_results, "Hele nettet (modell + regler), holdt-ut sett",
           "heldout_acute.txt", "heldout_lookalikes.txt", recall, far)
    assert recall >= HELDOUT_RECALL_FLOOR, f"Ikke fanget: {missed}"
    assert far <= MAX_FALSE_ALARM_RATE, f"Falske alarmer: {false_alarms}"



@pytest.mark.parametrize("name, acute_file, lookalike_file", [row[:3] for row in ISSUE_15_SETS])
def test_whole_net_keeps_every_emergency_of_issue_15(trained_net, acute_results, name, acute_file,
                                                   lookalike_file):
    """Recall only: the classifier alone still takes some denied blows for danger
    («jeg har jo ikke blitt slått»), which costs an emergency prefix, never a missed child."""
    recall, far, missed, _ = measure(trained_net, acute_file, lookalike_file)
    report(acute_results, f"Hele nettet (modell + regler), {name.lower()}",
           acute_file, lookalike_file, recall, far)
    assert recall == REQUIRED_RECALL, f"Ikke fanget: {missed}"
