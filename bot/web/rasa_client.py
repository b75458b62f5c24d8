"""Relays one user message to Rasa's REST channel and tidies up the reply.

With several Rasa instances (RASA_URLS) each conversation has its own
instance, chosen by hashing the sender, so its turns go to one instance at a
time and in order. When that instance cannot be reached or goes away before
answering, the message goes to the next one: all instances share the tracker
store, and the lock store (bot/lock_store.py) keeps two instances from
handling one conversation at once. The message may have been handled just
before its instance went away, so it keeps its id (X-Message-Id) and is
marked as sent again (X-Resent); bot/rest_channel.py then answers it without
handling it twice.
"""

import asyncio
import logging
import uuid
import zlib
from typing import Any, Dict, List, Optional, Sequence, Union

import aiohttp

log = logging.getLogger(__name__)

RASA_DOWN_REPLY = "Assistenten svarer ikke akkurat nå. Er et barn i fare, ring 112."
DEFAULT_TIMEOUT_SECONDS = 20.0
# As in bot/rest_channel.py, which is not imported here: it loads Rasa.
MESSAGE_ID_HEADER = "X-Message-Id"
RESENT_HEADER = "X-Resent"


class RasaUnavailable(Exception):
    """Rasa could not be reached or gave an answer we cannot use."""


class InstanceUnreachable(RasaUnavailable):
    """No connection to one Rasa instance, or it went away mid-request."""


class RasaClient:
    def __init__(self, base_urls: Union[str, Sequence[str]],
                 timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        urls = [base_urls] if isinstance(base_urls, str) else list(base_urls)
        if not urls:
            raise ValueError("RasaClient needs at least one Rasa URL")
        self.webhook_urls = [f"{url.rstrip('/')}/webhooks/rest/webhook" for url in urls]
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: Optional[aiohttp.ClientSession] = None

    async def start(self) -> None:
        # One session for the server's lifetime keeps connections pooled.
        self._session = aiohttp.ClientSession(timeout=self._timeout)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def webhooks_for(self, sender: str) -> List[str]:
        """The sender's own instance first, then the others in a fixed order."""
        first = zlib.crc32(sender.encode("utf-8")) % len(self.webhook_urls)
        return self.webhook_urls[first:] + self.webhook_urls[:first]

    async def send(self, sender: str, message: str) -> List[Dict[str, Any]]:
        if self._session is None:
            raise RuntimeError("RasaClient.start() must be awaited first")
        headers = {MESSAGE_ID_HEADER: uuid.uuid4().hex}
        unreachable: List[str] = []
        for webhook_url in self.webhooks_for(sender):
            try:
                payload = await self._post(webhook_url, sender, message, headers)
            except InstanceUnreachable as error:
                # Only a lost connection moves on: after a timeout or an HTTP
                # error the instance may still be handling the message.
                log.warning("Rasa instance %s unreachable: %s", webhook_url, error)
                unreachable.append(str(error))
                headers = {**headers, RESENT_HEADER: "1"}
                continue
            replies = [reply for reply in map(_tidy_reply, payload) if reply]
            if not replies:
                # Rasa's REST channel answers [] when handling the message
                # failed (a lock or database error, say); say so instead of nothing.
                raise RasaUnavailable("Rasa answered without a message")
            return replies
        raise RasaUnavailable("; ".join(unreachable))

    async def _post(self, webhook_url: str, sender: str, message: str,
                    headers: Dict[str, str]) -> List[Any]:
        try:
            async with self._session.post(
                webhook_url, json={"sender": sender, "message": message}, headers=headers
            ) as response:
                if response.status != 200:
                    raise RasaUnavailable(f"Rasa answered HTTP {response.status}")
                payload = await response.json(content_type=None)
        except asyncio.TimeoutError as error:  # also aiohttp's ServerTimeoutError
            raise RasaUnavailable("Rasa did not answer in time") from error
        except aiohttp.ClientConnectionError as error:
            raise InstanceUnreachable(str(error) or type(error).__name__) from error
        except (aiohttp.ClientError, ValueError) as error:
            raise RasaUnavailable(str(error) or type(error).__name__) from error
        if not isinstance(payload, list):
            raise RasaUnavailable("Rasa did not answer with a list")
        return payload


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
    if isinstance(custom, dict) and custom.get("feedback") is False:
        # After an emergency reply or a violence outcome: no «Var dette nyttig?».
        reply["feedback"] = False
    if "text" not in reply and "buttons" not in reply and "feedback" not in reply:
        return None
    return reply
