"""Checks the services the chat depends on: Rasa, the action server, the
database and, where the web server knows it (REDIS_HOST), the Redis that
holds Rasa's conversation locks."""

import asyncio
import json
import time
from pathlib import Path
from typing import Any, Callable, Dict, Optional, Tuple, Union

import aiohttp
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

from bot.platform.redis_probe import redis_answers
from bot.platform.settings import Settings

CHECK_TIMEOUT_SECONDS = 3.0
# The database check waits this long for a lock, so it answers within CHECK_TIMEOUT_SECONDS.
DATABASE_CHECK_WAIT_SECONDS = 1

_probe_metadata = sa.MetaData()
# One row, rewritten by every check: reading alone said «ok» about a database
# that was locked, read-only or full, while no turn could be stored.
_health_probe = sa.Table(
    "health_probe", _probe_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("checked_at", sa.Float, nullable=False),
)
# What the driver's error says, in the words /healthz uses.
_DATABASE_PROBLEMS: Tuple[Tuple[Tuple[str, ...], str], ...] = (
    (("locked", "lock timeout"), "låst"),
    (("readonly", "read-only"), "skrivebeskyttet"),
    (("disk is full", "no space left", "could not extend file"), "full"),
)


def _probe_engine(database_url: str) -> Engine:
    url = sa.engine.make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return sa.create_engine(url, poolclass=NullPool,
                                connect_args={"timeout": DATABASE_CHECK_WAIT_SECONDS})
    if url.get_backend_name() == "postgresql":
        wait_ms = DATABASE_CHECK_WAIT_SECONDS * 1000
        return sa.create_engine(url, poolclass=NullPool, connect_args={
            "connect_timeout": DATABASE_CHECK_WAIT_SECONDS,
            "options": f"-c lock_timeout={wait_ms} -c statement_timeout={wait_ms}"})
    return sa.create_engine(url, poolclass=NullPool)


def database_problem(error: BaseException) -> str:
    text = str(error).lower()
    for needles, problem in _DATABASE_PROBLEMS:
        if any(needle in text for needle in needles):
            return problem
    return "utilgjengelig"


class DatabaseCheck:
    """Writes the probe row as a turn writes the conversation. Blocking calls
    run in a worker thread so the event loop stays free."""

    def __init__(self, database_url: str) -> None:
        self._engine = _probe_engine(database_url)

    async def problem(self) -> Optional[str]:
        """None if the database can be written, else what is wrong («låst», …)."""
        try:
            await asyncio.to_thread(self._write)
        except Exception as error:  # any driver error is a failing database
            return database_problem(error)
        return None

    def close(self) -> None:
        self._engine.dispose()

    def _write(self) -> None:
        with self._engine.begin() as connection:
            _probe_metadata.create_all(connection)
            connection.execute(sa.delete(_health_probe))
            connection.execute(sa.insert(_health_probe).values(id=1, checked_at=time.time()))


async def _answers_ok(session: aiohttp.ClientSession, url: str) -> bool:
    try:
        async with session.get(url) as response:
            return response.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return False


async def _lock_store_answers(settings: Settings) -> Optional[bool]:
    """None when the web server is not told where the locks are. Without
    them Rasa answers no message."""
    if not settings.redis_host:
        return None
    return await asyncio.to_thread(redis_answers, settings.redis_host, settings.redis_port,
                                   CHECK_TIMEOUT_SECONDS)


async def check_components(settings: Settings, database: DatabaseCheck
                           ) -> Dict[str, Optional[str]]:
    """Each component's problem, None where it is fine."""
    timeout = aiohttp.ClientTimeout(total=CHECK_TIMEOUT_SECONDS)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        action_server, database_problem_now, lock_store, *rasa_instances = await asyncio.gather(
            _answers_ok(session, f"{settings.action_url}/health"),
            database.problem(),
            _lock_store_answers(settings),
            *(_answers_ok(session, f"{url}/") for url in settings.rasa_instances),
        )
    problems = {"rasa": None if any(rasa_instances) else "svarer ikke",
                "action_server": None if action_server else "svarer ikke",
                "database": database_problem_now}
    if lock_store is not None:
        problems["lock_store"] = None if lock_store else "svarer ikke"
    return problems


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


def services_restarting(status_file: Optional[Path]) -> Dict[str, Dict[str, Any]]:
    """The services `python -m bot run` is starting again after a crash: for
    each, how long it has been down and how many times it crashed lately."""
    if status_file is None:
        return {}
    try:
        down = json.loads(status_file.read_text(encoding="utf-8"))["nede"]
        now = time.time()
        return {name: {"nede_i_sekunder": round(now - info["nede_siden"], 1),
                       "krasj": info["krasj"]} for name, info in down.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # not written yet, or being replaced
