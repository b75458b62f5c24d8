"""Every chat message is screened before Rasa: bad input and personal data."""

import dataclasses
import logging

from bot.web.app import create_app
from web_fakes import SENDER

VALID_FODSELSNUMMER = "01019010046"  # check digits valid; made up for the test
PERSONAL_MESSAGE = (
    f"Jeg er bekymret for Kari Hansen i 3B, fnr {VALID_FODSELSNUMMER}, "
    "ring meg på 913 45 678 eller kari@eksempel.no"
)
RAW_VALUES = ("Kari Hansen", VALID_FODSELSNUMMER, "913 45 678", "kari@eksempel.no")


async def post(client, message, sender=SENDER):
    response = await client.post("/api/chat", json={"sender": sender, "message": message})
    return response.status, (await response.json())


async def test_personal_data_is_redacted_before_rasa_and_noticed_once(client, fake_rasa, caplog):
    caplog.set_level(logging.DEBUG)
    status, body = await post(client, PERSONAL_MESSAGE)

    assert status == 200
    sent = fake_rasa.received[0]["message"]
    assert not any(value in sent for value in RAW_VALUES)
    assert "[NAVN]" in sent and "[FØDSELSNUMMER]" in sent and "[E-POST]" in sent
    assert body["messages"][0]["text"].startswith("Du trenger ikke skrive navn")
    assert body["messages"][1]["text"] == "Hei! Hva gjelder det?"
    assert not any(value in caplog.text for value in RAW_VALUES)

    _, second = await post(client, "Hun heter Ola, forresten")
    assert [m["text"] for m in second["messages"]] == ["Hei! Hva gjelder det?"]


async def test_other_languages_go_to_rasa_which_recognises_them(client, fake_rasa):
    status, body = await post(client, "I am worried about a child in my class")
    assert status == 200
    assert fake_rasa.received[0]["message"] == "I am worried about a child in my class"
    assert [m["text"] for m in body["messages"]] == ["Hei! Hva gjelder det?"]


async def test_acute_danger_always_reaches_rasa_even_in_bad_input(client, fake_rasa):
    status, body = await post(client, "pappa slår meg 😢😢 help me please now")
    assert status == 200
    assert fake_rasa.received and "slår meg" in fake_rasa.received[0]["message"]


async def test_markup_only_and_emoji_only_get_a_kind_reply(client, fake_rasa):
    _, script = await post(client, "<script>alert('x')</script>")
    _, emoji = await post(client, "😀🙏😀")
    assert script["messages"][0]["text"].startswith("Skriv gjerne hva du lurer på")
    assert emoji["messages"][0]["text"].startswith("Jeg forstår best ord")
    assert fake_rasa.received == []


async def test_control_characters_and_sql_are_plain_text(client, fake_rasa):
    await post(client, "hei\x00\x07 der")
    await post(client, "'; DROP TABLE events; --")
    assert [r["message"] for r in fake_rasa.received] == ["hei der", "'; DROP TABLE events; --"]


async def test_fifty_messages_in_a_second_are_slowed_down(aiohttp_client, settings, fake_rasa):
    # One new token a minute: no refill can happen while the test runs.
    limited = dataclasses.replace(settings, rate_limit_burst=10, rate_limit_per_minute=1)
    client = await aiohttp_client(create_app(limited))
    statuses = [(await client.post("/api/chat", json={"sender": SENDER, "message": "hei"})).status
                for _ in range(50)]
    assert statuses.count(200) == 10 and statuses.count(429) == 40
    assert len(fake_rasa.received) == 10
