"""Relays one user message to Rasa's REST channel and tidies up the reply.

With several Rasa instances (RASA_URLS) each conversation has its own
instance, chosen by hashing the sender, so its turns go to one instance at a
time and in order. When that instance cannot be reached or goes away before
answering, the message goes to the next one: all instances share the tracker
store, and the lock store (bot/rasa_integration/lock_store.py) keeps two instances from
handling one conversation at once. The message may have been handled just
before its instance went away, so it keeps its id (X-Message-Id) and is
marked as sent again (X-Resent); bot/rasa_integration/rest_channel.py then answers it without
handling it twice. Every message carries the shared secret the REST channel
requires (RASA_SHARED_SECRET).

Three answers are not replies: a fault message (bot/platform/relay_faults.py: the
message was not stored, or handling it failed), and an empty list, which
means Rasa is up but the conversation is stuck (EmptyReply).
"""

import asyncio
import logging
import uuid
import zlib
from typing import Any, Dict, List, Optional, Sequence, Union

import aiohttp

from bot.platform.relay_faults import FAULT_KEY, NOT_STORED
from bot.web.security import EMERGENCY_NUMBERS

log = logging.getLogger(__name__)

RASA_DOWN_REPLY = f"Assistenten svarer ikke akkurat nå. {EMERGENCY_NUMBERS}"
# Rasa could not read or store the conversation (bot/platform/relay_faults.py).
NOT_STORED_REPLY = ("Meldingen din ble ikke lagret, så jeg kunne ikke svare på den. "
                    f"Send den gjerne igjen om litt. {EMERGENCY_NUMBERS}")
# Rasa handled the message and had nothing to say: its loop guard has tripped.
# Typing «start på nytt» goes to the same stuck conversation; the button makes a new one.
STUCK_REPLY = ("Jeg klarte ikke å svare på det. Trykk på knappen «Start på nytt», "
               f"så begynner vi på en ny samtale. {EMERGENCY_NUMBERS}")
DEFAULT_TIMEOUT_SECONDS = 20.0
# As in bot/rasa_integration/rest_channel.py, which is not imported here: it loads Rasa.
MESSAGE_ID_HEADER = "X-Message-Id"
RESENT_HEADER = "X-Resent"


class RasaUnavailable(Exception):
    """Rasa could not be reached or gave an answer we cannot use."""


class InstanceUnreachable(RasaUnavailable):
    """No connection to one Rasa instance, or it went away mid-request."""


class ConversationNotStored(RasaUnavailable):
    """Rasa is up, but could not read or store the conversation (a database fault)."""


class EmptyReply(Exception):
    """Rasa answered HTTP 200 with no message: the conversation is stuck, Rasa is up."""


class RasaClient:
    def __init__(self, base_urls: Union[str, Sequence[str]],
                 timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
                 shared_secret: str = "") -> None:
        urls = [base_urls] if isinstance(base_urls, str) else list(base_urls)
        if not urls:
            raise ValueError("RasaClient needs at least one Rasa URL")
        self.webhook_urls = [f"{url.rstrip('/')}/webhooks/rest/webhook" for url in urls]
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        # Rasa's REST channel refuses a message without it (bot/rasa_integration/rest_channel.py).
        self._headers = {"Authorization": f"Bearer {shared_secret}"} if shared_secret else {}
        self._session: Optional[aiohttp.ClientSession] = None

    async def start(self) -> None:
        # One session for the server's lifetime keeps connections pooled.
        self._session = aiohttp.ClientSession(timeout=self._timeout, headers=self._headers)

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
            fault = _fault_in(payload)
            if fault == NOT_STORED:
                raise ConversationNotStored()
            if fault is not None:
                raise RasaUnavailable("Rasa could not handle the message")
            replies = _tidy_replies(payload)
            if not replies:
                raise EmptyReply()
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


def _fault_in(payload: List[Any]) -> Optional[str]:
    """The fault bot/rasa_integration/rest_channel.py reported instead of an answer, if any."""
    for raw in payload:
        custom = raw.get("custom") if isinstance(raw, dict) else None
        if isinstance(custom, dict) and isinstance(custom.get(FAULT_KEY), str):
            return custom[FAULT_KEY]
    return None


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
    return reply or None


def _tidy_replies(payload: List[Any]) -> List[Dict[str, Any]]:
    """Rasa sends a response's ``custom`` part as a message of its own, after the
    text; its flags (topic, feedback) go with that text rather than becoming an
    empty bubble."""
    replies: List[Dict[str, Any]] = []
    for reply in filter(None, map(_tidy_reply, payload)):
        if replies and "text" not in reply and "buttons" not in reply:
            replies[-1].update(reply)
        else:
            replies.append(reply)
    return replies
