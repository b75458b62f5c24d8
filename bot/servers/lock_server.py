"""The Redis that `python -m bot run` starts for the conversation locks.

Every Rasa process takes its conversation locks through
bot.rasa_integration.lock_store.RenewingRedisLockStore, as in production,
so a message the web server sends again to the other process (X-Resent)
waits for the first one. Production names a real Redis (REDIS_HOST). On one
machine this starts Redis itself (`redis-server`, Debian's package) when it
is installed, and otherwise fakeredis, which speaks Redis's protocol in
Python, so no Redis needs installing. fakeredis costs about a millisecond of
CPU a message, on the cores that serve the messages. Both listen on
127.0.0.1 only and keep nothing on disk: locks live only while a message is
handled, so keeping them in memory loses nothing a restart would not.

    python -m bot.servers.lock_server --port 6380 [--server auto|redis|fakeredis]
"""

import argparse
import os
import shutil
import socket
import sys
from typing import List, Optional, Tuple

from fakeredis import TcpFakeServer

from bot.platform.settings import LOOPBACK


class LockServer(TcpFakeServer):
    def get_request(self) -> Tuple[socket.socket, Tuple[str, int]]:
        connection, address = super().get_request()
        # As Redis does: a transaction's replies are several small writes, and
        # with Nagle's algorithm each waited for the client's delayed ACK
        # (45 ms a lock change instead of under 1 ms).
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection, address


REDIS_SERVER = "redis-server"


def _port_taken(port: int, error: OSError) -> int:
    print(f"Låsetjeneren fikk ikke port {port} ({error.strerror}). "
          "Velg en annen med REDIS_PORT.", file=sys.stderr)
    return 1


def redis_server_command(program: str, port: int) -> List[str]:
    return [program, "--port", str(port), "--bind", LOOPBACK, "--save", "",
            "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"]


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.servers.lock_server",
                                     description="Redis for låsene til bot run, på 127.0.0.1.")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--server", choices=("auto", "redis", "fakeredis"), default="auto",
                        help="auto: redis-server hvis det er installert, ellers fakeredis")
    arguments = parser.parse_args(argv)
    port = arguments.port
    try:
        with socket.socket() as probe:
            # As Redis and fakeredis bind: connections of a run just stopped, left in TIME_WAIT, do
            # not hold the port; a listener still does.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((LOOPBACK, port))
    except OSError as error:
        return _port_taken(port, error)
    program = shutil.which(REDIS_SERVER) if arguments.server != "fakeredis" else None
    if program:
        print(f"Låsetjener: {program} på port {port}.", flush=True)
        # In this process's place, so the supervisor watches and stops Redis itself.
        os.execv(program, redis_server_command(program, port))
    if arguments.server == "redis":
        print(f"Fant ikke {REDIS_SERVER}. Installer Debian-pakken redis-server, "
              "eller bruk --server fakeredis.", file=sys.stderr)
        return 1
    print(f"Låsetjener: fakeredis på port {port} ({REDIS_SERVER} er ikke installert).", flush=True)
    try:
        server = LockServer((LOOPBACK, port))
    except OSError as error:
        return _port_taken(port, error)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
