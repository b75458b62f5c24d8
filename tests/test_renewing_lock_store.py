"""bot.rasa_integration.lock_store against fakeredis, the Redis `python -m bot
run` starts (bot/servers/lock_server.py) where Redis itself is not installed.
Each store has its own connection, like two Rasa processes: a lock lasts as long as its message is handled, one
left by a process that died runs out, and tickets never collide.
tests/scale/test_renewing_lock_store_on_redis.py runs the same tests against
a real Redis."""

import asyncio
import subprocess
import sys
import threading
import time

import pytest
from rasa.utils.endpoints import EndpointConfig

from bot.platform.redis_probe import redis_answers
from bot.platform.settings import LOOPBACK, PROJECT_ROOT
from bot.rasa_integration.lock_store import RenewingRedisLockStore
from devtools.bench.stack import free_port

LIFETIME = 1.0
QUICK_POLL = 0.05
START_TIMEOUT_SECONDS = 30


@pytest.fixture(scope="module")
def redis_port():
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "bot.servers.lock_server", "--port", str(port),
                               "--server", "fakeredis"],
                              cwd=PROJECT_ROOT)
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not redis_answers(LOOPBACK, port):
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail("the lock server did not start")
        time.sleep(0.1)
    yield port
    server.terminate()
    server.wait(timeout=10)


def instance(redis_port: int) -> RenewingRedisLockStore:
    # As Rasa builds it from endpoints.yml.
    return RenewingRedisLockStore(EndpointConfig(url=LOOPBACK, port=redis_port, key_prefix="test"))


def test_a_message_keeps_its_lock_for_longer_than_the_lifetime(redis_port):
    # The slow message also keeps its event loop busy all along, as a long
    # stretch of work under load does; the next one runs on another process.
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


TICKETS_PER_INSTANCE = 300


def test_two_instances_issuing_at_once_never_get_the_same_ticket(redis_port):
    tickets = [[], []]

    def issue_many(numbers):
        store = instance(redis_port)
        for _ in range(TICKETS_PER_INSTANCE):
            numbers.append(store.issue_ticket("samtale-3", 60))

    threads = [threading.Thread(target=issue_many, args=(numbers,)) for numbers in tickets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    issued = tickets[0] + tickets[1]
    assert sorted(issued) == list(range(2 * TICKETS_PER_INSTANCE))


def test_a_ticket_is_renewed_only_while_it_is_valid(redis_port):
    store = instance(redis_port)
    ticket = store.issue_ticket("samtale-4", 0.3)
    assert store.renew_ticket("samtale-4", ticket, 0.3)
    time.sleep(0.4)
    assert not store.renew_ticket("samtale-4", ticket, 0.3)


async def test_a_released_lock_leaves_nothing_in_redis(redis_port):
    store = instance(redis_port)
    async with store.lock("samtale-5", LIFETIME, QUICK_POLL):
        assert store.get_lock("samtale-5") is not None
    assert not store.red.exists(store.key_prefix + "samtale-5")


async def test_giving_a_lock_back_leaves_the_ticket_of_the_message_behind_it(redis_port):
    # The quick give-back deletes the lock only if nobody changed it meanwhile.
    store, other_process = instance(redis_port), instance(redis_port)
    async with store.lock("samtale-6", LIFETIME, QUICK_POLL):
        waiting = other_process.issue_ticket("samtale-6", 60)
    assert [t.number for t in other_process.get_lock("samtale-6").tickets] == [waiting]


async def test_a_lock_renewed_while_its_message_is_handled_is_given_back(redis_port):
    store = instance(redis_port)
    async with store.lock("samtale-7", 0.3, QUICK_POLL):
        stored = store.red.get(store.key_prefix + "samtale-7")
        await asyncio.sleep(0.5)  # renewed every 0.1 s meanwhile
        assert store.red.get(store.key_prefix + "samtale-7") != stored
    assert not store.red.exists(store.key_prefix + "samtale-7")


def test_one_store_serves_one_event_loop_after_another(redis_port):
    # Redis's asyncio connections belong to the loop that opened them.
    store = instance(redis_port)

    async def message():
        async with store.lock("samtale-8", LIFETIME, QUICK_POLL):
            pass

    asyncio.run(message())
    asyncio.run(message())
    assert store.get_lock("samtale-8") is None


def test_a_cancelled_message_gives_its_ticket_back(redis_port):
    """The web server gives up on a slow message and Rasa's handler is cancelled:
    the conversation's next message must not wait for the ticket to expire."""
    store = instance(redis_port)

    async def cancelled_while_holding():
        async def hold():
            async with store.lock("samtale-avbrutt", LIFETIME, QUICK_POLL):
                await asyncio.sleep(10)

        task = asyncio.create_task(hold())
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(0.2)  # the shielded clean-up finishes in its thread

    asyncio.run(cancelled_while_holding())
    assert store.get_lock("samtale-avbrutt") is None


def test_the_event_loop_goes_on_while_a_lock_is_taken(redis_port):
    store = instance(redis_port)

    async def lock_and_count_loop_turns():
        turns = 0
        done = False

        async def count():
            nonlocal turns
            while not done:
                turns += 1
                await asyncio.sleep(0)

        counter = asyncio.create_task(count())
        for number in range(20):
            async with store.lock(f"samtale-løkke-{number}", LIFETIME, QUICK_POLL):
                pass
        done = True
        await counter
        return turns

    assert asyncio.run(lock_and_count_loop_turns()) > 20
