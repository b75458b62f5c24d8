"""`make bench`: our assistant against a stock Rasa pipeline, in one run.

Both are served the same way (`python -m bot run`: Rasa, our action server and
our web server) and measured through the same path, POST /api/chat, so the
only difference is the trained pipeline. Serving runs alternate between the
two and each number is the median over the runs.

    python -m devtools.bench            # full run, several minutes (trains stock Rasa)
    python -m devtools.bench --quick    # smoke mode: our assistant only, under a minute
"""

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

import uvloop

from devtools.bench.load import Conversations, load_conversations, run_conversations
from devtools.bench.report import format_table
from devtools.bench.stack import RunningAssistant, start_assistant
from bot.platform.settings import PROJECT_ROOT

CONVERSATIONS_FILE = PROJECT_ROOT / "bench" / "conversations.yml"
STOCK_CONFIG = PROJECT_ROOT / "bench" / "stock-config.yml"
OUR_CONFIG = PROJECT_ROOT / "config.yml"
RESULTS_DIR = PROJECT_ROOT / "results"
PHASE_TIME_LIMIT_SECONDS = 300.0
CONTENT_CHANGE_TIMEOUT_SECONDS = 30.0
LONG_CONVERSATION_TURNS = 50


@dataclass(frozen=True)
class Plan:
    runs: int
    warmup_conversations: int
    single_conversations: int  # one at a time
    concurrent_conversations: int
    concurrency: int
    long_conversations: int
    long_turns: int
    with_stock: bool
    train: bool


FULL = Plan(runs=3, warmup_conversations=4, single_conversations=8, concurrent_conversations=60, concurrency=20,
            long_conversations=5, long_turns=LONG_CONVERSATION_TURNS, with_stock=True, train=True)
QUICK = Plan(runs=1, warmup_conversations=0, single_conversations=1, concurrent_conversations=4, concurrency=4,
             long_conversations=1, long_turns=10, with_stock=False, train=False)


def train(config: Path, out_dir: Path, name: str) -> float:
    """Trains from scratch (an empty Rasa cache) and returns the seconds it took."""
    env = dict(os.environ, RASA_CACHE_DIRECTORY=str(out_dir / f"cache-{name}"))
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "--config", str(config), "--domain", "domain",
         "--data", "data", "--out", str(out_dir), "--fixed-model-name", name],
        cwd=PROJECT_ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def _scripts(conversations: Conversations, count: int) -> List[List[str]]:
    return [list(conversations.scripts[i % len(conversations.scripts)].turns)
            for i in range(count)]


def _long_script(conversations: Conversations, turns: int) -> List[str]:
    messages = conversations.long_conversation
    return [messages[i % len(messages)] for i in range(turns)]


async def _first_answer_seconds(chat_url: str) -> float:
    """Until a real question is answered: services load some things lazily."""
    started = time.monotonic()
    await run_conversations(chat_url, [["hei", "har jeg meldeplikt?"]], 1, "oppstart",
                            PHASE_TIME_LIMIT_SECONDS)
    return time.monotonic() - started


async def _content_change_seconds(chat_url: str, knowledge_dir: Path,
                                  conversations: Conversations) -> float:
    change = conversations.content_change
    path = knowledge_dir / change.file
    path.write_text(path.read_text(encoding="utf-8").replace(change.replace, change.with_text),
                    encoding="utf-8")
    edited = time.monotonic()
    for attempt in range(int(CONTENT_CHANGE_TIMEOUT_SECONDS * 10)):
        result = await run_conversations(chat_url, [[change.question]], 1, f"endring{attempt}",
                                         CONTENT_CHANGE_TIMEOUT_SECONDS)
        replies = " ".join(r.get("text", "") for t in result.turns for r in t.replies)
        if change.expect in replies:
            return time.monotonic() - edited
        if time.monotonic() - edited > CONTENT_CHANGE_TIMEOUT_SECONDS:
            break
        await asyncio.sleep(0.1)
    return float("nan")


async def _measure(assistant: RunningAssistant, knowledge_dir: Path,
                   conversations: Conversations, plan: Plan) -> Dict[str, float]:
    chat_url = f"{assistant.web_url}/api/chat"
    first_answer = await _first_answer_seconds(chat_url)
    # Warm every path once, so the numbers below are the steady state.
    await run_conversations(chat_url, _scripts(conversations, plan.warmup_conversations), 1,
                            "oppvarming", PHASE_TIME_LIMIT_SECONDS)
    single = await run_conversations(chat_url, _scripts(conversations, plan.single_conversations),
                                     1, "en", PHASE_TIME_LIMIT_SECONDS)
    concurrent = await run_conversations(
        chat_url, _scripts(conversations, plan.concurrent_conversations), plan.concurrency,
        "samtidig", PHASE_TIME_LIMIT_SECONDS)
    long = await run_conversations(
        chat_url, [_long_script(conversations, plan.long_turns)] * plan.long_conversations, 1,
        "lang", PHASE_TIME_LIMIT_SECONDS)
    content_change = await _content_change_seconds(chat_url, knowledge_dir, conversations)
    memory = assistant.peak_memory_mb()
    return {
        "single_p50_ms": single.latency_ms(0.50),
        "single_p95_ms": single.latency_ms(0.95),
        "single_p99_ms": single.latency_ms(0.99),
        "concurrent_p50_ms": concurrent.latency_ms(0.50),
        "concurrent_p95_ms": concurrent.latency_ms(0.95),
        "concurrent_p99_ms": concurrent.latency_ms(0.99),
        "throughput_per_s": concurrent.throughput,
        "errors": float(single.errors + concurrent.errors + long.errors),
        "memory_rasa_mb": memory.get("rasa") or float("nan"),
        "memory_action_server_mb": memory.get("action-server") or float("nan"),
        "memory_web_mb": memory.get("web") or float("nan"),
        "startup_ready_s": assistant.startup_seconds,
        "startup_first_answer_s": assistant.startup_seconds + first_answer,
        "content_change_s": content_change,
        "turn5_p50_ms": long.median_ms_at_turn(5),
        f"turn{plan.long_turns}_p50_ms": long.median_ms_at_turn(plan.long_turns),
    }


def serve_and_measure(model: Path, workdir: Path, conversations: Conversations,
                      plan: Plan) -> Dict[str, float]:
    knowledge_dir = workdir / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", knowledge_dir)
    assistant = start_assistant(model, workdir, knowledge_dir)
    try:
        # The load shares the two cores with what it measures, so it runs on
        # uvloop too: less CPU taken from either system.
        return uvloop.run(_measure(assistant, knowledge_dir, conversations, plan))
    finally:
        assistant.stop()


def _medians(runs: List[Dict[str, float]]) -> Dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def run_benchmark(plan: Plan, model: Optional[Path]) -> Dict[str, Dict[str, float]]:
    conversations = load_conversations(CONVERSATIONS_FILE)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp_dir = Path(tmp)
        models: Dict[str, Path] = {}
        training: Dict[str, float] = {}
        systems = {"vår": OUR_CONFIG, **({"stock": STOCK_CONFIG} if plan.with_stock else {})}
        for system, config in systems.items():
            if plan.train or model is None:
                name = "stock" if system == "stock" else "ours"
                print(f"Trener {system} fra bunnen ...", flush=True)
                training[system] = train(config, tmp_dir, name)
                models[system] = tmp_dir / f"{name}.tar.gz"
            else:
                models[system] = model
        runs: Dict[str, List[Dict[str, float]]] = {system: [] for system in systems}
        for number in range(plan.runs):
            for system in systems:  # alternating, so both see the same noise
                print(f"Måling {number + 1}/{plan.runs}: {system} ...", flush=True)
                workdir = tmp_dir / f"{system}-{number}"
                runs[system].append(serve_and_measure(models[system], workdir, conversations,
                                                      plan))
        results = {system: _medians(system_runs) for system, system_runs in runs.items()}
        for system, seconds in training.items():
            results[system]["training_s"] = seconds
        return results


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="røyktest: bare vår assistent, én kort måling, ingen trening")
    parser.add_argument("--runs", type=int, help="antall målinger per system (median)")
    parser.add_argument("--model", type=Path, default=PROJECT_ROOT / "models" / "assistent.tar.gz",
                        help="modellen --quick bruker (standard: models/assistent.tar.gz)")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR,
                        help="mappen der bench.md og bench.json skrives")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.runs:
        plan = Plan(**{**plan.__dict__, "runs": args.runs})
    results = run_benchmark(plan, args.model if args.quick else None)
    table = format_table(results, long_turns=plan.long_turns)
    print(table)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.md").write_text(table + "\n", encoding="utf-8")
    (args.out / "bench.json").write_text(json.dumps(results, indent=2, ensure_ascii=False),
                                         encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
