"""Several Rasa instances (RASA_URLS): one instance per conversation, and the
next one when it cannot be reached or goes away before answering."""

import pytest
from aiohttp import web

from bot.platform.settings import Settings
from bot.web.rasa_client import EmptyReply, RasaClient, RasaUnavailable
from web_fakes import FakeRasa, closed_port

SENDERS = [f"samtale-{number:04d}" for number in range(40)]


class HeaderRecordingRasa(FakeRasa):
    """Records the message id headers too; ``hang_up`` closes the connection
    after reading the message, like an instance killed while answering."""

    def __init__(self, hang_up: bool = False) -> None:
        super().__init__()
        self.headers = []
        self.hang_up = hang_up

    async def webhook(self, request: web.Request) -> web.Response:
        self.headers.append({name: request.headers.get(name) for name in ("X-Message-Id", "X-Resent")})
        response = await super().webhook(request)
        if self.hang_up:
            request.transport.close()
        return response


@pytest.fixture
async def two_fake_rasas(aiohttp_server):
    fakes = [FakeRasa(), FakeRasa()]
    for fake in fakes:
        fake.server = await aiohttp_server(fake.app())
    return fakes


def base_url(fake: FakeRasa) -> str:
    return f"http://127.0.0.1:{fake.server.port}"


async def started(client: RasaClient) -> RasaClient:
    await client.start()
    return client


async def test_each_conversation_stays_on_one_instance_and_both_get_some(two_fake_rasas):
    client = await started(RasaClient([base_url(f) for f in two_fake_rasas]))
    try:
        for sender in SENDERS * 3:
            await client.send(sender, "hei")
    finally:
        await client.close()

    senders_per_instance = [{m["sender"] for m in fake.received} for fake in two_fake_rasas]
    assert senders_per_instance[0].isdisjoint(senders_per_instance[1])
    assert senders_per_instance[0] | senders_per_instance[1] == set(SENDERS)
    assert all(len(senders) >= 5 for senders in senders_per_instance)


async def test_a_conversation_moves_on_when_its_instance_is_down(two_fake_rasas):
    live = two_fake_rasas[0]
    client = await started(RasaClient([base_url(live), f"http://127.0.0.1:{closed_port()}"]))
    try:
        for sender in SENDERS:
            assert await client.send(sender, "hei") == [{"text": "Hei! Hva gjelder det?"}]
    finally:
        await client.close()

    assert [m["sender"] for m in live.received] == SENDERS


async def test_a_message_whose_instance_went_away_is_resent_with_its_id(aiohttp_server):
    dying, other = HeaderRecordingRasa(hang_up=True), HeaderRecordingRasa()
    urls = [f"http://127.0.0.1:{(await aiohttp_server(fake.app())).port}" for fake in (dying, other)]
    client = await started(RasaClient(urls))
    sender = next(s for s in SENDERS if client.webhooks_for(s)[0].startswith(urls[0]))
    try:
        assert await client.send(sender, "hei") == [{"text": "Hei! Hva gjelder det?"}]
        await client.send(sender, "hei igjen")
    finally:
        await client.close()

    first_try, next_message = dying.headers
    assert other.received[0] == {"sender": sender, "message": "hei"}
    assert other.headers[0] == {"X-Message-Id": first_try["X-Message-Id"], "X-Resent": "1"}
    assert first_try["X-Resent"] is None
    assert next_message["X-Message-Id"] != first_try["X-Message-Id"]


@pytest.mark.parametrize("failure, error", [
    # Rasa handled the message and said nothing: a stuck conversation.
    ({"reply": []}, EmptyReply),
    # The instance answered, so it may have handled the message already.
    ({"status": 500}, RasaUnavailable),
])
async def test_a_failed_answer_is_not_retried_elsewhere(two_fake_rasas, failure, error):
    for fake in two_fake_rasas:
        for name, value in failure.items():
            setattr(fake, name, value)
    client = await started(RasaClient([base_url(f) for f in two_fake_rasas]))
    try:
        with pytest.raises(error):
            await client.send(SENDERS[0], "hei")
    finally:
        await client.close()

    assert sum(len(fake.received) for fake in two_fake_rasas) == 1


async def test_all_instances_down_is_rasa_unavailable():
    client = await started(RasaClient([f"http://127.0.0.1:{closed_port()}",
                                       f"http://127.0.0.1:{closed_port()}"]))
    try:
        with pytest.raises(RasaUnavailable):
            await client.send(SENDERS[0], "hei")
    finally:
        await client.close()


def test_rasa_urls_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("RASA_URLS", "http://10.0.0.1:5005, http://10.0.0.2:5005/")
    assert Settings.from_env().rasa_instances == ("http://10.0.0.1:5005", "http://10.0.0.2:5005")


def test_without_rasa_urls_the_single_rasa_port_is_used(monkeypatch):
    monkeypatch.delenv("RASA_URLS", raising=False)
    monkeypatch.setenv("RASA_PORT", "5123")
    assert Settings.from_env().rasa_instances == ("http://127.0.0.1:5123",)


def test_a_rasa_url_without_scheme_is_refused(monkeypatch):
    monkeypatch.setenv("RASA_URLS", "10.0.0.1:5005")
    with pytest.raises(SystemExit, match="RASA_URLS"):
        Settings.from_env()
