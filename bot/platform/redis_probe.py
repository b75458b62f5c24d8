"""Whether a Redis server answers: one PING in Redis's own protocol (RESP).

A raw socket instead of a client library, so the supervisor and the web
server's /healthz load nothing for it."""

import socket

PING = b"*1\r\n$4\r\nPING\r\n"
PONG = b"+PONG"


def redis_answers(host: str, port: int, timeout: float = 2.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout) as connection:
            connection.sendall(PING)
            # A socket connected to itself reads back the PING, not PONG.
            return connection.recv(len(PONG)) == PONG
    except OSError:
        return False
