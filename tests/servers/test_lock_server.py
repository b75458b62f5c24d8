"""Which Redis `python -m bot run` starts for its locks (bot/servers/lock_server.py):
Redis itself when it is installed, fakeredis otherwise, always on 127.0.0.1."""

import os
import socket
import stat
import subprocess
import sys
import time

from bot.platform.redis_probe import redis_answers
from bot.platform.settings import LOOPBACK, PROJECT_ROOT
from devtools.bench.stack import free_port

START_TIMEOUT_SECONDS = 30


def _fake_redis_server(directory, record):
    """A `redis-server` on PATH that writes down how it was started."""
    program = directory / "redis-server"
    program.write_text(f"#!/bin/sh\necho \"$@\" > {record}\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def _lock_server(port, path, *options):
    return subprocess.run(
        [sys.executable, "-m", "bot.servers.lock_server", "--port", str(port), *options],
        cwd=PROJECT_ROOT, env=dict(os.environ, PATH=path), capture_output=True, text=True,
        timeout=START_TIMEOUT_SECONDS)


def test_installed_redis_is_started_on_loopback_with_nothing_on_disk(tmp_path):
    record = tmp_path / "arguments"
    _fake_redis_server(tmp_path, record)
    port = free_port()

    finished = _lock_server(port, f"{tmp_path}:{os.environ['PATH']}")

    assert finished.returncode == 0, finished.stderr
    arguments = record.read_text().split()
    assert arguments[arguments.index("--port") + 1] == str(port)
    assert arguments[arguments.index("--bind") + 1] == LOOPBACK
    assert arguments[arguments.index("--appendonly") + 1] == "no"
    assert "--save" in arguments


def test_without_redis_installed_fakeredis_answers(tmp_path):
    port = free_port()
    # PATH without redis-server: only the directory of this Python.
    server = subprocess.Popen(
        [sys.executable, "-m", "bot.servers.lock_server", "--port", str(port)], cwd=PROJECT_ROOT,
        env=dict(os.environ, PATH=os.path.dirname(sys.executable)), stdout=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not redis_answers(LOOPBACK, port):
            assert server.poll() is None and time.monotonic() < deadline, "no lock server"
            time.sleep(0.1)
        assert "fakeredis" in server.stdout.readline()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_asking_for_redis_where_it_is_missing_says_how_to_get_it(tmp_path):
    finished = _lock_server(free_port(), os.path.dirname(sys.executable), "--server", "redis")
    assert finished.returncode == 1
    assert "redis-server" in finished.stderr and "fakeredis" in finished.stderr


def test_a_taken_port_is_named_in_norwegian(tmp_path):
    with socket.socket() as taken:
        taken.bind((LOOPBACK, 0))
        taken.listen()
        finished = _lock_server(taken.getsockname()[1], os.environ["PATH"])
    assert finished.returncode == 1
    assert "REDIS_PORT" in finished.stderr


def _port_left_in_time_wait():
    """A port whose listener is gone but whose last connection waits out TIME_WAIT, as after
    `make run` is stopped and started again at once."""
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((LOOPBACK, 0))
        listener.listen()
        port = listener.getsockname()[1]
        client = socket.create_connection((LOOPBACK, port))
        accepted, _ = listener.accept()
        accepted.close()  # the server closes first, so the server's side waits
        client.close()
    return port


def test_a_port_just_given_up_can_be_taken_again_at_once(tmp_path):
    """The lock server said «port taken» for a minute after an evaluation run had stopped."""
    record = tmp_path / "arguments"
    _fake_redis_server(tmp_path, record)
    port = _port_left_in_time_wait()
    with_redis = _lock_server(port, f"{tmp_path}:{os.environ['PATH']}")
    assert with_redis.returncode == 0, with_redis.stderr
    assert record.exists()
