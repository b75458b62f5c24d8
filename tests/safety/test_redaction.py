import pytest
from stdnum.no import fodselsnummer

from bot.safety.redaction import (FEWEST_PHONE_DIGITS, PHONE_REGION, TEXTS_REMEMBERED,
                                  PersonalDataKind as Kind, Redactor, contains_placeholder,
                                  redact)


def valid_number(first_nine: str) -> str:
    """A fødselsnummer or D-nummer with correct check digits."""
    first = fodselsnummer.calc_check_digit1(first_nine)
    return first_nine + first + fodselsnummer.calc_check_digit2(first_nine + first)


FODSELSNUMMER = valid_number("010170123")
D_NUMMER = valid_number("410170123")  # day + 40


@pytest.mark.parametrize("text, secret, kind", [
    (f"fnr {FODSELSNUMMER}", FODSELSNUMMER, Kind.NATIONAL_ID),
    (f"fnr {FODSELSNUMMER[:6]} {FODSELSNUMMER[6:]}", FODSELSNUMMER[6:], Kind.NATIONAL_ID),
    (f"D-nummeret er {D_NUMMER}", D_NUMMER, Kind.NATIONAL_ID),
    ("ring meg på 900 12 345", "900 12 345", Kind.PHONE),
    ("mobil: +47 41234567", "41234567", Kind.PHONE),
    ("skriv til ola.nordmann@example.no", "ola.nordmann", Kind.EMAIL),
    ("de bor i Storgata 12B", "Storgata", Kind.ADDRESS),
    ("adressen er Fjellveien 3, 0150 Oslo", "0150 Oslo", Kind.ADDRESS),
    ("Han heter Ola og går i 3B", "Ola", Kind.NAME),
    ("eleven heter kari", "kari", Kind.NAME),
    ("Kari Hansen i 3B er redd", "Hansen", Kind.NAME),
    ("sønnen min Per gråter mye", "Per", Kind.NAME),
])
def test_personal_data_is_replaced_by_a_typed_placeholder(text, secret, kind):
    result = redact(text)
    assert secret not in result.text
    assert kind.placeholder in result.text
    assert kind in result.kinds and result.found


def test_eleven_digits_with_wrong_check_digits_are_still_removed_but_not_called_fodselsnummer():
    wrong = FODSELSNUMMER[:-1] + str((int(FODSELSNUMMER[-1]) + 1) % 10)
    result = redact(f"nummeret {wrong}")
    assert wrong not in result.text and result.kinds == {Kind.NUMBER}


def test_a_name_is_removed_everywhere_in_the_message():
    result = redact("Datteren min Emma Louise sier at Emma er redd")
    assert "Emma" not in result.text and "Louise" not in result.text


@pytest.mark.parametrize("text", [
    "Hva er 116 111?",  # decision: national service numbers are kept
    "Jeg ringte 02800 og 112",
    "Alarmtelefonen og Barnevernet kan hjelpe",
    "Helsestasjon og Legevakt",
    "Mental Helse og Røde Kors",
    "Hei, jeg lurer på meldeplikt",
    "Hva heter det skjemaet?",
    "Skjemaet heter bekymringsmelding",
    "Eleven er ofte sliten. Hun gråter mye.",
    "I 2023 var det 12 saker",
])
def test_the_assistants_own_words_and_ordinary_sentences_are_kept(text):
    result = redact(text)
    assert result.text == text and not result.found


def test_placeholders_are_recognised():
    assert contains_placeholder(redact("ring 900 12 345").text)
    assert not contains_placeholder("[hei]")


def test_a_text_found_clean_before_still_loses_a_name_learnt_later():
    redactor = Redactor()
    assert redactor.redact("Ola er redd").text == "Ola er redd"
    assert redactor.redact("Ola er redd", {"Ola"}).text == "[NAVN] er redd"


def test_repeated_text_with_personal_data_is_redacted_every_time():
    redactor = Redactor()
    for _ in range(3):
        assert redactor.redact("ring meg på 900 12 345").text == "ring meg på [TELEFON]"


def test_the_memory_holds_only_redacted_texts_and_is_bounded():
    redactor = Redactor()
    redactor.redact("Jenta heter Ingrid, mitt nummer er 900 12 345")
    redactor.names_in("Jenta heter Ingrid")
    remembered = [r.text for r in redactor._redactions.values()]  # the memory itself
    assert not any("900 12 345" in text or "Ingrid" in text for text in remembered)
    assert redactor._texts_without_names.values() == []
    for number in range(TEXTS_REMEMBERED + 10):
        redactor.redact(f"spørsmål nummer {number}")
    assert len(redactor._redactions.values()) == TEXTS_REMEMBERED
    assert "spørsmål nummer 0" not in [r.text for r in redactor._redactions.values()]


@pytest.mark.parametrize("text", [
    "Ola er redd", "Ring Ola på 900 12 345", "ola er redd", "Kari og Ola Hansen",
    "Familiestasjonen: 62 00 00 20, Demoveien 3",
])
def test_remembered_redactions_give_what_a_fresh_redactor_gives(text):
    """The first call fills the memory; later calls, with or without names known
    from the conversation, must give what redacting from scratch gives."""
    warm = Redactor()
    warm.redact(text)
    for names in (frozenset(), {"Ola"}, {"Kari", "Ola"}):
        assert warm.redact(text, names) == Redactor()._redact(text, names)


def test_texts_with_fewer_digits_than_any_phone_number_skip_the_matcher():
    from phonenumbers import COUNTRY_CODES_FOR_NON_GEO_REGIONS, SUPPORTED_REGIONS, PhoneMetadata

    def fewest(metadata, with_country_code):
        lengths = [n for n in metadata.general_desc.possible_length if n > 0]
        return min(lengths) + (len(str(metadata.country_code)) if with_country_code else 0)

    national = fewest(PhoneMetadata.metadata_for_region(PHONE_REGION), False)
    international = min(
        [fewest(PhoneMetadata.metadata_for_region(r), True) for r in SUPPORTED_REGIONS
         if PhoneMetadata.metadata_for_region(r).general_desc.possible_length]
        + [fewest(PhoneMetadata.metadata_for_nongeo_region(c), True)
           for c in COUNTRY_CODES_FOR_NON_GEO_REGIONS])
    assert FEWEST_PHONE_DIGITS <= min(national, international)
    assert Redactor().redact("ring 99 88 77 66").text == "ring [TELEFON]"
