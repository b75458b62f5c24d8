"""Rasa's REST channel, where a message sent again is answered but handled
once, and only the web server may send.

Turned on in credentials.yml and deploy/credentials.production.yml; the
address stays /webhooks/rest/webhook. Rasa is reached over the network in
production (rasa-N.kommune.internal:5005), so every message must carry the
shared secret (``shared_secret`` in the credentials file, RASA_SHARED_SECRET
for the web server) as ``Authorization: Bearer <secret>``; any other request
to the webhook is refused with 403.

The web server (bot/web/rasa_client.py) names every message with an id
(header X-Message-Id). When the Rasa instance goes away before answering, it
sends the message to another instance with the same id and X-Resent: 1. The
first instance may have saved the turn just before it died: in `make
test-scale` a Rasa instance killed right after saving got its message
handled a second time by the other one, and the conversation went off track.
For a resent message this channel takes the conversation's lock (so a first
instance that is still alive finishes first) and looks for the id. If the
turn is stored, the answer is worked out again from the conversation as it
stood right after the message, and nothing is saved. Otherwise the message
is handled as usual; so is every message sent once.

When handling fails, the answer is one fault message (bot/platform/relay_faults.py)
instead of whatever was collected so far: the web server then tells the user
the message was not stored, or that something went wrong, instead of
showing half an answer or taking an empty list for a stuck conversation.
"""

import hmac
import itertools
import logging
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.events import UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.platform.relay_faults import FAILED, FAULT_KEY, NOT_STORED
from bot.rasa_integration.tracker_store import ConversationNotStored

log = logging.getLogger(__name__)

MESSAGE_ID_HEADER = "X-Message-Id"
RESENT_HEADER = "X-Resent"


async def answer_resent_message(agent: Agent, message: UserMessage) -> None:
    """Sends the answer to ``message`` to its output channel; handles it
    unless a turn with its id is stored already."""
    processor = agent.processor
    async with agent.lock_store.lock(message.sender_id):
        tracker = await processor.get_tracker(message.sender_id)
        stored_at = [index for index, event in enumerate(tracker.events)
                     if isinstance(event, UserUttered) and event.message_id == message.message_id]
        if not stored_at:
            await processor.handle_message(message)
            return
        log.info("Resent message %s of conversation %s was handled already; answering again",
                 message.message_id, message.sender_id)
        as_it_was = tracker.init_copy()
        for event in itertools.islice(tracker.events, stored_at[-1] + 1):
            as_it_was.update(event)
        # What Rasa's MessageProcessor.handle_message does after logging the
        # message, on a copy that is never saved.
        as_it_was = await processor.run_action_extract_slots(message.output_channel, as_it_was)
        await processor._run_prediction_loop(message.output_channel, as_it_was)


async def handle_reporting_faults(message: UserMessage,
                                  handle: Callable[[UserMessage], Awaitable[Any]]) -> None:
    """Runs ``handle``; on failure the collected answer is one fault message."""
    try:
        await handle(message)
        return
    except ConversationNotStored as error:
        fault = NOT_STORED
        log.error("Conversation %s could not be stored: %s", message.sender_id, error)
    except Exception:
        fault = FAILED
        log.exception("Handling a message of conversation %s failed", message.sender_id)
    output = message.output_channel
    if isinstance(output, CollectingOutputChannel) and isinstance(output.messages, list):
        output.messages[:] = [{"recipient_id": message.sender_id, "custom": {FAULT_KEY: fault}}]


class ResendableRestInput(RestInput):
    def __init__(self, shared_secret: str) -> None:
        if not shared_secret:
            raise ValueError("REST-kanalen mangler shared_secret (RASA_SHARED_SECRET) i "
                             "credentials-fila: uten den kan hvem som helst på nettet sende "
                             "meldinger til Rasa.")
        self._expected_authorization = f"Bearer {shared_secret}".encode("utf-8")

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> "ResendableRestInput":
        return cls(str((credentials or {}).get("shared_secret") or ""))

    def is_authorized(self, authorization: Optional[str]) -> bool:
        return hmac.compare_digest((authorization or "").encode("utf-8"),
                                   self._expected_authorization)

    def get_metadata(self, request: Request) -> Optional[Dict[str, Any]]:
        # Rasa hands the request to this method only; blueprint() takes these
        # out of the message again before Rasa would store them.
        return {"message_id": request.headers.get(MESSAGE_ID_HEADER),
                "resent": request.headers.get(RESENT_HEADER) == "1"}

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def handle(message: UserMessage) -> None:
            sent = message.metadata
            message.metadata = None
            if sent["message_id"]:
                message.message_id = sent["message_id"]
            if sent["resent"]:
                agent = next(iter(webhook.apps)).ctx.agent
                await handle_reporting_faults(
                    message, lambda resent: answer_resent_message(agent, resent))
            else:
                await handle_reporting_faults(message, on_new_message)

        webhook = super().blueprint(handle)

        @webhook.middleware("request")
        async def require_shared_secret(request: Request) -> Optional[HTTPResponse]:
            if request.method == "POST" and not self.is_authorized(
                    request.headers.get("Authorization")):
                log.warning("Refused a message without the shared secret")
                return response.json({"error": "forbidden"}, status=403)
            return None

        return webhook
