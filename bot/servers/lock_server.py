"""The Redis that `python -m bot run` starts for the conversation locks.

Every Rasa process takes its conversation locks through
bot.rasa_integration.lock_store.RenewingRedisLockStore, as in production,
so a message the web server sends again to the other process (X-Resent)
waits for the first one. Production names a real Redis (REDIS_HOST); on one
machine this is fakeredis speaking Redis's protocol on 127.0.0.1, so no Redis
needs installing. Locks live only while a message is handled, so keeping
them in memory loses nothing a restart would not.

    python -m bot.servers.lock_server --port 6380
"""

import argparse
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


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.servers.lock_server",
                                     description="Redis for låsene til bot run, på 127.0.0.1.")
    parser.add_argument("--port", type=int, required=True)
    port = parser.parse_args(argv).port
    try:
        server = LockServer((LOOPBACK, port))
    except OSError as error:
        print(f"Låsetjeneren fikk ikke port {port} ({error.strerror}). "
              "Velg en annen med REDIS_PORT.", file=sys.stderr)
        return 1
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
