"""The aiohttp application: chat page, widget script, chat relay, feedback and health."""

import asyncio
import logging
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any, Dict, Optional

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from bot.knowledge.repository import KnowledgeBaseEmpty, KnowledgeRepository
from bot.safety.logging_filter import install_log_redaction
from bot.safety.name_memory import NameMemory
from bot.safety.redaction import kinds_as_labels
from bot.safety.screening import PRIVACY_NOTICE, screen_message
from bot.settings import Settings
from bot.web.access_log import RouteAccessLogger, access_logger
from bot.web.feedback import FeedbackStore, is_valid_topic
from bot.web.health import check_components
from bot.web.rasa_client import RASA_DOWN_REPLY, RasaClient, RasaUnavailable
from bot.web.rate_limit import TokenBucketLimiter
from bot.web.security import (cors_middleware, error_middleware, json_error,
                              response_headers_hook)

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
# Whole request bodies: room for a 20 000-character message. It goes whole to
# Rasa (acute words may stand at its end), with our "too long" reply first.
REQUEST_BODY_MAX_BYTES = 128 * 1024
# Random ids made by the browser (crypto.randomUUID); anything else is refused.
SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")

SETTINGS = web.AppKey("settings", Settings)
RASA = web.AppKey("rasa_client", RasaClient)
KNOWLEDGE = web.AppKey("knowledge", KnowledgeRepository)
FEEDBACK = web.AppKey("feedback_store", FeedbackStore)
LIMITER = web.AppKey("rate_limiter", TokenBucketLimiter)
PRIVACY_NOTICED = web.AppKey("privacy_noticed", OrderedDict)
NAMES = web.AppKey("learnt_names", NameMemory)
PRIVACY_NOTICED_MAX = 10_000  # senders remembered; the oldest are forgotten first


async def _read_json_object(request: web.Request) -> Dict[str, Any]:
    if request.content_type != "application/json":
        raise web.HTTPUnsupportedMediaType()
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest() from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest()
    return body


def _rate_limited(request: web.Request) -> Optional[web.Response]:
    limiter = request.app[LIMITER]
    client_key = request.remote or "ukjent"
    if limiter.allow(client_key):
        return None
    response = json_error(429)
    response.headers["Retry-After"] = str(limiter.seconds_until_allowed(client_key))
    return response


async def index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC_DIR / "index.html")


async def widget_script(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC_DIR / "widget.js")


async def chat_config(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    # The loaded knowledge base decides; the settings only cover the time before
    # the first `kb load`, and they default to demo mode (the safe side).
    try:
        municipality = request.app[KNOWLEDGE].snapshot().municipality
        demo, name = municipality.demo, municipality.name
    except (KnowledgeBaseEmpty, OSError, SQLAlchemyError):
        demo, name = settings.demo_mode, settings.municipality_name
    return web.json_response({
        "demo": demo,
        "municipality": name,
        "messageMaxChars": settings.message_max_chars,
    })


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
    refused = _rate_limited(request)
    if refused is not None:
        return refused
    body = await _read_json_object(request)
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not SENDER_PATTERN.match(sender):
        return json_error(400, "Samtalen mangler en gyldig økt. Last siden på nytt.")
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
        except RasaUnavailable as error:
            log.warning("Rasa unavailable: %s", error)
            return json_error(503, RASA_DOWN_REPLY)
    return web.json_response({"messages": messages})


async def feedback(request: web.Request) -> web.Response:
    refused = _rate_limited(request)
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
    components = await check_components(request.app[SETTINGS], request.app[FEEDBACK])
    all_ok = all(components.values())
    return web.json_response(
        {"status": "ok" if all_ok else "feil",
         "components": {name: "ok" if ok else "feil" for name, ok in components.items()}},
        status=200 if all_ok else 503,
    )


def create_app(settings: Settings, rasa_client: Optional[RasaClient] = None) -> web.Application:
    allowed_origins = frozenset(settings.cors_origins)
    app = web.Application(
        client_max_size=REQUEST_BODY_MAX_BYTES,
        middlewares=[error_middleware, cors_middleware(allowed_origins)],
    )
    app[SETTINGS] = settings
    app[RASA] = rasa_client or RasaClient(settings.rasa_instances)
    app[FEEDBACK] = FeedbackStore(settings.database_url)
    app[KNOWLEDGE] = KnowledgeRepository(settings.database_url)
    app[LIMITER] = TokenBucketLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst)
    app[PRIVACY_NOTICED] = OrderedDict()
    app[NAMES] = NameMemory.for_database(settings.database_url)
    app.on_response_prepare.append(response_headers_hook(allowed_origins))

    async def connections(app: web.Application):
        await app[RASA].start()
        yield
        await app[RASA].close()
        app[FEEDBACK].close()

    app.cleanup_ctx.append(connections)
    app.router.add_get("/", index)
    app.router.add_get("/widget.js", widget_script)
    app.router.add_static("/static/", STATIC_DIR)
    app.router.add_get("/api/config", chat_config)
    app.router.add_post("/api/chat", chat)
    app.router.add_post("/api/feedback", feedback)
    app.router.add_get("/healthz", healthz)
    return app


def server_options() -> Dict[str, Any]:
    """How serve() runs the app, beside host and port.

    The access log leaves out client addresses and query strings
    (bot/web/access_log.py). handler_cancellation: when the browser or proxy
    gives up, the relay to Rasa stops too, so an overloaded Rasa does not
    answer messages nobody waits for.
    """
    return {"access_log_class": RouteAccessLogger, "access_log": access_logger(),
            "handler_cancellation": True}


def serve() -> int:
    install_log_redaction()
    settings = Settings.from_env()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    print(f"Nettserveren lytter på http://{settings.web_host}:{settings.web_port}", flush=True)
    web.run_app(create_app(settings), host=settings.web_host, port=settings.web_port,
                print=None, **server_options())
    return 0
