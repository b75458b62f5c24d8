"""Opening hours: "is it open now?" and "when does it open next?".

All calculations compare instants in UTC and build local times with zoneinfo,
so summer-time changes are handled. Norwegian public holidays come from the
``holidays`` package.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import List, Optional, Tuple
from zoneinfo import ZoneInfo

import holidays

from bot.knowledge.model import DateException, KnowledgeBase, OpeningHours, Service, TimeRange

MINUTES_PER_DAY = 24 * 60
# How far ahead to look for the next opening (covers a long summer closure).
LOOKAHEAD_DAYS = 400

_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_RANGE_SEPARATOR = re.compile(r"\s*[-–—]\s*")


def parse_clock(text: str) -> int:
    """Minutes after midnight for "08:00"; "24:00" is allowed as an end time."""
    match = _CLOCK.match(text.strip())
    if not match:
        raise ValueError(f"«{text}» er ikke et klokkeslett (skriv f.eks. 08:00)")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise ValueError(f"{text.strip()} er ikke et gyldig klokkeslett")
    return hours * 60 + minutes


def parse_time_ranges(text: str) -> Tuple[TimeRange, ...]:
    """"08:00–11:30, 12:00–15:30" -> ranges; an end before the start runs past midnight."""
    ranges = []
    for part in str(text).split(","):
        pieces = _RANGE_SEPARATOR.split(part.strip())
        if len(pieces) != 2:
            raise ValueError(f"«{part.strip()}» må skrives som fra–til, f.eks. 08:00–15:30")
        start, end = parse_clock(pieces[0]), parse_clock(pieces[1])
        if start == MINUTES_PER_DAY:
            raise ValueError("24:00 kan bare brukes som sluttid")
        if end <= start:
            end += MINUTES_PER_DAY
        ranges.append(TimeRange(start, end))
    return tuple(ranges)


@lru_cache(maxsize=1)
def _norwegian_holidays() -> holidays.HolidayBase:
    # Expands to new years on demand; names in Norwegian ("Grunnlovsdag").
    return holidays.country_holidays("NO", language="no")


def public_holiday(day: date) -> Optional[str]:
    """The name of the Norwegian public holiday on ``day``, or None."""
    return _norwegian_holidays().get(day)


@dataclass(frozen=True)
class HoursStatus:
    is_open: bool
    always_open: bool = False
    known: bool = True  # False when the knowledge base has no opening hours
    closes_at: Optional[datetime] = None  # local time, when open
    opens_at: Optional[datetime] = None  # local time, when closed
    reason: str = ""  # why it is closed today, e.g. a holiday or an exception note


def _exception_on(hours: OpeningHours, day: date) -> Optional[DateException]:
    # The last matching exception wins, so a single day can override a period.
    matching = [e for e in hours.exceptions if e.first <= day <= e.last]
    return matching[-1] if matching else None


def ranges_on(hours: OpeningHours, day: date) -> Tuple[TimeRange, ...]:
    """The opening ranges that start on ``day`` (local calendar)."""
    exception = _exception_on(hours, day)
    if exception is not None:
        return exception.ranges
    if hours.public_holidays is not None and public_holiday(day):
        return hours.public_holidays
    return hours.weekly[day.weekday()]


def _closed_reason(hours: OpeningHours, day: date) -> str:
    exception = _exception_on(hours, day)
    if exception is not None:
        return exception.note
    holiday = public_holiday(day)
    if holiday and hours.public_holidays == ():
        return holiday
    return ""


def _instant(day: date, minutes: int, zone: ZoneInfo) -> datetime:
    day = day + timedelta(days=minutes // MINUTES_PER_DAY)
    minutes %= MINUTES_PER_DAY
    local = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=zone)
    return local.astimezone(timezone.utc)


def _periods_from(hours: OpeningHours, first_day: date, days: int, zone: ZoneInfo):
    """(start, end) in UTC of every opening starting on the given local days, in order."""
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        for time_range in ranges_on(hours, day):
            yield _instant(day, time_range.start, zone), _instant(day, time_range.end, zone)


def merged_periods(hours: OpeningHours, first_day: date, days: int, zone: ZoneInfo):
    """Like _periods_from, but back-to-back or overlapping periods become one."""
    current: Optional[List[datetime]] = None
    for start, end in _periods_from(hours, first_day, days, zone):
        if current and start <= current[1]:
            current[1] = max(current[1], end)
            continue
        if current:
            yield tuple(current)
        current = [start, end]
    if current:
        yield tuple(current)


def status_at(hours: Optional[OpeningHours], now: datetime, zone: ZoneInfo) -> HoursStatus:
    """Is the service open at ``now`` (an aware datetime), and when does that change?"""
    if now.tzinfo is None:
        raise ValueError("now må ha tidssone")
    if hours is None:
        return HoursStatus(is_open=False, known=False)
    if hours.always_open:
        return HoursStatus(is_open=True, always_open=True)
    now_utc = now.astimezone(timezone.utc)
    today = now_utc.astimezone(zone).date()
    # Start yesterday: an opening from the evening before can still be running.
    for start, end in merged_periods(hours, today - timedelta(days=1), LOOKAHEAD_DAYS, zone):
        if end <= now_utc:
            continue
        if start <= now_utc:
            return HoursStatus(is_open=True, closes_at=end.astimezone(zone))
        return HoursStatus(
            is_open=False, opens_at=start.astimezone(zone), reason=_closed_reason(hours, today)
        )
    return HoursStatus(is_open=False, reason=_closed_reason(hours, today))


def is_open(hours: Optional[OpeningHours], now: datetime, zone: ZoneInfo) -> bool:
    return status_at(hours, now, zone).is_open


def next_opening(hours: Optional[OpeningHours], now: datetime, zone: ZoneInfo) -> Optional[datetime]:
    """When it opens next (local time); None if open now, always open or unknown."""
    return status_at(hours, now, zone).opens_at


def opening_status(kb: KnowledgeBase, service: Service, now: Optional[datetime] = None) -> HoursStatus:
    """Status of ``service`` in the municipality's time zone (now, unless given)."""
    zone = ZoneInfo(kb.municipality.time_zone)
    return status_at(service.hours, now or datetime.now(zone), zone)
