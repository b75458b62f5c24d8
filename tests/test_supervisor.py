"""The supervisor waits for services that do not answer HTTP yet."""

import socket
import threading

from bot.supervisor import _answers


def _server_that_writes_back(reply_with_request: bool) -> socket.socket:
    """A listener that answers like a socket connected to itself: with the request."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve() -> None:
        connection, _ = listener.accept()
        with connection:
            request = connection.recv(4096)
            connection.sendall(request if reply_with_request else
                               b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")

    threading.Thread(target=serve, daemon=True).start()
    return listener


def test_a_reply_that_is_not_http_counts_as_not_ready():
    with _server_that_writes_back(reply_with_request=True) as listener:
        assert _answers(f"http://127.0.0.1:{listener.getsockname()[1]}/") is False


def test_an_http_answer_counts_as_ready():
    with _server_that_writes_back(reply_with_request=False) as listener:
        assert _answers(f"http://127.0.0.1:{listener.getsockname()[1]}/") is True
