import time
from typing import Callable

import pytest
from stdnum.no import fodselsnummer

from bot.safety.name_memory import ConversationNames, NameHasher
from bot.safety.redaction import (FEWEST_PHONE_DIGITS, PHONE_REGION, TEXTS_REMEMBERED,
                                  PersonalDataKind as Kind, Redactor, contains_placeholder,
                                  SimplemmaLexicon, default_redactor, lexicon_redactor, pieces,
                                  redact)


def valid_number(first_nine: str) -> str:
    """A fødselsnummer or D-nummer with correct check digits."""
    first = fodselsnummer.calc_check_digit1(first_nine)
    return first_nine + first + fodselsnummer.calc_check_digit2(first_nine + first)


FODSELSNUMMER = valid_number("010170123")
D_NUMMER = valid_number("410170123")  # day + 40
HASHER = NameHasher(b"k" * 32)


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


# Forms that were once stored raw, in the users' own words.
@pytest.mark.parametrize("text, secrets, kind", [
    ("fødselsnummeret er 15.03.12 51238", ["15.03.12 51238", "51238"], Kind.NATIONAL_ID),
    ("fnr 15 03 12 512 38", ["15 03 12 512 38", "512 38"], Kind.NATIONAL_ID),
    ("nummeret hans er 1503 1251 238", ["1503 1251 238", "1251 238"], Kind.NATIONAL_ID),
    ("skriv til kari.hansen(at)example.no", ["kari.hansen", "example.no"], Kind.EMAIL),
    ("mora svarer på lise.berg @ example.no", ["lise.berg"], Kind.EMAIL),
    ("send det til per.olsen@intranett", ["per.olsen", "intranett"], Kind.EMAIL),
    ("lille Ola gråter når pappa kommer", ["Ola"], Kind.NAME),
    ("en gutt (Lukas, 7 år) er redd", ["Lukas"], Kind.NAME),
    ("guten heiter Eirik og er lei seg", ["Eirik"], Kind.NAME),
    ("familien Nilsen har det vanskelig", ["Nilsen"], Kind.NAME),
    ("hun er født 15.03.2012", ["15.03.2012"], Kind.DATE),
    ("bursdagen er 15. mars 2012", ["15. mars 2012", "mars 2012"], Kind.DATE),
    ("han går i 3B", ["3B"], Kind.SCHOOL_CLASS),
    ("hun går på Sagene skole", ["Sagene"], Kind.SCHOOL),
    ("Solsikken barnehage ringte meg", ["Solsikken"], Kind.KINDERGARTEN),
])
def test_forms_that_were_stored_raw_are_redacted_by_the_web_server(text, secrets, kind):
    result = redact(text)
    assert kind in result.kinds
    assert not [secret for secret in secrets if secret in result.text]


@pytest.mark.parametrize("text, secrets", [
    ("jeg er bekymret for emma larsen", ["emma", "larsen"]),
    ("EMMA LARSEN er lei seg hele tiden", ["EMMA", "LARSEN"]),
    ("Jonas sier at han ikke får mat hjemme", ["Jonas"]),
    ("Emma i 3B på Sagene skole blir mobbet", ["Emma", "3B", "Sagene"]),
])
def test_names_only_a_dictionary_can_tell_are_redacted_in_rasa(text, secrets):
    result = lexicon_redactor().redact(text)
    assert Kind.NAME in result.kinds
    assert not [secret for secret in secrets if secret in result.text]


def test_redaction_keeps_the_meaning():
    assert (lexicon_redactor().redact("Emma i 3B på Sagene skole blir mobbet").text
            == "[NAVN] i [KLASSE] på [SKOLE] blir mobbet")


@pytest.mark.parametrize("text", [
    "Når er familiestasjonen åpen?",
    "Statens barnehus kan hjelpe",
    "Kan jeg ringe Kirkens SOS?",
    "Hvilken skole skal jeg kontakte?",
    "Denne barnehagen har en rutine",
    "Hva sier opplæringslova kapittel 9A?",
    "Vi slår sammen 5A og 5B i gym",
    "Vi bor i Bergen",
    "hvor mye er klokka i New York?",
    "Jeg er lærer på 5. trinn",
    "Møtet er kl. 15.30",
    "Ring 116 111 eller 113",
])
def test_services_places_and_ordinary_text_survive_both_redactors(text):
    for redactor in (default_redactor(), lexicon_redactor()):
        assert redactor.redact(text).text == text


def test_a_learnt_name_is_redacted_in_any_case_but_only_as_a_whole_word():
    known = ConversationNames("samtale-1", HASHER, frozenset({HASHER.hash("samtale-1", "Ingrid")}))
    redacted = Redactor().redact("Ingrid gråter. INGRID vil ikke hjem. Ingridsen er naboen", known)
    assert redacted.text == "[NAVN] gråter. [NAVN] vil ikke hjem. Ingridsen er naboen"


# A 60 KB message once froze the web server for 10 s. Each shape
# is hostile to one pattern: long runs for the e-mail, street and number
# patterns, many starts for the names, dates and the phone matcher.
HOSTILE = {
    "letters": "a" * 10,
    "letters and at": "ab@",
    "digits": "1234567890",
    "digits and spaces": "12 ",
    "dots": "1.",
    "street ending": "gata",
    "capitalised words": "Aa ",
    "parentheses": "(a, ",
    "names in lower case": "emma larsen ",
    "mixed": "Ola Nordmann bor i Storgata 12. Ring 900 12 345, født 15.03.2012 i 3B. ",
}
SMALL, LARGE = 1024, 128 * 1024
# Linear cost gives LARGE / SMALL = 128, and up to four times that: the cost
# per character steps up once a text outgrows the CPU's caches (measured
# between 4 and 8 KB, then flat to 256 KB). A quadratic pattern gives 128
# times more again (the e-mail pattern's 10 s for 60 KB).
MAX_COST_RATIO = 8 * LARGE // SMALL


def _cost(make_redactor: Callable[[], Redactor], text: str, runs: int) -> float:
    """The least time of ``runs``: other work on the machine only adds."""
    best = float("inf")
    for _ in range(runs):
        redactor = make_redactor()  # nothing remembered
        started = time.perf_counter()
        redactor.redact(text)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("shape", HOSTILE)
@pytest.mark.parametrize("make_redactor", [Redactor, lambda: Redactor(lexicon=SimplemmaLexicon())],
                         ids=["web server", "Rasa"])
def test_the_cost_of_a_long_hostile_message_grows_linearly(shape, make_redactor):
    unit = HOSTILE[shape]
    small = (unit * (SMALL // len(unit) + 1))[:SMALL]
    large = (unit * (LARGE // len(unit) + 1))[:LARGE]
    ratio = _cost(make_redactor, large, runs=2) / _cost(make_redactor, small, runs=10)
    assert ratio < MAX_COST_RATIO, f"{shape}: {ratio:.0f}"


def test_a_long_text_is_redacted_in_pieces_and_a_name_crosses_them():
    text = "Jenta heter Ingrid. " + "Hun er redd. " * 1000 + "Ingrid gråter."
    assert len(pieces(text)) > 1 and "".join(pieces(text)) == text
    redacted = Redactor().redact(text).text
    assert "Ingrid" not in redacted and redacted.endswith("[NAVN] gråter.")


def test_our_own_log_lines_keep_the_program_names():
    assert lexicon_redactor().redact("Rasa er varmet opp.").text == "Rasa er varmet opp."
