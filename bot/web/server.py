"""The HTTP server around the app: what happens before a request reaches it.

aiohttp waits for a request's head without limit (a client sending one
header byte a minute held a connection for good), and answers a request it
cannot parse itself, in English text, without the app's security headers.
"""

import asyncio
from typing import Any, Optional

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

from bot.web.security import SECURITY_HEADERS, SERVER_HEADER, json_error

# From connecting to a complete request head. Later requests on the same
# connection are bounded by aiohttp's keep-alive timeout (75 s from the end of
# the previous response). It stays longer than clients keep idle connections
# (aiohttp's client: 15 s), so the client closes first and never sends a
# message on a connection the server is closing.
HEAD_TIMEOUT_SECONDS = 10.0


class GuardedRequestHandler(RequestHandler):
    """aiohttp's connection handler with a deadline for the first request head
    and Norwegian JSON for requests that never reach the app."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self._loop.call_later(HEAD_TIMEOUT_SECONDS, self._close_if_no_request)

    def _close_if_no_request(self) -> None:
        if self._request_count == 0 and self.transport is not None:
            self.force_close()

    def handle_error(self, request: web.BaseRequest, status: int = 500,
                     exc: Optional[BaseException] = None,
                     message: Optional[str] = None) -> web.StreamResponse:
        # aiohttp's own answer first: it logs, and refuses if a response has begun.
        super().handle_error(request, status, exc, message)
        response = json_error(status)
        response.headers.update(SECURITY_HEADERS)
        response.headers["Server"] = SERVER_HEADER
        response.force_close()
        return response


class GuardedServer(web.Server):
    def __call__(self) -> RequestHandler:
        return GuardedRequestHandler(self, loop=self._loop, **self._kwargs)


class GuardedAppRunner(web.AppRunner):
    async def _make_server(self) -> web.Server:
        server = await super()._make_server()
        server.__class__ = GuardedServer  # the same server, making guarded handlers
        return server


async def serve_until_stopped(app: web.Application, host: str, port: int,
                              **options: Any) -> None:
    """What web.run_app does, with GuardedAppRunner; SIGINT and SIGTERM stop it."""
    runner = GuardedAppRunner(app, handle_signals=True, **options)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
