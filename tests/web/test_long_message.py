"""One long hostile message once froze every user's chat, static
files and /healthz for about 10 s. Screening runs in a worker thread now, in
pieces short enough that the event loop gets its turn between them."""

import asyncio
import time

from web_fakes import SENDER

# The request size limit's worth of text each pattern once found hard.
HOSTILE = ("ab@ Aa 12 gata emma larsen " * 6000)[:120_000]
# The longest the server may keep another user waiting (the whole screening
# of the message takes several times this on a busy machine).
MAX_STALL_SECONDS = 0.25


async def test_a_long_hostile_message_does_not_stop_other_users(client, fake_rasa):
    long_message = asyncio.ensure_future(
        client.post("/api/chat", json={"sender": SENDER, "message": HOSTILE}))
    await asyncio.sleep(0.05)  # the long message is being screened
    slowest = 0.0
    while not long_message.done():
        started = time.perf_counter()
        response = await client.get("/api/config")
        assert response.status == 200
        slowest = max(slowest, time.perf_counter() - started)
    assert (await long_message).status == 200
    assert slowest < MAX_STALL_SECONDS, f"other users waited {slowest:.2f} s"
