"""Conversations as Rasa trackers see them, for tests that compare with Rasa after every event."""

from pathlib import Path
from typing import List

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted, ActionReverted, ActiveLoop, Event, Restarted, SessionStarted, SlotSet,
    UserUttered, UserUtteranceReverted,
)
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.core.training_data.loading import load_data_from_files
from rasa.shared.core.training_data.structures import StoryGraph

ROOT = Path(__file__).resolve().parents[1]


def story_events(domain: Domain) -> List[List[Event]]:
    """The events of every conversation test and story, as Rasa builds trackers from them."""
    files = [str(p) for p in (ROOT / "tests" / "conversations").glob("*.yml")] + \
        [str(p) for p in (ROOT / "data" / "stories").glob("*.yml")]
    graph = StoryGraph(load_data_from_files(files, domain))
    trackers = TrainingDataGenerator(graph, domain, remove_duplicates=False,
                                     augmentation_factor=0).generate()
    return [list(tracker.events) for tracker in trackers]


def rereading_events() -> List[Event]:
    """A walk with every event that makes Rasa read the history anew."""
    ask = [UserUttered("hei", intent={"name": "greet"}), ActionExecuted("utter_greet"),
           ActionExecuted("action_listen")]
    return [ActionExecuted("action_listen"), *ask,
            UserUttered("bekymret", intent={"name": "worry_about_child"}),
            ActionExecuted("guide_form"), ActiveLoop("guide_form"),
            SlotSet("guide_state", "a"), ActionExecuted("action_listen"),
            UserUttered("ja", intent={"name": "guide_answer"}), ActionExecuted("guide_form"),
            SlotSet("guide_state", "b"), ActionExecuted("action_listen"),
            UserUtteranceReverted(), *ask, ActionReverted(), ActionExecuted("action_listen"),
            ActiveLoop(None), Restarted(), *ask, SessionStarted(), *ask]
