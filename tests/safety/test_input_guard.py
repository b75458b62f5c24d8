import pytest

from bot.safety.input_guard import (
    MAX_MESSAGE_CHARS, REPLIES, BadInput, classify_bad_input, normalize_user_text,
)


@pytest.mark.parametrize("raw, problem", [
    ("", BadInput.EMPTY),
    ("   \n\t ", BadInput.EMPTY),
    ("a" * 20_000, BadInput.TOO_LONG),
    ("😀🙏😀", BadInput.NO_WORDS),
    ("<script>alert(1)</script>", BadInput.EMPTY),
    ("I am worried about a child in my class", BadInput.NOT_NORWEGIAN),
    ("Moja córka jest bita przez ojca", BadInput.NOT_NORWEGIAN),
    ("Jeg er bekymret for en elev", None),
    ("Eg er uroa for ein elev som er mykje borte", None),
    ("'; DROP TABLE events; --", None),  # plain text: queries are parameterised
    ("ok", None),  # too short to judge the language
])
def test_classify_bad_input(raw, problem):
    assert classify_bad_input(raw) is problem


def test_normalize_removes_control_characters_invalid_utf8_and_markup():
    assert normalize_user_text(b"hei \xff\xfe der\x00\x07") == "hei der"
    assert normalize_user_text("<b>Hjelp</b> <script>x()</script>meg") == "Hjelp meg"
    assert normalize_user_text("  mange   mellomrom\n") == "mange mellomrom"


def test_normalize_truncates_long_messages():
    assert len(normalize_user_text("ord " * 10_000)) == MAX_MESSAGE_CHARS


def test_not_norwegian_reply_says_so_and_gives_the_helpline():
    reply = REPLIES[BadInput.NOT_NORWEGIAN]
    assert "bare norsk" in reply and "116 111" in reply and "112" in reply
