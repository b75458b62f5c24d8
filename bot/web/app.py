"""The aiohttp application: chat page, widget script, chat relay, feedback and health."""

import asyncio
import html
import logging
import re
from collections import OrderedDict
from pathlib import Path
from string import Template
from typing import Any, Dict, Optional, Tuple

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from bot.knowledge.model import KnowledgeBase
from bot.knowledge.repository import KnowledgeBaseEmpty, KnowledgeRepository
from bot.safety.name_memory import NameMemory
from bot.safety.redaction import kinds_as_labels
from bot.safety.screening import PRIVACY_NOTICE, screen_message
from bot.platform.settings import Settings
from bot.web.access_log import RouteAccessLogger, access_logger
from bot.web.feedback import FeedbackStore, is_valid_topic
from bot.web.health import (DatabaseCheck, EmptyReplyCounter, check_components,
                            services_restarting)
from bot.web.rasa_client import (NOT_STORED_REPLY, RASA_DOWN_REPLY, STUCK_REPLY,
                                 ConversationNotStored, EmptyReply, RasaClient, RasaUnavailable)
from bot.web.rate_limit import ClientAddresses, TokenBucketLimiter
from bot.web.security import (cors_middleware, error_middleware, json_error,
                              response_headers_hook)

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
# Page templates filled in per request; outside static/ so placeholders are never served.
PAGES_DIR = Path(__file__).resolve().parent / "pages"
# Whole request bodies: room for a 20 000-character message. It goes whole to
# Rasa (acute words may stand at its end), with our "too long" reply first.
REQUEST_BODY_MAX_BYTES = 128 * 1024
# A body that trickles in slower than this holds a connection for nothing.
BODY_READ_TIMEOUT_SECONDS = 10
# Random ids made by the browser (crypto.randomUUID); anything else is refused.
SENDER_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,64}")

SETTINGS = web.AppKey("settings", Settings)
RASA = web.AppKey("rasa_client", RasaClient)
KNOWLEDGE = web.AppKey("knowledge", KnowledgeRepository)
FEEDBACK = web.AppKey("feedback_store", FeedbackStore)
SENDER_LIMITER = web.AppKey("sender_rate_limiter", TokenBucketLimiter)
ADDRESS_LIMITER = web.AppKey("address_rate_limiter", TokenBucketLimiter)
CLIENT_ADDRESSES = web.AppKey("client_addresses", ClientAddresses)
PRIVACY_NOTICED = web.AppKey("privacy_noticed", OrderedDict)
EMPTY_REPLIES = web.AppKey("empty_replies", EmptyReplyCounter)
DATABASE_CHECK = web.AppKey("database_check", DatabaseCheck)
NAMES = web.AppKey("learnt_names", NameMemory)
PRIVACY_NOTICED_MAX = 10_000  # senders remembered; the oldest are forgotten first


async def _read_json_object(request: web.Request) -> Dict[str, Any]:
    if request.content_type != "application/json":
        raise web.HTTPUnsupportedMediaType()
    try:
        body = await asyncio.wait_for(request.json(), BODY_READ_TIMEOUT_SECONDS)
    except asyncio.TimeoutError:
        raise web.HTTPRequestTimeout() from None
    except (ValueError, RecursionError):  # RecursionError: deeply nested JSON
        raise web.HTTPBadRequest() from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest()
    return body


def _rate_limited(limiter: TokenBucketLimiter, client_key: str) -> Optional[web.Response]:
    if limiter.allow(client_key):
        return None
    response = json_error(429)
    response.headers["Retry-After"] = str(limiter.seconds_until_allowed(client_key))
    return response


def _address_rate_limited(request: web.Request) -> Optional[web.Response]:
    """The generous ceiling per address; many users may share one (NAT, proxy)."""
    address = request.app[CLIENT_ADDRESSES].of(
        request.remote, request.headers.get("X-Forwarded-For", ""))
    return _rate_limited(request.app[ADDRESS_LIMITER], address)


async def index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC_DIR / "index.html")


async def widget_script(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC_DIR / "widget.js")


# Glossary entries (knowledge/ordliste.yml) that explain the BTI levels 0-3.
BTI_LEVEL_TERMS = {str(level): f"niva-{level}" for level in range(4)}


def _knowledge_base(request: web.Request) -> Optional[KnowledgeBase]:
    try:
        return request.app[KNOWLEDGE].snapshot()
    except (KnowledgeBaseEmpty, OSError, SQLAlchemyError):
        return None


def _municipality(request: web.Request, kb: Optional[KnowledgeBase]) -> Tuple[bool, str]:
    """(demo, name): the loaded knowledge base decides; the settings only cover the
    time before the first `kb load`, and they default to demo mode (the safe side)."""
    if kb is None:
        settings = request.app[SETTINGS]
        return settings.demo_mode, settings.municipality_name
    return kb.municipality.demo, kb.municipality.name


async def chat_config(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    kb = _knowledge_base(request)
    demo, name = _municipality(request, kb)
    terms = {level: kb.term(term_id) for level, term_id in BTI_LEVEL_TERMS.items()} if kb else {}
    return web.json_response({
        "demo": demo,
        "municipality": name,
        "logo": f"/static/{kb.municipality.logo}" if kb and kb.municipality.logo else "",
        "messageMaxChars": settings.message_max_chars,
        "retentionDays": settings.retention_days,
        "btiLevels": {level: term.explanation for level, term in terms.items() if term},
    })


def _info_page(file_name: str):
    """A page about the service (privacy, accessibility) filled in for this municipality."""
    template = Template((PAGES_DIR / file_name).read_text(encoding="utf-8"))

    async def handler(request: web.Request) -> web.Response:
        demo, name = _municipality(request, _knowledge_base(request))
        page = template.substitute(
            kommune=html.escape(name),
            dager=request.app[SETTINGS].retention_days,
            demo="Dette er en demoversjon. " if demo else "",
        )
        return web.Response(text=page, content_type="text/html", charset="utf-8")

    return handler


def _text_message(text: str) -> Dict[str, Any]:
    return {"text": text, "buttons": []}


def _privacy_notice_due(request: web.Request, sender: str) -> bool:
    """The notice about personal data is given once per conversation."""
    noticed = request.app[PRIVACY_NOTICED]
    if sender in noticed:
        return False
    noticed[sender] = True
    if len(noticed) > PRIVACY_NOTICED_MAX:
        noticed.popitem(last=False)
    return True


async def chat(request: web.Request) -> web.Response:
    refused = _address_rate_limited(request)
    if refused is not None:
        return refused
    body = await _read_json_object(request)
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not SENDER_PATTERN.fullmatch(sender):
        return json_error(400, "Samtalen mangler en gyldig økt. Last siden på nytt.")
    refused = _rate_limited(request.app[SENDER_LIMITER], sender)
    if refused is not None:
        return refused
    if not isinstance(message, str) or not message.strip():
        return json_error(400, "Skriv en melding først.")
    # Redaction is CPU-bound and reads the learnt names from the database: a
    # worker thread does it, so one long message does not stop other users.
    screening = await asyncio.get_running_loop().run_in_executor(
        None, screen_message, message, request.app[SETTINGS].message_max_chars,
        sender, request.app[NAMES])
    if screening.bad_input or screening.personal_data:
        # The log says what kind of input it was, never what it said.
        log.info("Screened message: length=%d bad_input=%s personal_data=%s",
                 len(message), screening.bad_input and screening.bad_input.value,
                 ",".join(kinds_as_labels(screening.personal_data)) or "-")
    messages = [_text_message(notice) for notice in screening.notices]
    if screening.personal_data and _privacy_notice_due(request, sender):
        messages.append(_text_message(PRIVACY_NOTICE))
    if screening.needs_rasa:
        try:
            messages += await request.app[RASA].send(sender, screening.text)
        except ConversationNotStored:
            log.warning("Conversation %s could not be stored; the user is asked to resend",
                        sender)
            return json_error(503, NOT_STORED_REPLY)
        except RasaUnavailable as error:
            log.warning("Rasa unavailable: %s", error)
            return json_error(503, RASA_DOWN_REPLY)
        except EmptyReply:
            # The sender id is a random id from the browser; the text is not logged.
            log.warning("Rasa gave an empty reply for conversation %s", sender)
            request.app[EMPTY_REPLIES].record()
            messages.append(_text_message(STUCK_REPLY))
    return web.json_response({"messages": messages})


async def feedback(request: web.Request) -> web.Response:
    refused = _address_rate_limited(request)
    if refused is not None:
        return refused
    body = await _read_json_object(request)
    topic, useful = body.get("topic"), body.get("useful")
    if not is_valid_topic(topic) or not isinstance(useful, bool):
        return json_error(400, "Tilbakemeldingen kunne ikke leses.")
    try:
        await request.app[FEEDBACK].record(topic, useful)
    except Exception:
        log.exception("Could not store feedback")
        return json_error(503, "Vi klarte ikke å lagre tilbakemeldingen akkurat nå.")
    return web.json_response({"stored": True}, status=201)


async def healthz(request: web.Request) -> web.Response:
    problems = await check_components(request.app[SETTINGS], request.app[DATABASE_CHECK])
    failing = {name: problem for name, problem in problems.items() if problem}
    return web.json_response(
        {"status": "feil" if failing else "ok",
         "components": {name: "feil" if problem else "ok" for name, problem in problems.items()},
         "problems": failing,
         "restarting": services_restarting(request.app[SETTINGS].supervisor_status_file),
         "empty_replies": request.app[EMPTY_REPLIES].report()},
        status=503 if failing else 200,
    )


def create_app(settings: Settings, rasa_client: Optional[RasaClient] = None) -> web.Application:
    allowed_origins = frozenset(settings.cors_origins)
    app = web.Application(
        client_max_size=REQUEST_BODY_MAX_BYTES,
        middlewares=[error_middleware, cors_middleware(allowed_origins)],
    )
    app[SETTINGS] = settings
    app[RASA] = rasa_client or RasaClient(settings.rasa_instances,
                                          shared_secret=settings.rasa_shared_secret)
    app[FEEDBACK] = FeedbackStore(settings.database_url)
    app[KNOWLEDGE] = KnowledgeRepository(settings.database_url)
    app[SENDER_LIMITER] = TokenBucketLimiter(settings.rate_limit_per_minute,
                                             settings.rate_limit_burst)
    app[ADDRESS_LIMITER] = TokenBucketLimiter(settings.address_rate_limit_per_minute,
                                              settings.address_rate_limit_burst)
    app[CLIENT_ADDRESSES] = ClientAddresses(settings.trusted_proxies)
    app[PRIVACY_NOTICED] = OrderedDict()
    app[EMPTY_REPLIES] = EmptyReplyCounter()
    app[DATABASE_CHECK] = DatabaseCheck(settings.database_url)
    app[NAMES] = NameMemory.for_database(settings.database_url)
    app.on_response_prepare.append(response_headers_hook(allowed_origins))

    async def connections(app: web.Application):
        await app[RASA].start()
        yield
        await app[RASA].close()
        app[FEEDBACK].close()
        app[DATABASE_CHECK].close()

    app.cleanup_ctx.append(connections)
    app.router.add_get("/", index)
    app.router.add_get("/widget.js", widget_script)
    app.router.add_static("/static/", STATIC_DIR)
    app.router.add_get("/api/config", chat_config)
    app.router.add_get("/personvern", _info_page("personvern.html"))
    app.router.add_get("/tilgjengelighet", _info_page("tilgjengelighet.html"))
    app.router.add_post("/api/chat", chat)
    app.router.add_post("/api/feedback", feedback)
    app.router.add_get("/healthz", healthz)
    return app


def server_options() -> Dict[str, Any]:
    """How the web server (bot/servers/web_server.py) runs the app, beside host and port.

    The access log leaves out client addresses and query strings
    (bot/web/access_log.py). handler_cancellation: when the browser or proxy
    gives up, the relay to Rasa stops too, so an overloaded Rasa does not
    answer messages nobody waits for.
    """
    return {"access_log_class": RouteAccessLogger, "access_log": access_logger(),
            "handler_cancellation": True}
