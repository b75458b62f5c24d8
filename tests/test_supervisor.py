"""The supervisor waits for services that do not answer HTTP yet, and starts
a dead one again instead of stopping the stack."""

import http.server
import json
import signal
import socket
import sys
import threading
from pathlib import Path
from typing import Optional

import pytest

from bot.platform.settings import Settings
from bot.servers.supervisor import CRASHES_BEFORE_GIVING_UP, Service, Supervisor, _answers


def _server_that_replies(reply: Optional[bytes]) -> socket.socket:
    """A listener that answers ``reply``, or with the request as a socket
    connected to itself does when ``reply`` is None."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve() -> None:
        connection, _ = listener.accept()
        with connection:
            request = connection.recv(4096)
            connection.sendall(request if reply is None else reply)

    threading.Thread(target=serve, daemon=True).start()
    return listener


@pytest.mark.parametrize("scheme, reply, ready", [
    ("http", None, False),
    ("http", b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", True),
    # The lock server (bot/servers/lock_server.py) speaks Redis's protocol.
    ("redis", None, False),
    ("redis", b"-ERR unknown command\r\n", False),
    ("redis", b"+PONG\r\n", True),
])
def test_a_service_counts_as_ready_only_with_the_answer_of_its_protocol(scheme, reply, ready):
    with _server_that_replies(reply) as listener:
        assert _answers(f"{scheme}://127.0.0.1:{listener.getsockname()[1]}/") is ready


SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]
CRASHER = [sys.executable, "-c", "import sys; sys.exit(3)"]


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def health_server():
    class Healthy(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Healthy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/health"
    server.shutdown()


def _supervisor(tmp_path: Path, command, health_url: str, clock: FakeClock) -> Supervisor:
    settings = Settings(rasa_port=25001, action_port=25002, web_port=25003,
                        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
                        model_path=tmp_path / "model", knowledge_dir=tmp_path)
    service = Service("action-server", command, health_url)
    return Supervisor(settings, services=[service], status_file=tmp_path / "status.json",
                      clock=clock)


def _down(supervisor: Supervisor) -> dict:
    return json.loads(supervisor.status_file.read_text())["nede"]


def _wait_for_exit(service: Service) -> None:
    service.process.wait(timeout=30)


def test_a_dead_service_is_restarted_after_a_pause_and_shown_as_down(
        tmp_path, health_server, capsys):
    clock = FakeClock()
    supervisor = _supervisor(tmp_path, SLEEPER, health_server, clock)
    supervisor.start()
    try:
        [service] = supervisor.services
        first = service.process
        first.send_signal(signal.SIGKILL)
        _wait_for_exit(service)

        assert supervisor.check_once() is None  # the stack keeps running
        assert _down(supervisor)["action-server"]["krasj"] == 1
        assert "action-server stoppet (kode -9). Starter den på nytt om 1 s." \
            in capsys.readouterr().err
        clock.now += 0.5
        supervisor.check_once()
        assert service.process is first  # still pausing
        clock.now += 0.6
        supervisor.check_once()
        assert service.process is not first and service.process.poll() is None
        supervisor.check_once()  # it answers its health check
        assert _down(supervisor) == {}
        assert "action-server er oppe igjen." in capsys.readouterr().err
    finally:
        supervisor.stop()
    assert not supervisor.status_file.exists()


def test_the_pause_doubles_and_repeated_crashes_stop_the_stack(tmp_path, health_server, capsys):
    clock = FakeClock()
    supervisor = _supervisor(tmp_path, CRASHER, health_server, clock)
    supervisor.start()
    [service] = supervisor.services
    pauses, code = [], None
    try:
        while code is None:
            _wait_for_exit(service)
            code = supervisor.check_once()
            if code is None:
                pauses.append(service.restart_at - clock.now)
                clock.now = service.restart_at
                supervisor.check_once()  # starts it again
    finally:
        supervisor.stop()
    assert pauses == [1, 2, 4, 8][:CRASHES_BEFORE_GIVING_UP - 1]
    assert code == 3
    assert "Gir opp" in capsys.readouterr().err


def test_crashes_long_apart_never_stop_the_stack(tmp_path, health_server):
    clock = FakeClock()
    supervisor = _supervisor(tmp_path, CRASHER, health_server, clock)
    supervisor.start()
    [service] = supervisor.services
    try:
        for _ in range(2 * CRASHES_BEFORE_GIVING_UP):
            _wait_for_exit(service)
            assert supervisor.check_once() is None
            clock.now = service.restart_at + 600  # an hour-long quiet spell, in effect
            supervisor.check_once()
    finally:
        supervisor.stop()
