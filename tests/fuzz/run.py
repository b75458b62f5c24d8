"""Runs seeded random conversations against the whole assistant, as `make run` serves it.

`python -m bot run` is started with its own database and ports (the real
trained model, the real action server, Rasa through bot.servers.rasa_server behind
the web server); every message goes to the web server's /api/chat. After the
run, the log shows whether Rasa's loop guard tripped in any conversation.
"""

import asyncio
import re
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import aiohttp

from devtools.bench.stack import RunningAssistant, start_assistant
from bot.platform.settings import PROJECT_ROOT
from tests.fuzz.conversations import (
    RESTARTS, Bubble, ConversationPlan, MessagePool, Turn, comparable, replay_script, turn_problem,
)

MODEL = PROJECT_ROOT / "models" / "assistent.tar.gz"
KNOWLEDGE = PROJECT_ROOT / "knowledge"
# Rasa's own warning and bot.rasa_integration.turn_guard's both name the sender.
_TRIPPED = re.compile(r"tripped.*?sender '([^']+)'", re.IGNORECASE)
CONCURRENT = 8
REQUEST_TIMEOUT_SECONDS = 60


@dataclass
class Failure:
    sender: str
    turn: int  # 1-based; 0: the conversation as a whole
    problem: str
    messages: List[str]
    transcript: List[Turn]

    def report(self) -> str:
        lines = [f"Samtale {self.sender}: {self.problem}" + (f" (tur {self.turn})" if self.turn else "")]
        for number, turn in enumerate(self.transcript, start=1):
            lines.append(f"  {number}. > {turn.sent}")
            if turn.status != 200:
                lines.append(f"       < HTTP {turn.status}")
            for bubble in turn.bubbles:
                lines.append("       < " + bubble.text.replace("\n", " ")[:160])
        lines.append("  Spill av: " + replay_script(self.messages))
        return "\n".join(lines)


@dataclass
class FuzzResult:
    conversations: int = 0
    turns: int = 0
    failures: List[Failure] = field(default_factory=list)
    seconds: float = 0.0
    sent: Dict[str, List[str]] = field(default_factory=dict)  # sender -> messages, to replay

    @property
    def broken(self) -> int:
        return len({failure.sender for failure in self.failures})

    def summary(self) -> str:
        return (f"Fuzzing: {self.conversations} samtaler, {self.turns} turer, {self.broken} ødelagte, "
                f"{self.seconds:.0f} s ({self.turns / max(self.seconds, 1e-9):.0f} turer/s).")


def _letters(number: int) -> str:
    """Senders without digits, so no log filter takes them for phone numbers."""
    letters = ""
    while True:
        number, rest = divmod(number, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[rest] + letters
        if number == 0:
            return letters


def sender_for(seed: int, index: int) -> str:
    return f"fuzz-{_letters(seed)}-{_letters(index)}-{uuid.uuid4().hex[:6].replace('0', 'x')}"


class ChatClient:
    def __init__(self, session: aiohttp.ClientSession, web_url: str) -> None:
        self.session, self.url = session, f"{web_url}/api/chat"

    async def send(self, sender: str, message: str) -> Turn:
        async with self.session.post(self.url, json={"sender": sender, "message": message}) as response:
            body = await response.json(content_type=None)
        bubbles = [Bubble.from_json(m) for m in body.get("messages") or []] if response.status == 200 else []
        return Turn(message, response.status, bubbles)


async def play(client: ChatClient, sender: str, messages: Sequence[str]) -> List[Turn]:
    return [await client.send(sender, message) for message in messages]


async def _conversation(client: ChatClient, pool: MessagePool, acute: frozenset, seed: int,
                        index: int, result: FuzzResult) -> None:
    plan = ConversationPlan(pool, seed, index)
    sender = sender_for(seed, index)
    sent = result.sent.setdefault(sender, [])
    transcript: List[Turn] = []
    buttons: Sequence[str] = ()
    restarted = False
    for number in range(1, plan.turns + 1):
        message = plan.next_message(buttons)
        sent.append(message)
        turn = await client.send(sender, message)
        transcript.append(turn)
        result.turns += 1
        problem = turn_problem(turn, acute)
        if problem is None and restarted:
            # A fresh start: the same message in a new conversation gets the same answer.
            fresh = await client.send(sender_for(seed, index) + "-ny", message)
            if comparable(fresh) != comparable(turn):
                problem = "svaret etter «start på nytt» er ikke som i en ny samtale"
        if problem:
            result.failures.append(Failure(sender, number, problem, sent, transcript))
            return
        restarted = message in RESTARTS
        buttons = [payload for bubble in turn.bubbles for payload in bubble.buttons if payload]


def tripped_senders(log_text: str) -> Dict[str, int]:
    found: Dict[str, int] = {}
    for sender in _TRIPPED.findall(log_text):
        found[sender] = found.get(sender, 0) + 1
    return found


async def fuzz(web_url: str, conversations: int, seed: int, log_path: Optional[Path] = None,
               concurrent: int = CONCURRENT) -> FuzzResult:
    pool = MessagePool.load()
    acute = frozenset(pool.acute)
    result = FuzzResult(conversations=conversations)
    log_before = log_path.stat().st_size if log_path else 0
    started = time.monotonic()
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_SECONDS)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        client = ChatClient(session, web_url)
        queue = iter(range(conversations))

        async def worker() -> None:
            for index in queue:
                await _conversation(client, pool, acute, seed, index, result)

        await asyncio.gather(*(worker() for _ in range(concurrent)))
    result.seconds = time.monotonic() - started
    if log_path:
        with open(log_path, errors="replace") as log:
            log.seek(log_before)
            for sender in tripped_senders(log.read()):
                result.failures.append(Failure(sender, 0, "Rasas sikring mot løkker slo til",
                                               result.sent.get(sender, []), []))
    return result


def start(workdir: Path, ports: Optional[int]) -> RunningAssistant:
    """The assistant on free ports, or on ``ports`` (Rasa), +1 (a second Rasa), +10, +20
    and +30 (the Redis for its locks)."""
    env = {} if ports is None else {"RASA_PORT": str(ports), "ACTION_PORT": str(ports + 10),
                                    "WEB_PORT": str(ports + 20), "REDIS_PORT": str(ports + 30)}
    return start_assistant(MODEL, workdir, KNOWLEDGE, env)


def run(conversations: int, seed: int, workdir: Path, ports: Optional[int] = None) -> FuzzResult:
    assistant = start(workdir, ports)
    try:
        return asyncio.run(fuzz(assistant.web_url, conversations, seed, assistant.log_path))
    finally:
        assistant.stop()


def replay(messages: Sequence[str], workdir: Path, ports: Optional[int] = None) -> List[Turn]:
    async def one() -> List[Turn]:
        async with aiohttp.ClientSession() as session:
            return await play(ChatClient(session, assistant.web_url), sender_for(0, 0), messages)

    assistant = start(workdir, ports)
    try:
        return asyncio.run(one())
    finally:
        assistant.stop()
