"""Starts Rasa, the action server and the web server, and stops them together.

``make run`` ends here. It prints where to open the chat once every service
answers, and Ctrl-C (or SIGTERM) stops every process it started.
"""

import http.client
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Dict, List, Optional

from bot.content_watcher import ContentWatcher
from bot.knowledge.store import LoadStatus, create_tables
from bot.periodic import PeriodicTask
from bot.safety.logging_filter import install_log_redaction
from bot.safety.retention import SECONDS_PER_DAY, purge_old_events
from bot.settings import LOOPBACK, PROJECT_ROOT, Settings

READY_TIMEOUT_SECONDS = 180
READY_POLL_SECONDS = 0.1
STOP_TIMEOUT_SECONDS = 10


@dataclass
class Service:
    name: str
    command: List[str]
    health_url: str
    process: Optional[subprocess.Popen] = None


def service_environment(settings: Settings) -> Dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "RASA_PORT": str(settings.rasa_port),
            # The web server spreads the conversations over the processes started here.
            "RASA_URLS": ",".join(f"http://{LOOPBACK}:{port}"
                                  for port in settings.started_rasa_ports),
            "ACTION_PORT": str(settings.action_port),
            "WEB_PORT": str(settings.web_port),
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
    return [
        Service(
            name="action-server",
            command=[python, "-m", "bot.safety.action_server_launcher", "--actions", "actions",
                     "--port", str(settings.action_port)],
            health_url=f"{settings.action_url}/health",
        ),
        *(
            Service(
                name="rasa" if settings.rasa_processes == 1 else f"rasa-{number}",
                command=[python, "-m", "bot.rasa_server", "run",
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
            command=[python, "-m", "bot", "web"],
            health_url=f"{settings.web_url}/healthz",
        ),
    ]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status < 500
    # HTTPException: not HTTP, e.g. our own request read back when polling a
    # free port connects the socket to itself (TCP simultaneous open).
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError,
            OSError):
        return False


class Supervisor:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.services = build_services(settings)

    def start(self) -> None:
        env = service_environment(self.settings)
        for service in self.services:
            print(f"Starter {service.name} ...", flush=True)
            service.process = subprocess.Popen(
                service.command, cwd=PROJECT_ROOT, env=env, start_new_session=True
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

    def watch(self) -> int:
        """Blocks until a service dies; returns its exit code."""
        while True:
            for service in self.services:
                code = service.process.poll()
                if code is not None:
                    print(f"{service.name} stoppet (kode {code}). Stopper resten.", file=sys.stderr)
                    return code or 1
            time.sleep(1)

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
              f"REST-kanalen: {settings.rasa_url}/webhooks/rest/webhook\n"
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
