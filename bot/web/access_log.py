"""The web server's access log: one line per request, with nothing a user typed.

aiohttp's request line ("%r") holds the query string, so every line had to go
through the redactor; with a time in it no line repeats, and the redactor's
phone number search was a fifth of the web server's CPU under load. This log
names the route pattern instead of the path, so its lines need no redaction.
"""

import logging

from aiohttp import hdrs, web
from aiohttp.abc import AbstractAccessLogger

LOGGER_NAME = "bot.web.access"


class RouteAccessLogger(AbstractAccessLogger):
    """Method, route pattern (``/api/chat``, never the query string), status, seconds."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        method = request.method if request.method in hdrs.METH_ALL else "-"
        try:
            resource = request.match_info.route.resource
        except (AttributeError, AssertionError):
            # A request aiohttp could not parse never reached the router.
            resource = None
        route = resource.canonical if resource is not None else "-"
        self.logger.info("%s %s %s %.3fs", method, route, response.status, time)


def access_logger() -> logging.Logger:
    return logging.getLogger(LOGGER_NAME)
