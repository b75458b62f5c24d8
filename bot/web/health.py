"""Checks the services the chat depends on: Rasa, the action server and the database."""

import asyncio
import time
from typing import Callable, Dict, Optional, Union

import aiohttp

from bot.settings import Settings
from bot.web.feedback import FeedbackStore

CHECK_TIMEOUT_SECONDS = 3.0


async def _answers_ok(session: aiohttp.ClientSession, url: str) -> bool:
    try:
        async with session.get(url) as response:
            return response.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return False


async def check_components(settings: Settings, feedback_store: FeedbackStore) -> Dict[str, bool]:
    timeout = aiohttp.ClientTimeout(total=CHECK_TIMEOUT_SECONDS)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        action_server, database, *rasa_instances = await asyncio.gather(
            _answers_ok(session, f"{settings.action_url}/health"),
            feedback_store.is_reachable(),
            *(_answers_ok(session, f"{url}/") for url in settings.rasa_instances),
        )
    # The chat works while one Rasa instance answers; the web server fails over.
    return {"rasa": any(rasa_instances), "action_server": action_server, "database": database}


class EmptyReplyCounter:
    """Messages Rasa answered with HTTP 200 and no message: Rasa is up, but the
    conversation is stuck (its loop guard has tripped). Reported by /healthz
    beside the components, not as a failing Rasa."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.total = 0
        self._last: Optional[float] = None

    def record(self) -> None:
        self.total += 1
        self._last = self._clock()

    def report(self) -> Dict[str, Union[int, float, None]]:
        since = None if self._last is None else round(self._clock() - self._last, 1)
        return {"total": self.total, "seconds_since_last": since}
