"""Test doubles for the web server tests: a fake Rasa and a port nobody listens on."""

from typing import Any, Dict, List

from aiohttp import web

from devtools.bench.stack import free_port

SENDER = "test-session-0001"


class FakeRasa:
    """Records what the relay sent and answers with whatever the test set."""

    def __init__(self) -> None:
        self.received: List[Dict[str, Any]] = []
        self.authorizations: List[Any] = []
        self.reply: Any = [{"recipient_id": SENDER, "text": "Hei! Hva gjelder det?"}]
        self.status = 200

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self.webhook)
        app.router.add_get("/", self.hello)
        app.router.add_get("/health", self.action_health)
        return app

    async def webhook(self, request: web.Request) -> web.Response:
        self.received.append(await request.json())
        self.authorizations.append(request.headers.get("Authorization"))
        return web.json_response(self.reply, status=self.status)

    async def hello(self, request: web.Request) -> web.Response:
        return web.Response(text="Hello from Rasa: 3.6.21")

    async def action_health(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})


def closed_port() -> int:
    """A loopback port nobody listens on, below the range a client socket may
    take (a port from that range can connect to itself and seem to answer)."""
    return free_port()
