"""Real PostgreSQL and Redis from Debian packages, started by the test on
loopback with their own data directories and ports, and stopped by it."""

import glob
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from devtools.bench.stack import free_port

DEBIAN_PACKAGES = ["postgresql", "redis-server"]
START_TIMEOUT_SECONDS = 30


def postgres_bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else Path("/nonexistent")


def install_debian_packages() -> None:
    """apt-get install, once per machine; the test runs as root (CI and developers)."""
    if (postgres_bin_dir() / "initdb").exists() and shutil.which("redis-server"):
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *DEBIAN_PACKAGES], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def _as_postgres(*command: str) -> None:
    subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True,
                   stdout=subprocess.DEVNULL)


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yields a SQLAlchemy URL to a new, empty database."""
    bin_dir = postgres_bin_dir()
    # Under /tmp, not pytest's tmp_path: the postgres user must reach it.
    data_dir = Path(tempfile.mkdtemp(prefix="scale-pg-"))
    shutil.chown(data_dir, "postgres", "postgres")
    port = free_port()
    try:
        _as_postgres(str(bin_dir / "initdb"), "-D", str(data_dir), "-A", "trust", "-U", "postgres",
                     "-E", "UTF8")
        _as_postgres(str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-w", "-l",
                     str(data_dir / "server.log"), "-o",
                     f"-p {port} -k {data_dir} -c listen_addresses=127.0.0.1 "
                     "-c max_connections=200", "start")
        try:
            subprocess.run([str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port),
                            "-U", "postgres", "assistent"], check=True)
            yield f"postgresql://postgres@127.0.0.1:{port}/assistent"
        finally:
            _as_postgres(str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-w", "-m", "fast", "stop")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


@contextmanager
def redis_server() -> Iterator[int]:
    """Yields the port of a Redis that keeps nothing on disk."""
    port = free_port()
    work_dir = Path(tempfile.mkdtemp(prefix="scale-redis-"))
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(work_dir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True,
                             text=True).stdout.strip() != "PONG":
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("redis-server startet ikke")
            time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(work_dir, ignore_errors=True)
