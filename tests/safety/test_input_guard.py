import pytest

from bot.safety.input_guard import BadInput, normalize_user_text
from bot.safety.screening import screen_message
from .test_acute_sets import read_messages

MAX_CHARS = 1000  # the web server's default limit (WEB_MESSAGE_MAX_CHARS)


@pytest.mark.parametrize("raw, problem", [
    ("", BadInput.EMPTY),
    ("   \n\t ", BadInput.EMPTY),
    ("a" * 20_000, BadInput.TOO_LONG),
    ("😀🙏😀", BadInput.NO_WORDS),
    ("<script>alert(1)</script>", BadInput.EMPTY),
    # Other languages are recognised in Rasa (test_language_check.py), not here.
    ("I am worried about a child in my class", None),
    ("Moja córka jest bita przez ojca", None),
    ("Jeg er bekymret for en elev", None),
    ("Eg er uroa for ein elev som er mykje borte", None),
    ("'; DROP TABLE events; --", None),  # plain text: queries are parameterised
    ("ok", None),
    ("a 1 😢", BadInput.NO_WORDS),  # a single letter is no word
])
def test_classify_bad_input(raw, problem):
    assert screen_message(raw, MAX_CHARS).bad_input is problem


def test_normalize_removes_control_characters_invalid_utf8_and_markup():
    assert normalize_user_text(b"hei \xff\xfe der\x00\x07") == "hei der"
    assert normalize_user_text("<b>Hjelp</b> <script>x()</script>meg") == "Hjelp meg"
    assert normalize_user_text("  mange   mellomrom\n") == "mange mellomrom"


def test_normalize_keeps_the_end_of_a_long_message():
    assert normalize_user_text("ord " * 10_000 + "pappa slår meg").endswith("pappa slår meg")


def test_no_acute_message_is_answered_without_rasa():
    """Only Rasa checks for acute danger, so every acute message must reach it."""
    acute = read_messages("acute_messages.txt") + read_messages("heldout_acute.txt")
    assert [m for m in acute if not screen_message(m, MAX_CHARS).needs_rasa] == []
