"""Scaling out on standard parts: PostgreSQL for conversations and content,
Redis for the conversation locks (bot/rasa_integration/lock_store.py), two Rasa instances and
two action servers behind our web server. 200 conversations at once; one Rasa
instance is killed and restarted mid-run. Also a message sent again to the
other instance (bot/rasa_integration/rest_channel.py). Run with `make test-scale`."""

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest
from sqlalchemy import create_engine, text

from devtools.bench.load import LoadResult, load_conversations, run_conversations
from devtools.bench.stack import UNLIMITED_RATE, free_port
from bot.safety.redaction import default_redactor
from bot.platform.settings import LOOPBACK, PROJECT_ROOT
from scale_servers import install_debian_packages, postgres_server, redis_server

MODEL = PROJECT_ROOT / "models" / "assistent.tar.gz"
ENDPOINTS = PROJECT_ROOT / "deploy" / "endpoints.production.yml"
CREDENTIALS = PROJECT_ROOT / "deploy" / "credentials.production.yml"
CONVERSATIONS = 200
# The first turns of each script in bench/conversations.yml: enough for the
# guide and direct questions on both sides of the restart, in about two minutes.
TURNS_PER_CONVERSATION = 5
READY_TIMEOUT_SECONDS = 240
RUN_TIME_LIMIT_SECONDS = 240
KILL_AFTER_SECONDS = 10
SHARED_SECRET = "skala-test-hemmelighet"
# Down, then loading its model (15-75 s): longer than the pause between
# turns, so every conversation it served sends at least one turn while it is gone.
DOWN_SECONDS = 12
# People read and type between turns, and they start their conversations at
# different times: 200 conversations then send about 8 messages/s, a third of
# what the two instances handle on a 2-core machine. With 8 s pauses (25/s)
# latency outgrew the web server's 20 s timeout as soon as other jobs ran too.
PAUSE_BETWEEN_TURNS_SECONDS = 24
RAMP_UP_SECONDS = PAUSE_BETWEEN_TURNS_SECONDS
# How long a conversation waits for the lock held by the killed instance.
LOCK_LIFETIME_SECONDS = 8

pytestmark = [
    pytest.mark.skipif(not MODEL.exists(), reason="needs a trained model (make train)"),
    pytest.mark.skipif(os.geteuid() != 0, reason="installs and runs PostgreSQL and Redis as root"),
]


@dataclass
class Service:
    name: str
    command: List[str]
    health_url: str
    env: Dict[str, str]
    log_dir: Path
    process: Optional[subprocess.Popen] = field(default=None)

    def start(self) -> None:
        log = open(self.log_dir / f"{self.name}.log", "a")
        self.process = subprocess.Popen(self.command, cwd=PROJECT_ROOT, env=self.env,
                                        stdout=log, stderr=subprocess.STDOUT)
        log.close()

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.health_url, timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_until_ready(services: List[Service]) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    waiting = list(services)
    while waiting:
        for service in list(waiting):
            if service.process.poll() is not None:
                raise RuntimeError(f"{service.name} stoppet, se {service.log_dir}")
            if service.answers():
                waiting.remove(service)
        if time.monotonic() > deadline:
            raise RuntimeError(f"svarte ikke: {[s.name for s in waiting]}")
        time.sleep(0.5)


@pytest.fixture(scope="module")
def scaled_out(tmp_path_factory):
    install_debian_packages()
    log_dir = tmp_path_factory.mktemp("scale-logs")
    with postgres_server() as database_url, redis_server() as redis_port:
        base_env = dict(os.environ, DATABASE_URL=database_url, PYTHONHASHSEED="0",
                        RASA_SHARED_SECRET=SHARED_SECRET,
                        RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3",
                        SANIC_HOST=LOOPBACK, KNOWLEDGE_DIR=str(PROJECT_ROOT / "knowledge"))
        subprocess.run([sys.executable, "-m", "bot", "kb", "load"], cwd=PROJECT_ROOT,
                       env=base_env, check=True, stdout=subprocess.DEVNULL)
        action_ports = [free_port(), free_port()]
        rasa_ports = [free_port(), free_port()]
        actions = [
            Service(f"action-{i}", [sys.executable, "-m", "actions",
                                    "--actions", "actions", "--port", str(port)],
                    f"http://{LOOPBACK}:{port}/health", base_env, log_dir)
            for i, port in enumerate(action_ports)]
        rasas = [
            Service(f"rasa-{i}", [sys.executable, "-m", "bot.servers.rasa_server", "run",
                                  "--interface", LOOPBACK, "--port", str(port),
                                  "--model", str(MODEL), "--endpoints", str(ENDPOINTS),
                                  "--credentials", str(CREDENTIALS)],
                    f"http://{LOOPBACK}:{port}/",
                    dict(base_env, ACTION_SERVER_URL=f"http://{LOOPBACK}:{action_port}",
                         REDIS_HOST=LOOPBACK, REDIS_PORT=str(redis_port),
                         TICKET_LOCK_LIFETIME=str(LOCK_LIFETIME_SECONDS)),
                    log_dir)
            for i, (port, action_port) in enumerate(zip(rasa_ports, action_ports))]
        web_port = free_port()
        web = Service("web", [sys.executable, "-m", "bot.servers.web_server"],
                      f"http://{LOOPBACK}:{web_port}/healthz",
                      dict(base_env, WEB_PORT=str(web_port), ACTION_PORT=str(action_ports[0]),
                           RASA_URLS=",".join(f"http://{LOOPBACK}:{p}" for p in rasa_ports),
                           WEB_RATE_LIMIT_PER_MINUTE=UNLIMITED_RATE,
                           WEB_RATE_LIMIT_BURST=UNLIMITED_RATE,
                           WEB_ADDRESS_RATE_LIMIT_PER_MINUTE=UNLIMITED_RATE,
                           WEB_ADDRESS_RATE_LIMIT_BURST=UNLIMITED_RATE),
                      log_dir)
        services = [*actions, *rasas, web]
        try:
            for service in services:
                service.start()
            wait_until_ready(services)
            yield database_url, rasas, f"http://{LOOPBACK}:{web_port}/api/chat"
        finally:
            for service in reversed(services):
                service.stop()


@pytest.fixture(scope="module")
def run_with_a_restart(scaled_out):
    """200 conversations at once; one Rasa instance is killed and restarted."""
    database_url, rasas, chat_url = scaled_out
    scripts = load_conversations(PROJECT_ROOT / "bench" / "conversations.yml").scripts
    conversations = [list(scripts[i % len(scripts)].turns[:TURNS_PER_CONVERSATION])
                     for i in range(CONVERSATIONS)]
    victim = rasas[0]

    def kill_and_restart() -> float:
        """Seconds the instance was gone: killed, down, loading its model."""
        time.sleep(KILL_AFTER_SECONDS)
        victim.kill()
        killed = time.monotonic()
        time.sleep(DOWN_SECONDS)
        victim.start()
        wait_until_ready([victim])
        run.back_at = time.monotonic()
        return run.back_at - killed

    async def run() -> LoadResult:
        loop = asyncio.get_running_loop()
        restart = loop.run_in_executor(None, kill_and_restart)
        result = await run_conversations(chat_url, conversations, CONVERSATIONS, "skala",
                                         RUN_TIME_LIMIT_SECONDS, PAUSE_BETWEEN_TURNS_SECONDS,
                                         RAMP_UP_SECONDS)
        run.gone_seconds = await restart
        return result

    started = time.monotonic()
    result = asyncio.run(run())
    finished = time.monotonic()
    # Kept with the service logs (var/scale-test) to compare turns with log lines
    # and with what was stored.
    (victim.log_dir / "turns.json").write_text(json.dumps(
        [{"sender": t.sender, "index": t.index, "message": t.message, "ok": t.ok,
          "seconds": round(t.seconds, 3), "replies": t.replies} for t in result.turns],
        ensure_ascii=False, indent=1))
    (victim.log_dir / "events.json").write_text(json.dumps(stored_events(database_url),
                                                           ensure_ascii=False))
    print(f"\nLogger og svar: {victim.log_dir}")
    failed_over = sum("unreachable" in line for line in
                      (rasas[0].log_dir / "web.log").read_text().splitlines())
    handled_already = sum("was handled already" in line and "skala-" in line for rasa in rasas
                          for line in (rasa.log_dir / f"{rasa.name}.log").read_text().splitlines())
    print(f"\n{failed_over} meldinger flyttet til den andre instansen ({handled_already} av dem "
          "behandlet allerede av den drepte); "
          f"{len(result.turns)} meldinger på {result.wall_seconds:.1f} s "
          f"({result.throughput:.1f}/s), p50 {result.latency_ms(0.5):.0f} ms, "
          f"p99 {result.latency_ms(0.99):.0f} ms; Rasa-instans 1 drept etter "
          f"{KILL_AFTER_SECONDS} s, borte i {run.gone_seconds:.1f} s (klar igjen etter "
          f"{run.back_at - started:.1f} s)")
    return database_url, conversations, result, run.back_at < finished, failed_over


def post_to_rasa(rasa: Service, sender: str, message: str, message_id: str,
                 resent: bool) -> List[Dict[str, Any]]:
    """What the web server sends (bot/web/rasa_client.py), straight to one instance."""
    headers = {"Content-Type": "application/json", "X-Message-Id": message_id,
               "Authorization": f"Bearer {SHARED_SECRET}"}
    if resent:
        headers["X-Resent"] = "1"
    request = urllib.request.Request(
        f"{rasa.health_url}webhooks/rest/webhook", headers=headers,
        data=json.dumps({"sender": sender, "message": message}).encode())
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def test_a_message_handled_just_before_its_instance_died_is_not_handled_again(scaled_out):
    # Instance 0 saved the turn, then went away before the web server had the
    # answer; the web server sends the message again to instance 1.
    database_url, rasas, _ = scaled_out
    post_to_rasa(rasas[0], "igjen-1", "hei", "melding-1", resent=False)
    answer = post_to_rasa(rasas[0], "igjen-1", "hva betyr stafettlogg?", "melding-2", resent=False)

    assert post_to_rasa(rasas[1], "igjen-1", "hva betyr stafettlogg?", "melding-2",
                        resent=True) == answer
    assert stored_user_messages(database_url)["igjen-1"] == ["hei", "hva betyr stafettlogg?"]


def test_a_resent_message_that_was_not_handled_is_handled(scaled_out):
    # Instance 0 died before it saved anything.
    database_url, rasas, _ = scaled_out
    post_to_rasa(rasas[0], "igjen-2", "hei", "melding-3", resent=False)
    answer = post_to_rasa(rasas[1], "igjen-2", "hva betyr stafettlogg?", "melding-4", resent=True)

    assert any("Stafettlogg" in reply.get("text", "") for reply in answer)
    assert stored_user_messages(database_url)["igjen-2"] == ["hei", "hva betyr stafettlogg?"]


def stored_events(database_url: str) -> List[Tuple[str, str, Dict[str, Any]]]:
    """(sender, event type, event) for every stored event, in order."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return [(sender, type_name, json.loads(data)) for sender, type_name, data in
                    connection.execute(text(
                        "SELECT sender_id, type_name, data FROM events ORDER BY id"))]
    finally:
        engine.dispose()


def stored_user_messages(database_url: str) -> Dict[str, List[str]]:
    stored = defaultdict(list)
    for sender, type_name, event in stored_events(database_url):
        if type_name == "user":
            stored[sender].append(event["text"])
    return stored


def test_every_message_is_answered(run_with_a_restart):
    _, conversations, result, _, _ = run_with_a_restart
    assert len(result.turns) == sum(len(turns) for turns in conversations)
    failed = [(t.sender, t.index, t.message) for t in result.turns if not t.ok or not t.replies]
    assert failed == []


def test_conversations_continue_on_the_other_instance(run_with_a_restart):
    *_, failed_over = run_with_a_restart
    assert failed_over > 0, "no turn was sent while the instance was down"


def test_the_killed_instance_came_back_during_the_run(run_with_a_restart):
    _, _, _, back_before_the_end, _ = run_with_a_restart
    assert back_before_the_end


def test_each_conversation_is_stored_complete_and_in_order(run_with_a_restart):
    database_url, conversations, _, _, _ = run_with_a_restart
    redactor = default_redactor()
    stored = stored_user_messages(database_url)
    for number, turns in enumerate(conversations):
        sender = f"skala-{number:05d}"
        assert stored[sender] == [redactor.redact(turn).text for turn in turns], sender


# Answers about opening hours have a line with the time of day
# (bot/dialogue/answers/clock.py), which moves on during the run; it is not conversation state.
CLOCK_LINE = re.compile(r"^Klokka er nå \d{1,2}\.\d{2}, [^\n]*\n?", re.MULTILINE)


def test_conversations_do_not_share_state(run_with_a_restart):
    # The same script must get the same answers in every conversation that ran
    # it; an answer built on another conversation's state would differ.
    _, conversations, result, _, _ = run_with_a_restart
    answers_by_script = defaultdict(set)
    replies = defaultdict(list)
    for turn in sorted(result.turns, key=lambda t: (t.sender, t.index)):
        replies[turn.sender].append(tuple(CLOCK_LINE.sub("", r.get("text", ""))
                                          for r in turn.replies))
    for number, turns in enumerate(conversations):
        answers_by_script[tuple(turns)].add(tuple(replies[f"skala-{number:05d}"]))
    # Per script, the first turn that got different answers, to show on failure.
    differing = []
    for turns, variants in answers_by_script.items():
        for index, message in enumerate(turns):
            answers = {variant[index:index + 1] for variant in variants}
            if len(answers) > 1:
                differing.append((message, answers))
                break
    assert differing == []
