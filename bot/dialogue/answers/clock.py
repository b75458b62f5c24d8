"""The time and opening hours in words: «Klokka er nå 21.00, lørdag 28.11.»."""

from datetime import datetime
from itertools import groupby
from typing import List, Tuple

from bot.dialogue.guide.render import WEEKDAYS
from bot.knowledge.hours import MINUTES_PER_DAY
from bot.knowledge.model import OpeningHours, TimeRange


def clock_line(now: datetime) -> str:
    """``now`` must already be in the municipality's time zone."""
    return f"Klokka er nå {now:%H.%M}, {WEEKDAYS[now.weekday()]} {now.day}.{now.month}."


def _clock(minutes: int) -> str:
    if minutes > MINUTES_PER_DAY:  # an end past midnight, e.g. 22.00–02.00
        minutes -= MINUTES_PER_DAY
    return f"{minutes // 60:02d}.{minutes % 60:02d}"


def _ranges(ranges: Tuple[TimeRange, ...]) -> str:
    if any(r.start == 0 and r.end >= MINUTES_PER_DAY for r in ranges):
        return "hele døgnet"
    return " og ".join(f"{_clock(r.start)}–{_clock(r.end)}" for r in ranges)


def weekly_hours(hours: OpeningHours) -> str:
    """«mandag–torsdag 08.00–15.30, fredag 08.00–15.00»; days with the same hours are joined."""
    if hours.always_open:
        return "hele døgnet, alle dager"
    parts: List[str] = []
    days = list(enumerate(hours.weekly))
    for ranges, group in groupby(days, key=lambda day: day[1]):
        numbers = [number for number, _ in group]
        if not ranges:
            continue
        first, last = WEEKDAYS[numbers[0]], WEEKDAYS[numbers[-1]]
        span = first if first == last else f"{first}–{last}"
        parts.append(f"{span} {_ranges(ranges)}")
    return ", ".join(parts) if parts else "ingen faste åpningstider"
