"""Starts the whole assistant (`python -m bot run`) on free loopback ports and
finds its three services, so a benchmark can time and weigh them."""

import os
import random
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from bot.platform.settings import LOOPBACK, PROJECT_ROOT

READY_LINE = "Assistenten er klar"
START_TIMEOUT_SECONDS = 240
STOP_TIMEOUT_SECONDS = 30
# How each service shows up in its command line (see bot/servers/supervisor.py).
SERVICE_MARKERS = {
    "rasa": "-m bot.servers.rasa_server",
    "action-server": "-m actions",
    "web": "-m bot.servers.web_server",
}
# Room for as many Rasa processes as `bot run` may start (RASA_PROCESSES, at most 8).
RASA_PORT_RUN = 8
# The benchmark sends every message from 127.0.0.1; the per-client limit
# would otherwise measure the rate limiter instead of the assistant.
UNLIMITED_RATE = "1000000"


# Ports for servers are taken below the kernel's range for outgoing
# connections: a port from that range can be taken by a client socket between
# the check and the server's bind, and polling a server that is not up yet can
# connect a socket to itself on its own port (TCP simultaneous open), which then
# holds the port. Both stopped a benchmark here.
SERVER_PORTS_FROM = 20000
EPHEMERAL_RANGE_FILE = Path("/proc/sys/net/ipv4/ip_local_port_range")


def _first_ephemeral_port() -> int:
    try:
        return int(EPHEMERAL_RANGE_FILE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768  # Linux's default


def _is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((LOOPBACK, port))
        except OSError:
            return False
    return True


def free_port_run(count: int) -> int:
    """The first of ``count`` free ports in a row (Rasa's processes use RASA_PORT and on)."""
    last_first = _first_ephemeral_port() - count
    if last_first <= SERVER_PORTS_FROM:
        raise RuntimeError("Fant ingen ledige porter under området for utgående tilkoblinger.")
    while True:
        first = random.randint(SERVER_PORTS_FROM, last_first)
        if all(_is_free(port) for port in range(first, first + count)):
            return first


def free_port() -> int:
    return free_port_run(1)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _children(pid: int) -> list:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _descendants(pid: int) -> list:
    found, todo = [], [pid]
    while todo:
        for child in _children(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def peak_resident_mb(pid: int) -> Optional[float]:
    """Peak resident memory (VmHWM) of a process and everything it started, in MB."""
    total_kb = 0
    for process in [pid, *_descendants(pid)]:
        try:
            status = Path(f"/proc/{process}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024 if total_kb else None


@dataclass
class RunningAssistant:
    process: subprocess.Popen
    web_url: str
    log_path: Path
    startup_seconds: float

    def service_pids(self) -> Dict[str, List[int]]:
        """Each service's processes; Rasa may run as several (RASA_PROCESSES)."""
        pids: Dict[str, List[int]] = {}
        for child in _children(self.process.pid):
            command = _cmdline(child)
            for name, marker in SERVICE_MARKERS.items():
                if marker in command:
                    pids.setdefault(name, []).append(child)
        return pids

    def peak_memory_mb(self) -> Dict[str, Optional[float]]:
        """The largest peak among each service's processes: the targets are per server."""
        peaks: Dict[str, Optional[float]] = {}
        for name, pids in self.service_pids().items():
            measured = [mb for mb in map(peak_resident_mb, pids) if mb is not None]
            peaks[name] = max(measured, default=None)
        return peaks

    def stop(self) -> None:
        """Ctrl-C, as a user would; the supervisor stops its services."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                for pids in self.service_pids().values():
                    for pid in pids:
                        os.kill(pid, signal.SIGKILL)
                self.process.kill()
                self.process.wait()


def start_assistant(model: Path, workdir: Path, knowledge_dir: Path,
                    extra_env: Optional[Dict[str, str]] = None) -> RunningAssistant:
    """Starts `python -m bot run` with its own ports and database under ``workdir``."""
    workdir.mkdir(parents=True, exist_ok=True)
    # ``extra_env`` wins, so a caller with its own port range can set the ports.
    env = dict(
        os.environ,
        RASA_PORT=str(free_port_run(RASA_PORT_RUN)), ACTION_PORT=str(free_port()), WEB_PORT=str(free_port()),
        REDIS_PORT=str(free_port()),
        DATABASE_URL=f"sqlite:///{workdir / 'assistent.db'}", MODEL_PATH=str(model),
        KNOWLEDGE_DIR=str(knowledge_dir), PYTHONHASHSEED="0",
        WEB_RATE_LIMIT_PER_MINUTE=UNLIMITED_RATE, WEB_RATE_LIMIT_BURST=UNLIMITED_RATE,
        WEB_ADDRESS_RATE_LIMIT_PER_MINUTE=UNLIMITED_RATE,
        WEB_ADDRESS_RATE_LIMIT_BURST=UNLIMITED_RATE,
    )
    env.update(extra_env or {})  # may also set the ports
    web_port = int(env["WEB_PORT"])
    log_path = workdir / "run.log"
    started = time.monotonic()
    with open(log_path, "w") as log:
        process = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=PROJECT_ROOT,
                                   env=env, stdout=log, stderr=subprocess.STDOUT)
    assistant = RunningAssistant(process, f"http://{LOOPBACK}:{web_port}", log_path, 0.0)
    deadline = started + START_TIMEOUT_SECONDS
    while READY_LINE not in log_path.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            assistant.stop()
            raise RuntimeError("Assistenten startet ikke:\n" + log_path.read_text()[-3000:])
        time.sleep(0.1)
    assistant.startup_seconds = time.monotonic() - started
    return assistant
