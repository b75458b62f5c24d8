"""Compares intent classifiers on the same data: quality, training time, speed.

Each candidate is config.yml with only the classifier swapped, trained as an
NLU-only model and scored on the held-out set (every file in tests/nlu/).
Run with `make compare-classifiers`.
"""

import copy
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List

import yaml

from devtools.rasa_testing import HOLDOUT_NLU, holdout_examples, holdout_scores
from bot.platform.settings import PROJECT_ROOT

CANDIDATES: Dict[str, Dict[str, Any]] = {
    "LogisticRegression": {
        "name": "bot.rasa_integration.components.classifier.SparseLogisticRegressionClassifier",
        "random_state": 42, "max_iter": 500},
    "DIET (100 epoker)": {"name": "DIETClassifier", "epochs": 100,
                          "random_seed": 42, "entity_recognition": False},
}
CLASSIFIER_NAMES = {c["name"] for c in CANDIDATES.values()}
LATENCY_SAMPLES = 100


def config_with_classifier(base: Dict[str, Any], classifier: Dict[str, Any]) -> Dict[str, Any]:
    config = copy.deepcopy(base)
    config["pipeline"] = [
        dict(classifier) if step["name"] in CLASSIFIER_NAMES else step
        for step in config["pipeline"]
    ]
    return config


def _parse_latency_ms(model: Path, texts: List[str]) -> float:
    import asyncio

    from rasa.core.agent import load_agent

    agent = asyncio.run(load_agent(model_path=str(model)))
    timings = []
    for text in (texts * (LATENCY_SAMPLES // len(texts) + 1))[:LATENCY_SAMPLES]:
        start = time.perf_counter()
        asyncio.run(agent.parse_message(text))
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def measure(name: str, config: Dict[str, Any], workdir: Path) -> Dict[str, Any]:
    config_path = workdir / f"{name.split()[0]}.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    model_name = config_path.stem
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config_path),
                    "--nlu", "data/nlu", "--out", str(workdir),
                    "--fixed-model-name", model_name],
                   cwd=PROJECT_ROOT, check=True, capture_output=True)
    training_seconds = time.perf_counter() - start
    model = workdir / f"{model_name}.tar.gz"
    out = workdir / f"{model_name}-results"
    subprocess.run([sys.executable, "-m", "rasa", "test", "nlu", "--model", str(model),
                    "--nlu", str(HOLDOUT_NLU), "--out", str(out)],
                   cwd=PROJECT_ROOT, check=True, capture_output=True)
    accuracy, f1 = holdout_scores(out / "intent_report.json")
    return {"name": name, "accuracy": accuracy, "f1": f1, "train_s": training_seconds,
            "parse_ms": _parse_latency_ms(model, [text for _, text in holdout_examples()])}


def main() -> int:
    base = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, classifier in CANDIDATES.items():
            print(f"Trener og måler {name} ...", flush=True)
            rows.append(measure(name, config_with_classifier(base, classifier), Path(tmp)))
    print(f"\n{'Klassifikator':<22}{'accuracy':>10}{'F1':>8}{'trening s':>12}{'parse ms p50':>14}")
    for row in rows:
        print(f"{row['name']:<22}{row['accuracy']:>10.3f}{row['f1']:>8.3f}"
              f"{row['train_s']:>12.1f}{row['parse_ms']:>14.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
