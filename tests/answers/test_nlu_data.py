"""The held-out NLU set stays held out, and is big enough to measure."""

import re

import yaml

from devtools.rasa_testing import holdout_examples
from bot.platform.settings import PROJECT_ROOT


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _training_texts():
    texts = set()
    for path in (PROJECT_ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            texts |= {_normalised(line[2:]) for line in block.get("examples", "").splitlines()
                      if line.startswith("- ")}
    return texts


def test_no_held_out_sentence_is_trained_on():
    training = _training_texts()
    leaked = [text for _, text in holdout_examples() if _normalised(text) in training]
    assert leaked == []


def test_the_held_out_set_has_at_least_150_distinct_messages():
    texts = [_normalised(text) for _, text in holdout_examples()]
    assert len(set(texts)) == len(texts) >= 150


def test_every_question_intent_is_held_out():
    intents = {intent for intent, _ in holdout_examples()}
    assert {"ask_rule", "ask_contact", "ask_routine", "ask_term", "ask_human", "tell_role"} <= intents
