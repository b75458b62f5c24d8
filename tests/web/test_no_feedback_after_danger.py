"""«Var dette nyttig?» does not follow an emergency reply or a violence outcome: a rating prompt there would be out of place."""

from pathlib import Path

import yaml

from bot.platform.settings import PROJECT_ROOT
from web_fakes import SENDER


async def test_the_no_feedback_mark_reaches_the_chat(client, fake_rasa):
    # Rasa's REST channel sends a response's custom part as a message of its own.
    fake_rasa.reply = [
        {"recipient_id": SENDER, "text": "Hvis et barn er i fare nå: ring 112."},
        {"recipient_id": SENDER, "custom": {"feedback": False}},
    ]
    response = await client.post("/api/chat", json={"sender": SENDER, "message": "pappa slo meg"})
    # The mark goes with the text it follows: no empty bubble (found by the fuzzer).
    assert await response.json() == {"messages": [
        {"text": "Hvis et barn er i fare nå: ring 112.", "feedback": False},
    ]}


async def test_ordinary_replies_carry_no_mark(client, fake_rasa):
    fake_rasa.reply = [{"recipient_id": SENDER, "text": "Helsestasjonen er åpen."},
                       {"recipient_id": SENDER, "custom": {"feedback": True}}]
    response = await client.post("/api/chat", json={"sender": SENDER, "message": "helsestasjon"})
    assert await response.json() == {"messages": [{"text": "Helsestasjonen er åpen."}]}


def test_emergency_replies_ask_for_no_feedback():
    responses = yaml.safe_load(Path(PROJECT_ROOT / "domain" / "safety.yml").read_text("utf-8"))["responses"]
    for name in ("utter_acute_danger", "utter_suicide_risk"):
        assert responses[name][0]["custom"] == {"feedback": False}, name


def test_the_chat_page_skips_the_question_when_a_reply_says_so():
    script = (PROJECT_ROOT / "bot" / "web" / "static" / "chat.js").read_text("utf-8")
    assert "reply.feedback === false" in script and "feedbackFits" in script
