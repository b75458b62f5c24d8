"""Opening hours with fixed clocks: holidays, exceptions and both summer-time changes."""

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.knowledge.hours import opening_status, parse_time_ranges, status_at
from bot.knowledge.model import OpeningHours, TimeRange
from bot.knowledge.phones import InvalidPhone, parse_phone, tel_uri

OSLO = ZoneInfo("Europe/Oslo")


def oslo(*parts):
    return datetime(*parts, tzinfo=OSLO)


def utc(*parts):
    return datetime(*parts, tzinfo=timezone.utc)


def status(kb, service_id, now):
    return opening_status(kb, kb.service(service_id), now)


def test_open_on_an_ordinary_weekday(kb):
    result = status(kb, "helsestasjon", oslo(2026, 11, 23, 10, 0))
    assert result.is_open and result.closes_at == oslo(2026, 11, 23, 15, 30)


def test_closed_on_17_mai_opens_next_day(kb):
    result = status(kb, "helsestasjon", oslo(2028, 5, 17, 10, 0))  # a Wednesday
    assert not result.is_open
    assert result.reason == "Grunnlovsdag"
    assert result.opens_at == oslo(2028, 5, 18, 8, 0)


def test_closed_on_2_paaskedag(kb):
    result = status(kb, "barneverntjeneste", oslo(2026, 4, 6, 12, 0))
    assert not result.is_open and result.reason == "Andre påskedag"
    assert result.opens_at == oslo(2026, 4, 7, 8, 0)


def test_easter_from_skjaertorsdag_skips_all_holidays(kb):
    result = status(kb, "helsestasjon", oslo(2026, 4, 1, 16, 0))  # Wednesday before Easter
    assert result.opens_at == oslo(2026, 4, 7, 8, 0)


def test_spring_forward_next_opening_is_one_hour_earlier_in_utc(kb):
    # Friday 27 March 2026 after closing; summer time starts Sunday 29 March.
    result = status(kb, "helsestasjon", oslo(2026, 3, 27, 16, 0))
    assert result.opens_at == oslo(2026, 3, 30, 8, 0)
    assert result.opens_at.astimezone(timezone.utc) == utc(2026, 3, 30, 6, 0)


def test_spring_forward_night_for_an_overnight_service(kb):
    # Barnevernvakten is open from Saturday through Monday 08:00 (local), across the change.
    result = status(kb, "barnevernvakt", utc(2026, 3, 29, 1, 30))  # 03:30 summer time
    assert result.is_open
    assert result.closes_at.astimezone(timezone.utc) == utc(2026, 3, 30, 6, 0)


def test_fall_back_both_two_thirties_are_inside_an_overnight_opening():
    night = tuple(() for _ in range(5)) + (parse_time_ranges("22:00–06:00"), ())
    hours = OpeningHours(weekly=night, public_holidays=None)
    # Summer time ends Sunday 25 October 2026: 02:30 happens twice.
    first, second = utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30)
    assert status_at(hours, first, OSLO).is_open and status_at(hours, second, OSLO).is_open
    closes = status_at(hours, first, OSLO).closes_at
    assert closes.astimezone(timezone.utc) == utc(2026, 10, 25, 5, 0)  # 06:00 winter time
    assert not status_at(hours, utc(2026, 10, 25, 5, 0), OSLO).is_open


def test_fall_back_next_opening_uses_winter_offset(kb):
    result = status(kb, "ppt", oslo(2026, 10, 23, 17, 0))  # Friday before the change
    assert result.opens_at.astimezone(timezone.utc) == utc(2026, 10, 26, 7, 0)


def test_half_day_a_week(kb):
    result = status(kb, "familiestasjon", oslo(2026, 11, 25, 9, 0))  # Wednesday
    assert not result.is_open and result.opens_at == oslo(2026, 12, 1, 12, 0)


def test_exception_closed_day_and_summer_hours(kb):
    christmas_eve = status(kb, "helsestasjon", oslo(2026, 12, 24, 10, 0))
    assert not christmas_eve.is_open and christmas_eve.reason == "Julaften"
    assert status(kb, "helsestasjon", oslo(2026, 7, 7, 13, 0)).is_open
    assert not status(kb, "helsestasjon", oslo(2026, 7, 7, 14, 30)).is_open
    assert status(kb, "helsestasjon", oslo(2026, 7, 7, 8, 30)).opens_at == oslo(2026, 7, 7, 9, 0)


def test_holiday_hours_of_the_emergency_child_welfare_service(kb):
    assert status(kb, "barnevernvakt", oslo(2027, 5, 17, 12, 0)).is_open
    assert not status(kb, "barnevernvakt", oslo(2027, 5, 18, 12, 0)).is_open


@pytest.mark.parametrize("service_id", ["alarmtelefonen", "politi-112", "ambulanse-113"])
def test_always_open(kb, service_id):
    result = status(kb, service_id, oslo(2027, 5, 17, 3, 0))
    assert result.is_open and result.always_open and result.closes_at is None


def test_unknown_hours_are_not_guessed(kb):
    result = status(kb, "legevakt", oslo(2026, 11, 23, 10, 0))
    assert not result.known and not result.is_open and result.opens_at is None


def test_naive_time_is_refused(kb):
    with pytest.raises(ValueError):
        status(kb, "helsestasjon", datetime(2026, 11, 23, 10, 0))


@pytest.mark.parametrize(
    "text, expected",
    [("08:00–15:30", (TimeRange(480, 930),)),
     ("08:00-11:00, 12:00-15:00", (TimeRange(480, 660), TimeRange(720, 900))),
     ("15:30–08:00", (TimeRange(930, 1920),)),
     ("00:00–24:00", (TimeRange(0, 1440),))],
)
def test_parse_time_ranges(text, expected):
    assert parse_time_ranges(text) == expected


@pytest.mark.parametrize("text", ["08:00", "25:00–26:00", "08:61–09:00", "24:00–08:00", "åtte–ni"])
def test_invalid_time_ranges(text):
    with pytest.raises(ValueError):
        parse_time_ranges(text)


@pytest.mark.parametrize(
    "raw, display, uri",
    [("62000010", "62 00 00 10", "tel:62000010"), ("+47 62 00 00 10", "62 00 00 10", "tel:62000010"),
     ("116111", "116 111", "tel:116111"), ("02800", "02800", "tel:02800"), ("112", "112", "tel:112")],
)
def test_phone_formatting(raw, display, uri):
    phone = parse_phone(raw)
    assert phone.display == display and tel_uri(phone) == uri


@pytest.mark.parametrize("raw", ["12", "1234", "abc", "+46 8 123 456 78"])
def test_invalid_phones(raw):
    with pytest.raises(InvalidPhone):
        parse_phone(raw)
