"""Before a request reaches the app: slow request heads are cut off, and a
request aiohttp cannot parse gets Norwegian JSON with the security headers."""

import asyncio
import json

import pytest
from aiohttp import web

from bot.web.app import create_app, server_options
from bot.web.security import SECURITY_HEADERS
from bot.web.server import GuardedAppRunner
from web_fakes import closed_port


@pytest.fixture
async def guarded_port(settings, monkeypatch):
    monkeypatch.setattr("bot.web.server.HEAD_TIMEOUT_SECONDS", 0.5)
    runner = GuardedAppRunner(create_app(settings), **server_options())
    await runner.setup()
    port = closed_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield port
    await runner.cleanup()


async def _exchange(port: int, data: bytes, wait: float = 5.0) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(data)
    await writer.drain()
    try:
        return await asyncio.wait_for(reader.read(65536), wait)
    finally:
        writer.close()


def _head_and_body(raw: bytes):
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return lines[0], headers, body


async def test_a_request_head_that_never_ends_is_cut_off(guarded_port):
    started = asyncio.get_running_loop().time()
    answer = await _exchange(guarded_port, b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ", wait=5)
    assert answer == b""  # closed by the server
    assert asyncio.get_running_loop().time() - started < 3


async def test_an_unparsable_request_gets_norwegian_json_with_the_security_headers(guarded_port):
    answer = await _exchange(guarded_port, b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")
    status, headers, body = _head_and_body(answer)
    assert status.split()[1] == "400"
    assert json.loads(body) == {"error": "Vi forsto ikke forespørselen. Prøv igjen."}
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value
    assert "aiohttp" not in headers.get("Server", "")


async def _read_response(reader: asyncio.StreamReader) -> bytes:
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
    length = int(_head_and_body(head)[1]["Content-Length"])
    return head + await asyncio.wait_for(reader.readexactly(length), 5)


async def test_a_normal_request_is_served_after_the_head_deadline(guarded_port):
    reader, writer = await asyncio.open_connection("127.0.0.1", guarded_port)
    try:
        writer.write(b"GET /api/config HTTP/1.1\r\nHost: x\r\n\r\n")
        first = await _read_response(reader)
        await asyncio.sleep(1.0)  # past the head deadline, within keep-alive
        writer.write(b"GET /api/config HTTP/1.1\r\nHost: x\r\n\r\n")
        second = await _read_response(reader)
    finally:
        writer.close()
    assert first.startswith(b"HTTP/1.1 200") and second.startswith(b"HTTP/1.1 200")
