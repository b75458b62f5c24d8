"""National phone numbers that the verified fact base (../shared/fakta.md §6 and
fakta-tillegg.md G) confirms. A national number not listed here may not be published;
`kb check` refuses it. Add a number only after it is marked [kontrollert] there."""

from typing import Dict

# Digits only -> who answers, as the fact base names it.
VERIFIED_NATIONAL_NUMBERS: Dict[str, str] = {
    "112": "Nødnummer politi",
    "02800": "Politiet, ikke akutt",
    "113": "Medisinsk nødhjelp",
    "116117": "Legevakt og overgrepsmottak",
    "116111": "Alarmtelefonen for barn og unge",
    "116006": "Vold- og overgrepslinjen",
    "116123": "Mental Helse hjelpetelefon og Foreldresupport",
    "80033321": "Kors på halsen",
    "22400040": "Kirkens SOS",
    "22591300": "Giftinformasjonen",
}


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def is_verified_national(number: str) -> bool:
    return digits(number) in VERIFIED_NATIONAL_NUMBERS
