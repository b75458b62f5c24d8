"""bot.rasa_integration.lock_store against a real Redis. Each store has its own connection,
like two Rasa instances: a lock lasts as long as its message is handled,
one left by an instance that died runs out, and tickets never collide."""

import asyncio
import threading
import time

import pytest
from rasa.core.lock_store import LockStore
from rasa.core.utils import read_endpoint_config
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_integration.lock_store import RenewingRedisLockStore
from bot.platform.settings import LOOPBACK, PROJECT_ROOT
from scale_servers import install_debian_packages, redis_server

LIFETIME = 1.0
QUICK_POLL = 0.05


@pytest.fixture(scope="module")
def redis_port():
    install_debian_packages()
    with redis_server() as port:
        yield port


def instance(redis_port: int) -> RenewingRedisLockStore:
    return RenewingRedisLockStore(EndpointConfig(url=LOOPBACK, port=redis_port, key_prefix="test"))


def test_a_message_keeps_its_lock_for_longer_than_the_lifetime(redis_port):
    # The slow message also keeps its event loop busy all along, as a long
    # stretch of work under load does; the next one runs on another instance.
    order = []

    async def handle(name, work):
        async with instance(redis_port).lock("samtale-1", LIFETIME, QUICK_POLL):
            order.append(f"{name} start")
            work()
            order.append(f"{name} end")

    next_message = threading.Thread(target=lambda: asyncio.run(handle("next", lambda: None)))
    asyncio.run(handle("slow", lambda: (next_message.start(), time.sleep(3 * LIFETIME))))
    next_message.join()

    assert order == ["slow start", "slow end", "next start", "next end"]


async def test_the_lock_of_an_instance_that_died_runs_out(redis_port):
    # Taken and then neither renewed nor released, as after a SIGKILL. The
    # waiter's own ticket must outlive its lifetime while it waits.
    instance(redis_port).issue_ticket("samtale-2", 2 * LIFETIME)

    async def take_the_lock():
        async with instance(redis_port).lock("samtale-2", LIFETIME, QUICK_POLL):
            pass

    started = time.monotonic()
    await asyncio.wait_for(take_the_lock(), timeout=4 * LIFETIME)

    assert time.monotonic() - started > 1.5 * LIFETIME


def test_two_instances_issuing_at_once_never_get_the_same_ticket(redis_port):
    tickets = [[], []]

    def issue_many(numbers):
        store = instance(redis_port)
        for _ in range(300):
            numbers.append(store.issue_ticket("samtale-3", 60))

    threads = [threading.Thread(target=issue_many, args=(numbers,)) for numbers in tickets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    issued = tickets[0] + tickets[1]
    assert sorted(issued) == list(range(600))


def test_the_production_endpoints_use_this_lock_store(monkeypatch):
    for name, value in {"REDIS_HOST": LOOPBACK, "REDIS_PORT": "6379", "DATABASE_URL": "sqlite://",
                        "ACTION_SERVER_URL": f"http://{LOOPBACK}:5055"}.items():
        monkeypatch.setenv(name, value)
    config = read_endpoint_config(str(PROJECT_ROOT / "deploy" / "endpoints.production.yml"),
                                  "lock_store")
    assert isinstance(LockStore.create(config), RenewingRedisLockStore)
