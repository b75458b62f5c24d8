"""Runs Rasa's own tests for `make test` and enforces our quality bar.

- Conversation tests (tests/conversations/*.yml) carry the user's text, so
  NLU and dialogue are tested together; any wrong prediction fails.
- The held-out NLU set (every file in tests/nlu/) is never trained on; its
  intent accuracy and weighted F1 are printed, and low accuracy fails.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

import yaml

from bot.platform.settings import PROJECT_ROOT, Settings
from bot.servers.supervisor import service_environment

CONVERSATION_TESTS = PROJECT_ROOT / "tests" / "conversations"
# A directory: Rasa reads every NLU file in it.
HOLDOUT_NLU = PROJECT_ROOT / "tests" / "nlu"
RESULTS = PROJECT_ROOT / "results"
MIN_HOLDOUT_ACCURACY = 0.90


def _rasa(arguments: List[str]) -> int:
    # Through bot.servers.rasa_server and with make run's environment (endpoints.yml reads
    # it), so the tests run with the patches and configuration the served Rasa has.
    command = [sys.executable, "-m", "bot.servers.rasa_server", *arguments]
    print("$ rasa " + " ".join(arguments), flush=True)
    return subprocess.call(command, cwd=PROJECT_ROOT,
                           env=service_environment(Settings.from_env()))


def holdout_scores(report_path: Path) -> Tuple[float, float]:
    """(accuracy, weighted F1) from Rasa's intent_report.json."""
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return float(report["accuracy"]), float(report["weighted avg"]["f1-score"])


def holdout_examples() -> List[Tuple[str, str]]:
    """(intent, text) of every held-out message."""
    examples = []
    for path in sorted(HOLDOUT_NLU.glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            examples += [(block["intent"], line[2:].strip())
                         for line in block["examples"].splitlines() if line.strip().startswith("- ")]
    return examples


def test_conversations(model: Path) -> bool:
    out = RESULTS / "conversations"
    code = _rasa(["test", "core", "--model", str(model), "--stories",
                  str(CONVERSATION_TESTS), "--out", str(out),
                  "--fail-on-prediction-errors"])
    if code != 0:
        print(f"Samtaletestene feilet. Se {out}/failed_test_stories.yml.", file=sys.stderr)
    return code == 0


def test_holdout_nlu(model: Path) -> bool:
    out = RESULTS / "holdout-nlu"
    if _rasa(["test", "nlu", "--model", str(model), "--domain", "domain", "--nlu", str(HOLDOUT_NLU),
              "--out", str(out)]) != 0:
        return False
    accuracy, f1 = holdout_scores(out / "intent_report.json")
    print(f"\nHoldout NLU ({HOLDOUT_NLU.name}/, {len(holdout_examples())} meldinger): intent accuracy {accuracy:.3f}, "
          f"weighted F1 {f1:.3f} (krav: accuracy >= {MIN_HOLDOUT_ACCURACY:.2f})\n", flush=True)
    if accuracy < MIN_HOLDOUT_ACCURACY:
        print(f"For lav treffsikkerhet. Se {out}/intent_errors.json.", file=sys.stderr)
        return False
    return True


def run(model: Path) -> int:
    if not model.exists():
        print(f"Fant ingen modell i {model}. Kjør «make train» først.", file=sys.stderr)
        return 1
    results = [test_conversations(model), test_holdout_nlu(model)]
    return 0 if all(results) else 1


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.rasa_testing",
        description="Kjør samtaletestene og NLU-testen på holdout-settet.")
    parser.add_argument("--model", required=True, help="Sti til den trente modellen.")
    return run(Path(parser.parse_args().model))


if __name__ == "__main__":
    sys.exit(main())
