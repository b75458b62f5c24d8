"""How often the redactor changes a message that holds no personal data.

Counted on the NLU training data (data/nlu) and the held-out sets (tests/nlu,
tests/safety), for both redactors: the web server's (what the assistant reads)
and Rasa's with the dictionary (what is stored). Measured 2026-11-30 on 1254
messages: web server 4 (all German, whose nouns start with a capital: «Meine
Tochter wird …» reads as a full name), Rasa 8 (the same four, «Ich mache …»,
«mein Vater …», «Qui dois-je …» and «en billett til Oslo»: a place after
«til» looks like a name after «til», as in «pappaen til Emil»).
"""

import re
from pathlib import Path
from typing import List, Tuple

import pytest
import yaml

from bot.safety.redaction import Redactor, default_redactor, lexicon_redactor
from bot.platform.settings import PROJECT_ROOT

# Messages in the sets that do hold personal data.
WITH_PERSONAL_DATA = {"pappaen til Emil slår han"}
MOST_CHANGED = {"web server": 4, "Rasa": 8}
_ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)")  # Rasa's "[text](entity)"


def _messages() -> List[Tuple[str, str]]:
    found: List[Tuple[str, str]] = []
    for path in sorted([*(PROJECT_ROOT / "data" / "nlu").glob("*.yml"),
                        *(PROJECT_ROOT / "tests" / "nlu").glob("*.yml")]):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in str(block.get("examples", "")).splitlines():
                if line.strip().startswith("- "):
                    found.append((path.name, _ANNOTATION.sub(r"\1", line.strip()[2:])))
    for path in sorted((PROJECT_ROOT / "tests" / "safety").glob("*.txt")):
        found += [(path.name, line.strip()) for line in path.read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#")]
    return found


@pytest.mark.parametrize("name, redactor", [("web server", default_redactor),
                                            ("Rasa", lexicon_redactor)])
def test_few_messages_without_personal_data_are_changed(name, redactor, redaction_results):
    chosen: Redactor = redactor()
    messages = _messages()
    changed = [(source, text, chosen.redact(text).text) for source, text in messages
               if text not in WITH_PERSONAL_DATA and chosen.redact(text).text != text]
    redaction_results[name] = f"{len(changed)} av {len(messages)} meldinger" + "".join(
        f"\n  {source}: «{text}» -> «{redacted}»" for source, text, redacted in changed)
    assert len(changed) <= MOST_CHANGED[name], redaction_results[name]


def test_the_name_in_the_sets_is_found_in_rasa():
    assert all(lexicon_redactor().redact(text).found for text in WITH_PERSONAL_DATA)
