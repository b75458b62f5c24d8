"""Token buckets per conversation and per client address: a short burst is
fine, a steady flood is not. Behind a proxy the client's address comes from
X-Forwarded-For, believed only from the proxies in WEB_TRUSTED_PROXIES."""

import ipaddress
import time
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, Optional

# Forget idle clients so the table cannot grow without bound.
IDLE_SECONDS_BEFORE_FORGET = 600
MAX_TRACKED_CLIENTS = 10_000


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBucketLimiter:
    def __init__(
        self,
        per_minute: int,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.capacity = float(burst)
        self.refill_per_second = per_minute / 60.0
        self._clock = clock
        self._buckets: Dict[str, _Bucket] = {}

    def allow(self, client_key: str) -> bool:
        now = self._clock()
        bucket = self._buckets.get(client_key)
        if bucket is None:
            if len(self._buckets) >= MAX_TRACKED_CLIENTS:
                self._forget_idle(now)
            bucket = self._buckets[client_key] = _Bucket(self.capacity, now)
        else:
            elapsed = now - bucket.updated
            bucket.tokens = min(self.capacity, bucket.tokens + elapsed * self.refill_per_second)
            bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return True
        return False

    def seconds_until_allowed(self, client_key: str) -> int:
        bucket = self._buckets.get(client_key)
        if bucket is None or bucket.tokens >= 1:
            return 0
        return max(1, int((1 - bucket.tokens) / self.refill_per_second + 0.999))

    def _forget_idle(self, now: float) -> None:
        idle = [key for key, b in self._buckets.items()
                if now - b.updated > IDLE_SECONDS_BEFORE_FORGET]
        for key in idle:
            del self._buckets[key]


def _is_address_in(address: str, networks: tuple) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


class ClientAddresses:
    """Finds the address a request came from, seen through trusted proxies."""

    def __init__(self, trusted_proxies: Iterable[str]) -> None:
        self._trusted = tuple(ipaddress.ip_network(proxy, strict=False)
                              for proxy in trusted_proxies)

    def of(self, peer: Optional[str], forwarded_for: str) -> str:
        """``peer`` is the connection's address. Each trusted proxy appends the
        address it got the request from, so the client is the nearest hop
        that is not a trusted proxy; what a client wrote itself further
        left is never read."""
        hop = peer or "ukjent"
        forwarded = [entry.strip() for entry in forwarded_for.split(",") if entry.strip()]
        while _is_address_in(hop, self._trusted) and forwarded:
            hop = forwarded.pop()
        return hop
