"""Headers on every response, the CORS allow-list, and Norwegian error replies."""

import logging
from typing import Awaitable, Callable, FrozenSet
from urllib.parse import urlsplit

from aiohttp import web

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
])

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=31536000",
}

# Ends every message that says the chat cannot help right now.
EMERGENCY_NUMBERS = ("Er et barn i fare, ring 112. "
                     "Kan livet være i fare, ring 113 for medisinsk nødhjelp.")
FOREIGN_ORIGIN_TEXT = "Denne nettsiden har ikke tilgang til chatten."
ERROR_TEXTS = {
    400: "Vi forsto ikke forespørselen. Prøv igjen.",
    403: "Du har ikke tilgang til dette.",
    404: "Fant ikke siden du lette etter.",
    405: "Det går ikke an å gjøre det her.",
    408: "Forespørselen kom ikke fram i tide. Prøv igjen.",
    413: f"Meldingen er for lang. Skriv den litt kortere og prøv igjen. {EMERGENCY_NUMBERS}",
    415: "Forespørselen må sendes som JSON.",
    429: f"Du har sendt mange meldinger på kort tid. Vent litt og prøv igjen. {EMERGENCY_NUMBERS}",
}
SERVER_ERROR_TEXT = f"Noe gikk galt hos oss. Prøv igjen om litt. {EMERGENCY_NUMBERS}"
# Instead of "Server: Python/3.10 aiohttp/3.9.5"; aiohttp only fills in a missing one.
SERVER_HEADER = "assistent"

CORS_METHODS = "GET, POST, OPTIONS"
CORS_HEADERS = "Content-Type"
CORS_MAX_AGE_SECONDS = "600"


def json_error(status: int, message: str = "") -> web.Response:
    return web.json_response({"error": message or ERROR_TEXTS.get(status, SERVER_ERROR_TEXT)},
                             status=status)


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turns aiohttp's English errors and any crash into a short Norwegian JSON reply."""
    try:
        return await handler(request)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        response = json_error(error.status)
        if error.status == 405 and "Allow" in error.headers:
            response.headers["Allow"] = error.headers["Allow"]
        return response
    except Exception:
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return json_error(500, SERVER_ERROR_TEXT)


def _is_same_origin(request: web.Request, origin: str) -> bool:
    return urlsplit(origin).netloc == request.host


def cors_middleware(allowed_origins: FrozenSet[str]):
    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is None or _is_same_origin(request, origin):
            return await handler(request)
        allowed = origin.rstrip("/") in allowed_origins
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            if not allowed:
                return json_error(403, FOREIGN_ORIGIN_TEXT)
            return web.Response(status=204, headers={
                "Access-Control-Allow-Methods": CORS_METHODS,
                "Access-Control-Allow-Headers": CORS_HEADERS,
                "Access-Control-Max-Age": CORS_MAX_AGE_SECONDS,
            })
        # A browser would hide the answer from a foreign page, but the request
        # itself would still reach Rasa; refuse it before it does.
        if not allowed and request.method not in ("GET", "HEAD"):
            return json_error(403, FOREIGN_ORIGIN_TEXT)
        return await handler(request)

    return middleware


def response_headers_hook(allowed_origins: FrozenSet[str]):
    """Runs for every response, including static files and errors."""

    async def on_response_prepare(request: web.Request, response: web.StreamResponse) -> None:
        response.headers.update(SECURITY_HEADERS)
        response.headers["Server"] = SERVER_HEADER
        if request.path.startswith("/api/") or request.path == "/healthz":
            response.headers["Cache-Control"] = "no-store"
        origin = request.headers.get("Origin", "").rstrip("/")
        if origin in allowed_origins:
            response.headers["Access-Control-Allow-Origin"] = origin
        response.headers.add("Vary", "Origin")

    return on_response_prepare
