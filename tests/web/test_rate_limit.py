"""Rate limit: a token bucket per client."""

import dataclasses

from bot.web.app import create_app
import pytest

from bot.web.rate_limit import ClientAddresses, TokenBucketLimiter
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


def _user(number: int) -> dict:
    return {"sender": f"bruker-{number:04d}-abcdef", "message": "hei"}


async def test_thirty_pupils_behind_one_school_address_all_get_answers(
        aiohttp_client, settings, fake_rasa):
    # Behind the proxy, the 21st different user in a burst once got 429.
    limited = dataclasses.replace(settings, rate_limit_burst=20, rate_limit_per_minute=40)
    client = await aiohttp_client(create_app(limited))
    statuses = [(await client.post("/api/chat", json=_user(n))).status for n in range(30)]
    assert statuses == [200] * 30


async def test_one_address_still_has_a_ceiling(aiohttp_client, settings, fake_rasa):
    limited = dataclasses.replace(settings, address_rate_limit_burst=5,
                                  address_rate_limit_per_minute=1)
    client = await aiohttp_client(create_app(limited))
    statuses = [(await client.post("/api/chat", json=_user(n))).status for n in range(7)]
    assert statuses == [200] * 5 + [429] * 2
    feedback = await client.post("/api/feedback", json={"topic": "generelt", "useful": True})
    assert feedback.status == 429
    assert len(fake_rasa.received) == 5


async def test_forwarded_for_is_ignored_from_an_untrusted_peer(aiohttp_client, settings):
    # Without WEB_TRUSTED_PROXIES a client cannot dodge the ceiling by
    # writing a new X-Forwarded-For on every request.
    limited = dataclasses.replace(settings, address_rate_limit_burst=2,
                                  address_rate_limit_per_minute=1)
    client = await aiohttp_client(create_app(limited))
    statuses = [(await client.post("/api/chat", json=_user(n),
                                   headers={"X-Forwarded-For": f"203.0.113.{n}"})).status
                for n in range(3)]
    assert statuses == [200, 200, 429]


async def test_forwarded_for_from_a_trusted_proxy_separates_clients(aiohttp_client, settings):
    limited = dataclasses.replace(settings, address_rate_limit_burst=2,
                                  address_rate_limit_per_minute=1,
                                  trusted_proxies=("127.0.0.1",))
    client = await aiohttp_client(create_app(limited))
    statuses = [(await client.post("/api/chat", json=_user(n),
                                   headers={"X-Forwarded-For": f"203.0.113.{n % 2}"})).status
                for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


@pytest.mark.parametrize("peer, forwarded_for, client", [
    ("10.0.0.5", "203.0.113.7", "203.0.113.7"),
    # A client's own forged entry stands left of what the proxy appended.
    ("10.0.0.5", "1.2.3.4, 203.0.113.7", "203.0.113.7"),
    # Two trusted proxies in a row.
    ("10.0.0.5", "203.0.113.7, 10.0.1.9", "203.0.113.7"),
    ("198.51.100.1", "203.0.113.7", "198.51.100.1"),
    ("10.0.0.5", "", "10.0.0.5"),
])
def test_client_address_is_the_nearest_untrusted_hop(peer, forwarded_for, client):
    addresses = ClientAddresses(["10.0.0.5", "10.0.1.0/24"])
    assert addresses.of(peer, forwarded_for) == client


def test_no_proxy_is_trusted_by_default(monkeypatch):
    from bot.platform.settings import Settings
    monkeypatch.delenv("WEB_TRUSTED_PROXIES", raising=False)
    assert Settings.from_env().trusted_proxies == ()
    monkeypatch.setenv("WEB_TRUSTED_PROXIES", "10.0.0.5, 10.0.1.0/24")
    assert Settings.from_env().trusted_proxies == ("10.0.0.5", "10.0.1.0/24")
    monkeypatch.setenv("WEB_TRUSTED_PROXIES", "nginx")
    with pytest.raises(SystemExit, match="WEB_TRUSTED_PROXIES"):
        Settings.from_env()
