from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_integration.components.tokenizer import NorwegianTokenizer

CONFIG = Path(__file__).resolve().parents[2] / "config.yml"


def configured_tokenizer() -> NorwegianTokenizer:
    pipeline = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["pipeline"]
    entry = next(c for c in pipeline if c["name"].endswith("NorwegianTokenizer"))
    settings = {k: v for k, v in entry.items() if k != "name"}
    return NorwegianTokenizer({**NorwegianTokenizer.get_default_config(), **settings})


@pytest.fixture(scope="module")
def tokenizer():
    return configured_tokenizer()


def test_config_yml_uses_the_norwegian_tokenizer_first():
    pipeline = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["pipeline"]
    assert pipeline[0]["name"] == "bot.rasa_integration.components.tokenizer.NorwegianTokenizer"


def test_message_tokens_carry_text_offsets_and_lemmas(tokenizer):
    message = Message.build(text="Eg er uroa for ungane, jf. § 13-2")
    tokenizer.process([message])
    tokens = message.get("text_tokens")
    by_text = {t.text: t for t in tokens}
    assert by_text["ungane"].lemma == "unge"
    assert by_text["§ 13-2"].start == 27 and by_text["§ 13-2"].end == 33
    assert message.get("text")[by_text["uroa"].start:by_text["uroa"].end] == "uroa"


def test_training_data_is_tokenized(tokenizer):
    data = TrainingData([Message.build(text="Barnevernet ringte", intent="ask_contacts")])
    tokenizer.process_training_data(data)
    lemmas = [t.lemma for t in data.training_examples[0].get("text_tokens")]
    assert lemmas == ["barnevern", "ringe"]


def test_empty_text_gives_no_tokens(tokenizer):
    message = Message.build(text="")
    tokenizer.process([message])
    assert message.get("text_tokens") == []
