"""The dev set measures what real people write; it must never be trained on."""

import re

import yaml

import pytest

from devtools.evaluation.devset import DEVSET, FRESH_SETS, load_devset
from bot.platform.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _training_texts():
    for path in DATA.rglob("*.yml"):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            for line in str(block.get("examples", "")).splitlines():
                if line.strip().startswith("- "):
                    yield _normalised(line.strip()[2:])


@pytest.mark.parametrize("questions", [DEVSET, *FRESH_SETS], ids=lambda path: path.name)
def test_no_dev_set_question_is_in_the_training_data(questions):
    training = "\n".join(_training_texts())
    leaked = [q.text for q in load_devset(questions) if _normalised(q.text) in training]
    assert not leaked, f"Spørsmål fra dev-settet står i data/: {leaked}"

