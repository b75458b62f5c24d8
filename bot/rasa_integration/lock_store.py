"""Rasa's Redis lock store, with each ticket renewed while its message is handled.

Configured in endpoints.yml and deploy/endpoints.production.yml alike (the
Redis of `python -m bot run` is bot/servers/lock_server.py)::

    lock_store:
      type: bot.rasa_integration.lock_store.RenewingRedisLockStore
      url: ${REDIS_HOST}
      port: ${REDIS_PORT}

Why: Rasa gives every message a ticket for its conversation that expires
TICKET_LOCK_LIFETIME seconds after it was issued, however long the message
takes. Under load a message can take longer; its ticket then runs out, the
next message of the same conversation gets in on this or another instance,
and both save the conversation at once. Rasa's SQL tracker store appends
"the events after those already stored", so one of them loses its first
events: a user message is gone and the answers of two turns are mixed
(`make test-scale`, README «Drift med flere instanser»). A longer lifetime
is no cure, because it is also how long a conversation stays blocked by an
instance that died mid-message. Here the lifetime stays short and a live
instance renews its tickets, waiting or working, every third of it.

The renewing runs in a thread of its own: under load Rasa's event loop can
be busy for longer than a lifetime between two turns of a timer, and a
ticket must outlive a slow event loop, not only a dead process.

Rasa also reads a lock, changes it and writes it back in separate steps, so
two instances issuing a ticket at the same moment can overwrite each other.
Every change here is one Redis transaction instead.

Each message takes and gives back its ticket on the event loop with Redis's
asyncio client, in one round trip each in the usual case (nobody else in the
conversation): SET NX stores a fresh lock, and a script deletes it only if it
is still exactly what was stored. Anything else (someone ahead or behind, a
renewed ticket) goes through the transaction. A Redis call in a worker
thread instead cost a thread hand-over and a wait for the interpreter lock
each time, about a quarter of Rasa's time under load.
"""

import asyncio
import json
import logging
import threading
import time
from contextlib import asynccontextmanager
from typing import AsyncGenerator, Callable, Dict, Optional, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis import asyncio as redis_asyncio
from redis.connection import SSLConnection
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

RENEWALS_PER_LIFETIME = 3
RENEWAL_TICK_SECONDS = 0.1
# Deletes the lock only if nobody changed it since this message stored it.
DELETE_IF_UNCHANGED = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""

Result = TypeVar("Result")


class RenewingRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        # Rasa builds custom lock stores from their endpoint configuration.
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)
        # (conversation, ticket) -> (lifetime, when to renew it next)
        self._held: Dict[Tuple[str, int], Tuple[float, float]] = {}
        self._held_guard = threading.Lock()
        self._loop_client: Optional[Tuple[asyncio.AbstractEventLoop, redis_asyncio.Redis]] = None
        threading.Thread(target=self._keep_renewing, name="lock-renewal", daemon=True).start()

    def _client_for_this_loop(self) -> redis_asyncio.Redis:
        """An asyncio client on the same Redis; its connections belong to one event loop."""
        loop = asyncio.get_running_loop()
        if self._loop_client is None or self._loop_client[0] is not loop:
            settings = dict(self.red.connection_pool.connection_kwargs)
            ssl = issubclass(self.red.connection_pool.connection_class, SSLConnection)
            pool = redis_asyncio.ConnectionPool(
                connection_class=redis_asyncio.SSLConnection if ssl else redis_asyncio.Connection,
                **settings)
            self._loop_client = (loop, redis_asyncio.Redis(connection_pool=pool))
        return self._loop_client[1]

    def _change(self, conversation_id: str, change: Callable[[TicketLock], Result]) -> Result:
        """Applies ``change`` to the stored lock atomically (retried if another
        instance changed the lock meanwhile); a lock without tickets is deleted."""
        key = self.key_prefix + conversation_id

        def transaction(pipe) -> Result:  # type: ignore[no-untyped-def]
            stored = pipe.get(key)
            lock = (TicketLock.from_dict(json.loads(stored)) if stored
                    else TicketLock(conversation_id))
            result = change(lock)
            pipe.multi()
            if lock.tickets:
                pipe.set(key, lock.dumps())
            else:
                pipe.delete(key)
            return result

        return self.red.transaction(transaction, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))
        except RedisError as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        self._change(conversation_id, TicketLock.remove_expired_tickets)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def renew_ticket(self, conversation_id: str, ticket_number: int, lock_lifetime: float) -> bool:
        """Moves the ticket's expiry to ``lock_lifetime`` from now. False if it
        has expired already: then another message may have been let in."""
        def renew(lock: TicketLock) -> bool:
            for ticket in lock.tickets:
                if ticket.number == ticket_number and not ticket.has_expired():
                    ticket.expires = time.time() + lock_lifetime
                    return True
            return False

        return self._change(conversation_id, renew)

    def _keep_renewing(self) -> None:
        while True:
            time.sleep(RENEWAL_TICK_SECONDS)
            now = time.monotonic()
            with self._held_guard:
                due = [(key, lifetime) for key, (lifetime, renew_at) in self._held.items()
                       if renew_at <= now]
            for key, lifetime in due:
                try:
                    renewed = self.renew_ticket(*key, lifetime)
                except Exception:  # noqa: BLE001 - this thread must go on
                    # Next tick; the ticket is valid until it expires.
                    log.exception("Could not renew a lock ticket")
                    continue
                with self._held_guard:
                    if key not in self._held:
                        continue  # released meanwhile
                    if renewed:
                        self._held[key] = (lifetime, self._next_renewal(lifetime))
                    else:
                        del self._held[key]
                if not renewed:
                    log.warning("Ticket %s for conversation %s expired before it was renewed",
                                key[1], key[0])

    @staticmethod
    def _next_renewal(lifetime: float) -> float:
        return time.monotonic() + lifetime / RENEWALS_PER_LIFETIME

    async def _issue_ticket(self, conversation_id: str,
                            lock_lifetime: float) -> Tuple[int, TicketLock, Optional[str]]:
        """A new ticket, the lock as it was stored with it, and the stored text if
        this message created the lock (usually nobody holds the conversation: the
        last message's clean-up deleted its lock)."""
        fresh = TicketLock(conversation_id)
        ticket = fresh.issue_ticket(lock_lifetime)
        stored = fresh.dumps()
        try:
            if await self._client_for_this_loop().set(self.key_prefix + conversation_id, stored,
                                                      nx=True):
                return ticket, fresh, stored
            ticket, lock = await asyncio.get_running_loop().run_in_executor(
                None, self._change, conversation_id,
                lambda lock: (lock.issue_ticket(lock_lifetime), lock))
            return ticket, lock, None
        except RedisError as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    async def _give_back(self, conversation_id: str, ticket: int, stored: Optional[str]) -> None:
        if stored is not None:
            deleted = await self._client_for_this_loop().eval(
                DELETE_IF_UNCHANGED, 1, self.key_prefix + conversation_id, stored)
            if deleted:
                return
        await asyncio.get_running_loop().run_in_executor(None, self.cleanup, conversation_id, ticket)

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = 1) -> AsyncGenerator[TicketLock, None]:
        ticket, lock, stored = await self._issue_ticket(conversation_id, lock_lifetime)
        with self._held_guard:
            self._held[(conversation_id, ticket)] = (lock_lifetime, self._next_renewal(lock_lifetime))
        try:
            if lock.is_locked(ticket):
                lock = await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
            yield lock
        finally:
            with self._held_guard:
                self._held.pop((conversation_id, ticket), None)
            # Shielded: a cancelled message still gives its ticket back.
            await asyncio.shield(self._give_back(conversation_id, ticket, stored))
