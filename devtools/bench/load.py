"""Replays conversations through the web server's /api/chat and times each turn.

Every loop is bounded: by the number of turns in the scripts and by a deadline.
An error is an HTTP status other than 200 or a transport failure, not an
unexpected answer: the dialogue content is still growing.
"""

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import aiohttp
import yaml

REQUEST_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class Script:
    name: str
    turns: Sequence[str]


@dataclass(frozen=True)
class ContentChange:
    file: str
    replace: str
    with_text: str
    question: str
    expect: str


@dataclass(frozen=True)
class Conversations:
    scripts: Sequence[Script]
    long_conversation: Sequence[str]
    content_change: ContentChange


@dataclass
class Turn:
    sender: str
    index: int  # 1-based position in its conversation
    message: str
    seconds: float
    ok: bool
    replies: List[Dict[str, Any]] = field(default_factory=list)


def load_conversations(path: Path) -> Conversations:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    scripts = [Script(item["name"], tuple(item["turns"])) for item in data["conversations"]]
    change = data["content_change"]
    return Conversations(
        scripts, tuple(data["long_conversation"]),
        ContentChange(change["file"], change["replace"], change["with"], change["question"],
                      str(change["expect"])),
    )


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile; enough for latency tables."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass
class LoadResult:
    turns: List[Turn]
    wall_seconds: float

    @property
    def errors(self) -> int:
        return sum(not turn.ok for turn in self.turns)

    @property
    def throughput(self) -> float:
        return len(self.turns) / self.wall_seconds if self.wall_seconds else 0.0

    def latency_ms(self, fraction: float) -> float:
        return 1000 * percentile([t.seconds for t in self.turns if t.ok], fraction)

    def median_ms_at_turn(self, index: int) -> float:
        values = [t.seconds for t in self.turns if t.ok and t.index == index]
        return 1000 * statistics.median(values) if values else float("nan")


class ChatClient:
    """Posts to one chat URL; ``chat_url`` may point at /api/chat or a Rasa webhook."""

    def __init__(self, chat_url: str, connections: int) -> None:
        self._chat_url = chat_url
        self._connections = connections
        self._session: Optional[aiohttp.ClientSession] = None

    async def __aenter__(self) -> "ChatClient":
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=self._connections),
            timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_SECONDS),
        )
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self._session.close()

    async def send(self, sender: str, index: int, message: str) -> Turn:
        started = time.perf_counter()
        try:
            async with self._session.post(
                self._chat_url, json={"sender": sender, "message": message}
            ) as response:
                body = await response.json(content_type=None)
                ok = response.status == 200
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            body, ok = None, False
        replies = body.get("messages", []) if ok and isinstance(body, dict) else []
        return Turn(sender, index, message, time.perf_counter() - started, ok, replies)

    async def converse(self, sender: str, turns: Sequence[str], deadline: float,
                       pause_seconds: float = 0.0) -> List[Turn]:
        """One conversation, turn by turn, as a person would; stops at the deadline."""
        results = []
        for index, message in enumerate(turns, start=1):
            if time.monotonic() > deadline:
                break
            if index > 1:
                await asyncio.sleep(pause_seconds)
            results.append(await self.send(sender, index, message))
        return results


async def run_conversations(chat_url: str, conversations: Sequence[Sequence[str]],
                            concurrency: int, sender_prefix: str,
                            time_limit_seconds: float, pause_seconds: float = 0.0,
                            ramp_up_seconds: float = 0.0) -> LoadResult:
    """Runs ``conversations`` with at most ``concurrency`` of them at a time.
    Each gets its own sender, ``<prefix>-<number>``; ``pause_seconds`` is the
    time a person takes to read and type between turns, and the first
    conversations start spread over ``ramp_up_seconds``."""
    deadline = time.monotonic() + time_limit_seconds
    queue: "asyncio.Queue[int]" = asyncio.Queue()
    for number in range(len(conversations)):
        queue.put_nowait(number)
    turns: List[Turn] = []

    async with ChatClient(chat_url, concurrency) as client:
        async def worker(number_in_ramp: int) -> None:
            await asyncio.sleep(ramp_up_seconds * number_in_ramp / concurrency)
            while not queue.empty() and time.monotonic() < deadline:
                number = queue.get_nowait()
                sender = f"{sender_prefix}-{number:05d}"
                turns.extend(await client.converse(sender, conversations[number], deadline,
                                                   pause_seconds))

        started = time.perf_counter()
        await asyncio.gather(*(worker(n) for n in range(concurrency)))
        wall = time.perf_counter() - started
    return LoadResult(turns, wall)
