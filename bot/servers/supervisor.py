"""Starts Rasa, the action server and the web server, and stops them together.

``make run`` ends here. It prints where to open the chat once every service
answers, and Ctrl-C (or SIGTERM) stops every process it started. A service
that dies is started again after a pause that doubles with each crash; while
it is down the web server's /healthz says so (the status file below). Only a
service that keeps crashing stops the whole stack.

The Rasa processes are wired as in production (credentials.yml and
endpoints.yml name the same channel and lock store as deploy/): without
REDIS_HOST, the Redis for their locks is one more service started here
(bot/servers/lock_server.py).
"""

import http.client
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

from bot.knowledge.watcher import ContentWatcher
from bot.knowledge.store import LoadStatus, create_tables
from bot.platform.periodic import PeriodicTask
from bot.platform.redis_probe import redis_answers
from bot.safety.logging_filter import install_log_redaction
from bot.safety.retention import SECONDS_PER_DAY, purge_old_events
from bot.platform.settings import LOOPBACK, PROJECT_ROOT, Settings

READY_TIMEOUT_SECONDS = 180
READY_POLL_SECONDS = 0.1
STOP_TIMEOUT_SECONDS = 10
WATCH_POLL_SECONDS = 1.0
# Pauses before a restart: 1, 2, 4 … seconds, at most 30.
RESTART_FIRST_PAUSE_SECONDS = 1.0
RESTART_MAX_PAUSE_SECONDS = 30.0
# This many crashes of one service within the window stop the stack: it will not get better alone.
CRASHES_BEFORE_GIVING_UP = 5
CRASH_WINDOW_SECONDS = 300.0
# The environment variable that tells the web server where to read which
# services are down; one file per supervisor, so two stacks never share one.
STATUS_FILE_VARIABLE = "SUPERVISOR_STATUS_FILE"
# Seconds a conversation stays locked by a Rasa process that died mid-message
# (live ones renew their locks): well below the web server's 20 s timeout, so
# the message it sends again to the other process is still answered in time.
# The same as deploy/rasa.env.example.
TICKET_LOCK_LIFETIME_SECONDS = "10"


def default_status_file() -> Path:
    return PROJECT_ROOT / "var" / f"tjenester-{os.getpid()}.json"


@dataclass
class Service:
    name: str
    command: List[str]
    health_url: str
    process: Optional[subprocess.Popen] = None
    crashes: List[float] = field(default_factory=list)
    # Set while the service is down: when it died, and when it is started again.
    down_since: Optional[float] = None
    restart_at: Optional[float] = None

    def restart_pause(self) -> float:
        pause = RESTART_FIRST_PAUSE_SECONDS * 2 ** (len(self.crashes) - 1)
        return min(RESTART_MAX_PAUSE_SECONDS, pause)


def service_environment(settings: Settings) -> Dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "RASA_PORT": str(settings.rasa_port),
            # The web server spreads the conversations over the processes started here.
            "RASA_URLS": ",".join(f"http://{LOOPBACK}:{port}"
                                  for port in settings.started_rasa_ports),
            "ACTION_PORT": str(settings.action_port),
            # The action server started here, for the web server's /healthz.
            "ACTION_SERVER_URL": f"http://{LOOPBACK}:{settings.action_port}",
            # Between the web server and Rasa's REST channel (credentials.yml); one per run.
            "RASA_SHARED_SECRET": settings.rasa_shared_secret or secrets.token_urlsafe(32),
            "WEB_PORT": str(settings.web_port),
            # The conversation locks (endpoints.yml): the Redis named, or the one started here.
            "REDIS_HOST": settings.redis_host or LOOPBACK,
            "REDIS_PORT": str(settings.redis_port),
            "TICKET_LOCK_LIFETIME": (os.environ.get("TICKET_LOCK_LIFETIME", "").strip()
                                     or TICKET_LOCK_LIFETIME_SECONDS),
            "DATABASE_URL": settings.database_url,
            "KNOWLEDGE_DIR": str(settings.knowledge_dir),
            # rasa-sdk reads its bind address from here; keep it on loopback.
            "SANIC_HOST": LOOPBACK,
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "3",
        }
    )
    return env


def build_services(settings: Settings) -> List[Service]:
    python = sys.executable
    local_redis = [] if settings.redis_host else [
        Service(
            name="lock-server",
            command=[python, "-m", "bot.servers.lock_server", "--port", str(settings.redis_port)],
            health_url=f"redis://{LOOPBACK}:{settings.redis_port}",
        )
    ]
    return [
        *local_redis,
        Service(
            name="action-server",
            command=[python, "-m", "actions", "--actions", "actions",
                     "--port", str(settings.action_port)],
            health_url=f"http://{LOOPBACK}:{settings.action_port}/health",
        ),
        *(
            Service(
                name="rasa" if settings.rasa_processes == 1 else f"rasa-{number}",
                command=[python, "-m", "bot.servers.rasa_server", "run",
                         "--interface", LOOPBACK, "--port", str(port),
                         "--model", str(settings.model_path),
                         "--endpoints", "endpoints.yml",
                         "--credentials", "credentials.yml"],
                health_url=f"http://{LOOPBACK}:{port}/",
            )
            for number, port in enumerate(settings.started_rasa_ports, start=1)
        ),
        Service(
            name="web",
            command=[python, "-m", "bot.servers.web_server"],
            health_url=f"{settings.web_url}/healthz",
        ),
    ]


def _answers(url: str) -> bool:
    """Whether the service at ``url`` (http:// or redis://) answers."""
    if url.startswith("redis://"):
        address = urllib.parse.urlsplit(url)
        return redis_answers(address.hostname, address.port)
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status < 500
    # HTTPException: not HTTP, e.g. our own request read back when polling a
    # free port connects the socket to itself (TCP simultaneous open).
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError,
            OSError):
        return False


class Supervisor:
    def __init__(self, settings: Settings, services: Optional[List[Service]] = None,
                 status_file: Optional[Path] = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self.services = build_services(settings) if services is None else services
        self.status_file = status_file or default_status_file()
        self._clock = clock
        self._env = {**service_environment(settings),
                     STATUS_FILE_VARIABLE: str(self.status_file)}

    def start(self) -> None:
        self._write_status()
        for service in self.services:
            print(f"Starter {service.name} ...", flush=True)
            self._launch(service)

    def _launch(self, service: Service) -> None:
        service.process = subprocess.Popen(
            service.command, cwd=PROJECT_ROOT, env=self._env, start_new_session=True
        )

    def wait_until_ready(self) -> bool:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        waiting = list(self.services)
        while waiting and time.monotonic() < deadline:
            for service in list(waiting):
                if service.process.poll() is not None:
                    print(f"{service.name} stoppet uventet (kode "
                          f"{service.process.returncode}). Se loggen over.", file=sys.stderr)
                    return False
                if _answers(service.health_url):
                    print(f"{service.name} er klar.", flush=True)
                    waiting.remove(service)
            time.sleep(READY_POLL_SECONDS)
        if waiting:
            names = ", ".join(s.name for s in waiting)
            print(f"Ga opp etter {READY_TIMEOUT_SECONDS} s: {names} svarte ikke.", file=sys.stderr)
            return False
        return True

    def watch(self, poll_seconds: float = WATCH_POLL_SECONDS) -> int:
        """Restarts services that die; returns the exit code of one that keeps
        crashing. Ctrl-C and SIGTERM end it with KeyboardInterrupt."""
        while True:
            code = self.check_once()
            if code is not None:
                return code
            time.sleep(poll_seconds)

    def check_once(self) -> Optional[int]:
        """One look at every service; the exit code if the stack must stop."""
        now = self._clock()
        changed = False
        for service in self.services:
            if service.restart_at is not None:
                if now >= service.restart_at:
                    print(f"Starter {service.name} på nytt ...", file=sys.stderr, flush=True)
                    self._launch(service)
                    service.restart_at = None
                continue
            code = service.process.poll()
            if code is not None:
                changed = True
                service.crashes = [t for t in service.crashes
                                   if now - t < CRASH_WINDOW_SECONDS] + [now]
                if len(service.crashes) >= CRASHES_BEFORE_GIVING_UP:
                    print(f"{service.name} stoppet (kode {code}), {len(service.crashes)}. gang "
                          f"på {CRASH_WINDOW_SECONDS:.0f} s. Gir opp og stopper resten.",
                          file=sys.stderr, flush=True)
                    return code or 1
                pause = service.restart_pause()
                service.down_since = service.down_since or now
                service.restart_at = now + pause
                print(f"{service.name} stoppet (kode {code}). Starter den på nytt om "
                      f"{pause:.0f} s.", file=sys.stderr, flush=True)
            elif service.down_since is not None and _answers(service.health_url):
                print(f"{service.name} er oppe igjen.", file=sys.stderr, flush=True)
                service.down_since = None
                changed = True
        if changed:
            self._write_status()
        return None

    def _write_status(self) -> None:
        """The services that are down, for the web server's /healthz."""
        wall_offset = time.time() - self._clock()
        down = {service.name: {"nede_siden": round(service.down_since + wall_offset, 1),
                               "krasj": len(service.crashes)}
                for service in self.services if service.down_since is not None}
        self.status_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.status_file.with_suffix(".tmp")
        temporary.write_text(json.dumps({"nede": down}), encoding="utf-8")
        temporary.replace(self.status_file)

    def stop(self) -> None:
        for service in reversed(self.services):
            if service.process and service.process.poll() is None:
                os.killpg(service.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        for service in self.services:
            if not service.process:
                continue
            try:
                service.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(service.process.pid, signal.SIGKILL)
                service.process.wait()
        self.status_file.unlink(missing_ok=True)


def load_knowledge(watcher: ContentWatcher) -> bool:
    """Loads changed content before start; False when there is nothing usable."""
    result = watcher.poll_once()
    if result.status is LoadStatus.INVALID and result.version is None:
        print("Kunnskapsbasen kan ikke lastes før feilene over er rettet.", file=sys.stderr)
        return False
    return True


def purge_expired_conversations(settings: Settings) -> None:
    report = purge_old_events(settings.database_url, settings.retention_days)
    if report.events_deleted:
        print(f"Slettet {report.events_deleted} hendelser eldre enn {settings.retention_days} "
              f"dager fra {report.conversations_touched} samtaler.", flush=True)


def run_all() -> int:
    install_log_redaction()
    settings = Settings.from_env()
    settings.refuse_overlapping_ports()
    if not settings.model_path.exists():
        print(f"Fant ingen trent modell i {settings.model_path}. Kjør «make run» "
              "(den trener først) eller «make train».", file=sys.stderr)
        return 1
    # Now (with the SQLite folder), as the services and the loader below would otherwise race to create the tables.
    create_tables(settings.database_url)
    watcher = ContentWatcher(settings.knowledge_dir, settings.database_url,
                             interval_seconds=settings.knowledge_poll_seconds)
    supervisor = Supervisor(settings)
    daily_purge = PeriodicTask("Sletting av gamle samtaler", SECONDS_PER_DAY,
                               lambda: purge_expired_conversations(settings))

    def stop_on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_on_signal)
    try:
        # The services take many seconds to import their libraries: load the content meanwhile.
        supervisor.start()
        if not load_knowledge(watcher) or not supervisor.wait_until_ready():
            return 1
        watcher.start()
        print(f"\nAssistenten er klar. Åpne chatten: {settings.web_url}\n"
              f"REST-kanalen: {settings.rasa_url}/webhooks/rest/webhook (krever "
              "«Authorization: Bearer» med RASA_SHARED_SECRET)\n"
              "Trykk Ctrl-C for å stoppe.\n", flush=True)
        purge_expired_conversations(settings)
        daily_purge.start()
        return supervisor.watch()
    except KeyboardInterrupt:
        print("\nStopper assistenten ...", flush=True)
        return 0
    finally:
        daily_purge.stop()
        watcher.stop()
        supervisor.stop()
