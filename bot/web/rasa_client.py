"""Relays one user message to Rasa's REST channel and tidies up the reply."""

import asyncio
import logging
from typing import Any, Dict, List, Optional

import aiohttp

log = logging.getLogger(__name__)

RASA_DOWN_REPLY = "Assistenten svarer ikke akkurat nå. Er et barn i fare, ring 112."
DEFAULT_TIMEOUT_SECONDS = 20.0


class RasaUnavailable(Exception):
    """Rasa could not be reached or gave an answer we cannot use."""


class RasaClient:
    def __init__(self, base_url: str, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        self.webhook_url = f"{base_url}/webhooks/rest/webhook"
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: Optional[aiohttp.ClientSession] = None

    async def start(self) -> None:
        # One session for the server's lifetime keeps connections pooled.
        self._session = aiohttp.ClientSession(timeout=self._timeout)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def send(self, sender: str, message: str) -> List[Dict[str, Any]]:
        if self._session is None:
            raise RuntimeError("RasaClient.start() must be awaited first")
        try:
            async with self._session.post(
                self.webhook_url, json={"sender": sender, "message": message}
            ) as response:
                if response.status != 200:
                    raise RasaUnavailable(f"Rasa answered HTTP {response.status}")
                payload = await response.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            raise RasaUnavailable(str(error) or type(error).__name__) from error
        if not isinstance(payload, list):
            raise RasaUnavailable("Rasa did not answer with a list")
        return [reply for reply in map(_tidy_reply, payload) if reply]


def _tidy_reply(raw: Any) -> Optional[Dict[str, Any]]:
    """Keeps only what the chat renders: text, buttons and a topic for feedback."""
    if not isinstance(raw, dict):
        return None
    reply: Dict[str, Any] = {}
    if isinstance(raw.get("text"), str) and raw["text"].strip():
        reply["text"] = raw["text"]
    buttons = [
        {"title": b["title"], "payload": b["payload"]}
        for b in raw.get("buttons") or []
        if isinstance(b, dict) and isinstance(b.get("title"), str)
        and isinstance(b.get("payload"), str)
    ]
    if buttons:
        reply["buttons"] = buttons
    custom = raw.get("custom")
    if isinstance(custom, dict) and isinstance(custom.get("topic"), str):
        reply["topic"] = custom["topic"]
    if "text" not in reply and "buttons" not in reply:
        return None
    return reply
