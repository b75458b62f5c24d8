"""The table `make bench` prints: ours, stock Rasa, the ratio and the target."""

import math
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional

Results = Dict[str, Dict[str, float]]


@dataclass(frozen=True)
class Row:
    label: str
    key: str
    decimals: int = 0
    # The target for our assistant, e.g. ("≤", 25); None for context rows.
    target: Optional[tuple] = None


def rows(long_turns: int) -> List[Row]:
    return [
        Row("Latens p50, 1 samtale (ms)", "single_p50_ms", target=("≤", 25)),
        Row("Latens p95, 1 samtale (ms)", "single_p95_ms"),
        Row("Latens p99, 1 samtale (ms)", "single_p99_ms", target=("≤", 100)),
        Row("Latens p50, 20 samtidige (ms)", "concurrent_p50_ms"),
        Row("Latens p95, 20 samtidige (ms)", "concurrent_p95_ms"),
        Row("Latens p99, 20 samtidige (ms)", "concurrent_p99_ms", target=("≤", 500)),
        Row("Gjennomstrømning (meldinger/s)", "throughput_per_s", 1, ("≥", 100)),
        Row("Feil (antall)", "errors", target=("≤", 0)),
        Row("Minne topp, Rasa (MB)", "memory_rasa_mb", target=("≤", 700)),
        Row("Minne topp, action-server (MB)", "memory_action_server_mb", target=("≤", 200)),
        Row("Minne topp, nettserver (MB)", "memory_web_mb", target=("≤", 100)),
        Row("Trening fra bunnen (s)", "training_s", 1, ("≤", 90)),
        Row("Oppstart til «klar» (s)", "startup_ready_s", 1),
        Row("Oppstart til første svar (s)", "startup_first_answer_s", 1, ("≤", 30)),
        Row("Innholdsendring i bruk (s)", "content_change_s", 1, ("≤", 2)),
        Row("p50 tur 5 (ms)", "turn5_p50_ms"),
        Row(f"p50 tur {long_turns} (ms)", f"turn{long_turns}_p50_ms"),
    ]


def _number(value: Optional[float], decimals: int) -> str:
    if value is None or math.isnan(value):
        return "–"
    return f"{value:.{decimals}f}".replace(".", ",")


def _meets(value: Optional[float], target: Optional[tuple]) -> str:
    if target is None:
        return ""
    if value is None or math.isnan(value):
        return "nei"
    sign, limit = target
    met = value <= limit if sign == "≤" else value >= limit
    return "ja" if met else "nei"


def _ratio(ours: Optional[float], stock: Optional[float]) -> Optional[float]:
    if ours is None or stock is None or not stock or math.isnan(ours) or math.isnan(stock):
        return None
    return ours / stock


def format_table(results: Results, long_turns: int) -> str:
    ours, stock = results.get("vår", {}), results.get("stock", {})
    lines = ["| Måling | Vår | Stock Rasa | Vår/stock | Krav (vår) | Oppfylt |",
             "|---|---|---|---|---|---|"]
    extra: List[tuple] = []
    growth = _ratio(ours.get(f"turn{long_turns}_p50_ms"), ours.get("turn5_p50_ms"))
    stock_growth = _ratio(stock.get(f"turn{long_turns}_p50_ms"), stock.get("turn5_p50_ms"))
    extra.append((f"Kostnadsvekst, p50 tur {long_turns} / tur 5", growth, stock_growth,
                  ("≤", 2)))
    throughput_ratio = _ratio(ours.get("throughput_per_s"), stock.get("throughput_per_s"))
    for row in rows(long_turns):
        value = ours.get(row.key)
        target = f"{row.target[0]} {row.target[1]}" if row.target else ""
        lines.append(
            f"| {row.label} | {_number(value, row.decimals)} | "
            f"{_number(stock.get(row.key), row.decimals)} | "
            f"{_number(_ratio(value, stock.get(row.key)), 2)} | {target} | "
            f"{_meets(value, row.target)} |")
    for label, value, stock_value, target in extra:
        lines.append(f"| {label} | {_number(value, 2)} | {_number(stock_value, 2)} | | "
                     f"{target[0]} {target[1]} | {_meets(value, target)} |")
    if stock:
        lines.append(f"| Gjennomstrømning vår/stock | {_number(throughput_ratio, 2)} | | | ≥ 3 | "
                     f"{_meets(throughput_ratio, ('≥', 3))} |")
    return "\n".join(lines)
