"""Norwegian phone numbers: validation and formatting with ``phonenumbers``."""

import phonenumbers
from phonenumbers import shortnumberinfo

from bot.knowledge.fact_base import digits, is_verified_national
from bot.knowledge.model import Phone

REGION = "NO"


class InvalidPhone(ValueError):
    """The text is not a valid Norwegian phone number (message in Norwegian)."""


def _group_short_number(digits: str) -> str:
    # 116 111 and 116 117 are said and written in two groups of three.
    if len(digits) == 6:
        return f"{digits[:3]} {digits[3:]}"
    return digits


def parse_phone(text: str, note: str = "") -> Phone:
    """A validated :class:`Phone`; raises :class:`InvalidPhone`."""
    raw = str(text).strip()
    try:
        parsed = phonenumbers.parse(raw, REGION)
    except phonenumbers.NumberParseException:
        raise InvalidPhone(f"«{raw}» er ikke et telefonnummer") from None
    if phonenumbers.is_valid_number_for_region(parsed, REGION):
        display = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    # 116 006 is a European harmonised number that phonenumbers does not know for Norway.
    elif (shortnumberinfo.is_valid_short_number_for_region(parsed, REGION)
          or is_verified_national(raw) and len(digits(raw)) <= 6):
        display = _group_short_number(phonenumbers.national_significant_number(parsed))
    else:
        raise InvalidPhone(f"«{raw}» er ikke et gyldig norsk telefonnummer")
    return Phone(number=raw, display=display, note=note)


def tel_uri(phone: Phone) -> str:
    """A ``tel:`` link for the web chat."""
    return "tel:" + "".join(ch for ch in phone.display if ch.isdigit())
