import pytest

from bot.language.norwegian import (
    NorwegianNLPSettings,
    build_norwegian_nlp,
    lemmas,
    tokens_with_lemmas,
)


def texts(nlp, text):
    return [token for token, _, _ in tokens_with_lemmas(nlp, text)]


@pytest.mark.parametrize("abbreviation", ["bl.a.", "f.eks.", "jf.", "bvl.", "evt.", "pga."])
def test_abbreviations_stay_whole(norwegian_nlp, abbreviation):
    assert abbreviation in texts(norwegian_nlp, f"Det gjelder {abbreviation} skolen.")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Se § 13-2 i loven.", "§ 13-2"),
        ("Forvaltningsloven § 13 a gjelder.", "§ 13 a"),
        ("Straffeloven §§ 282–283 nevner dette.", "§§ 282–283"),
    ],
)
def test_legal_references_become_one_token(norwegian_nlp, text, expected):
    tokens = texts(norwegian_nlp, text)
    assert expected in tokens
    # A following preposition is not swallowed into the reference.
    assert "i" in texts(norwegian_nlp, "Se § 13-2 i loven.")


@pytest.mark.parametrize(
    "text, number",
    [
        ("Ring 116 111 nå.", "116 111"),
        ("Nummeret er 22 33 44 55.", "22 33 44 55"),
        ("Mobil +47 900 12 345, ring gjerne.", "+47 900 12 345"),
        ("Politiet har 02800.", "02800"),
    ],
)
def test_phone_numbers_become_one_token(norwegian_nlp, text, number):
    assert number in texts(norwegian_nlp, text)


def test_dates_and_times(norwegian_nlp):
    tokens = texts(norwegian_nlp, "Møtet er 14.02.2024 kl. 08:30.")
    assert "14.02.2024" in tokens
    assert tokens[-2:] == ["08:30", "."]


def test_words_written_together_with_semicolon_are_split(norwegian_nlp):
    assert texts(norwegian_nlp, "lærer;hva nå")[:3] == ["lærer", ";", "hva"]


@pytest.mark.parametrize(
    "text, expected_lemmas",
    [
        ("barnevernet meldte", ["barnevern", "melde"]),  # bokmål
        ("ungane i klassen", ["unge", "i", "klasse"]),  # nynorsk
        ("Bekymringsmeldinger", ["bekymringsmelding"]),  # case and compounds
    ],
)
def test_lemmas_cover_bokmal_and_nynorsk(norwegian_nlp, text, expected_lemmas):
    assert lemmas(norwegian_nlp, text) == expected_lemmas


def test_punctuation_is_not_a_lemma(norwegian_nlp):
    assert lemmas(norwegian_nlp, "Hei, barn!") == ["hei", "barn"]


def test_merging_can_be_switched_off():
    nlp = build_norwegian_nlp(NorwegianNLPSettings.from_config({"merge": []}))
    assert texts(nlp, "Ring 116 111")[1:] == ["116", "111"]


def test_unknown_merge_pattern_is_explained():
    with pytest.raises(ValueError, match="Ukjent 'merge'-mønster"):
        NorwegianNLPSettings.from_config({"merge": ["postnummer"]})


def test_lemma_languages_come_from_config():
    nynorsk_only = NorwegianNLPSettings.from_config({"lemma_languages": ["nn"]})
    assert nynorsk_only.lemma_languages == ("nn",)
    nlp = build_norwegian_nlp(nynorsk_only)
    assert nlp.get_pipe_config("nb_simplemma_lemmatizer")["languages"] == ["nn"]
