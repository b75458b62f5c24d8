"""The emergency replies: emergency line first, only verified numbers."""

import re
from pathlib import Path

import pytest
import yaml

from bot.knowledge.fact_base import VERIFIED_NATIONAL_NUMBERS, digits

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FIRST_LINE = "Hvis et barn er i fare nå: ring 112."
PHONE_NUMBER = re.compile(r"\b\d{3} \d{3}\b|\b\d{5}\b|\b11[0-3]\b")


def response_text(name: str) -> str:
    domain = yaml.safe_load((PROJECT_ROOT / "domain" / "safety.yml").read_text(encoding="utf-8"))
    (variant,) = domain["responses"][name]
    return variant["text"]


def unverified_numbers(text: str) -> set:
    """Numbers in ``text`` that the repository's copy of the verified fact base lacks."""
    return {number for number in PHONE_NUMBER.findall(text)
            if digits(number) not in VERIFIED_NATIONAL_NUMBERS}


@pytest.mark.parametrize("name", ["utter_acute_danger", "utter_suicide_risk"])
def test_emergency_line_comes_first_and_numbers_are_verified(name):
    text = response_text(name)
    assert text.splitlines()[0] == FIRST_LINE
    assert "116 111" in text and "barnevernvakten.no" in text
    assert PHONE_NUMBER.findall(text)
    assert unverified_numbers(text) == set()


def test_a_number_missing_from_the_fact_base_is_caught():
    assert unverified_numbers("Ring 112 eller 116 999.") == {"116 999"}


def test_acute_reply_has_police_for_non_urgent_matters():
    assert "02800" in response_text("utter_acute_danger")


def test_suicide_reply_has_medical_emergency_number():
    assert "113" in response_text("utter_suicide_risk")


def test_acute_reply_has_medical_emergency_number():
    # «babyen puster ikke», drowning and poisoning are danger now, not only a matter for the police
    assert "113" in response_text("utter_acute_danger")
