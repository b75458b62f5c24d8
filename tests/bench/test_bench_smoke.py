"""`make bench` in quick mode runs end to end and prints its table.
Speed is not asserted here: the benchmark itself reports against the targets."""

import json
import subprocess
import sys

from bot.platform.settings import PROJECT_ROOT

SMOKE_TIMEOUT_SECONDS = 180


def test_quick_benchmark_measures_every_row_without_errors(tmp_path, trained_model):
    finished = subprocess.run(
        [sys.executable, "-m", "devtools.bench", "--quick", "--model", str(trained_model),
         "--out", str(tmp_path)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=SMOKE_TIMEOUT_SECONDS)

    assert finished.returncode == 0, finished.stdout[-2000:] + finished.stderr[-2000:]
    assert "| Latens p50, 1 samtale (ms) |" in finished.stdout
    results = json.loads((tmp_path / "bench.json").read_text())["vår"]
    assert results["errors"] == 0
    assert results["throughput_per_s"] > 0
    assert results["content_change_s"] < 30  # the edit in knowledge/ went live
    assert all(results[f"memory_{name}_mb"] > 0 for name in ("rasa", "action_server", "web"))
    assert (tmp_path / "bench.md").read_text().startswith("| Måling |")
