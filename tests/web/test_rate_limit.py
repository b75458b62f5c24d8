"""Rate limit: a token bucket per client."""

import dataclasses

from bot.web.app import create_app
from bot.web.rate_limit import TokenBucketLimiter
from web_fakes import SENDER


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_burst_then_refill_at_the_configured_rate():
    clock = FakeClock()
    limiter = TokenBucketLimiter(per_minute=6, burst=3, clock=clock)

    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.seconds_until_allowed("a") == 10

    clock.now += 9.9
    assert not limiter.allow("a")
    clock.now += 0.2
    assert limiter.allow("a")
    assert not limiter.allow("a")


def test_each_client_has_its_own_bucket():
    limiter = TokenBucketLimiter(per_minute=1, burst=1, clock=FakeClock())
    assert limiter.allow("a")
    assert not limiter.allow("a")
    assert limiter.allow("b")


def test_refill_never_exceeds_the_burst():
    clock = FakeClock()
    limiter = TokenBucketLimiter(per_minute=60, burst=2, clock=clock)
    limiter.allow("a")
    clock.now += 3600
    assert [limiter.allow("a") for _ in range(3)] == [True, True, False]


async def test_chat_answers_429_in_norwegian_when_over_the_limit(aiohttp_client, settings, fake_rasa):
    limited = dataclasses.replace(settings, rate_limit_burst=2, rate_limit_per_minute=1)
    client = await aiohttp_client(create_app(limited))
    body = {"sender": SENDER, "message": "hei"}

    statuses = [(await client.post("/api/chat", json=body)).status for _ in range(2)]
    refused = await client.post("/api/chat", json=body)

    assert statuses == [200, 200]
    assert refused.status == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert "Vent litt" in (await refused.json())["error"]
    assert len(fake_rasa.received) == 2
    feedback = await client.post("/api/feedback", json={"topic": "generelt", "useful": True})
    assert feedback.status == 429
