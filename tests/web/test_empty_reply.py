"""Rasa up but answering nothing (its loop guard tripped) is not "Rasa unavailable"."""

import logging

from bot.web.rasa_client import STUCK_REPLY
from web_fakes import SENDER


async def test_an_empty_reply_gets_a_clear_message_with_112_and_113(client, fake_rasa, caplog):
    fake_rasa.reply = []
    with caplog.at_level(logging.INFO):
        response = await client.post("/api/chat",
                                     json={"sender": SENDER, "message": "jeg vil ta livet mitt"})
    assert response.status == 200
    [reply] = (await response.json())["messages"]
    assert reply["text"] == STUCK_REPLY
    assert "112" in STUCK_REPLY and "113" in STUCK_REPLY and "«Start på nytt»" in STUCK_REPLY
    log = caplog.text
    assert f"empty reply for conversation {SENDER}" in log
    assert "unavailable" not in log and "livet" not in log


async def test_healthz_counts_empty_replies_apart_from_an_unreachable_rasa(client, fake_rasa):
    assert (await (await client.get("/healthz")).json())["empty_replies"] == {
        "total": 0, "seconds_since_last": None}
    fake_rasa.reply = []
    for _ in range(2):
        await client.post("/api/chat", json={"sender": SENDER, "message": "nei"})
    response = await client.get("/healthz")
    body = await response.json()
    assert response.status == 200
    assert body["components"]["rasa"] == "ok"
    assert body["empty_replies"]["total"] == 2
    assert body["empty_replies"]["seconds_since_last"] >= 0
