"""The access log names routes, never what a user put in the address."""

import logging

from aiohttp.test_utils import TestServer

from bot.safety.logging_filter import UNREDACTED_LOGGERS, install_log_redaction
from bot.web.access_log import LOGGER_NAME
from bot.web.app import create_app, server_options
from web_fakes import SENDER

PHONE = "913 45 678"


async def test_lines_hold_the_route_pattern_and_no_query_string(aiohttp_client, settings, caplog):
    install_log_redaction()
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    server = TestServer(create_app(settings))
    options = {k: v for k, v in server_options().items() if k != "handler_cancellation"}
    await server.start_server(**options)  # the test server sets handler_cancellation itself
    client = await aiohttp_client(server)
    await client.post(f"/api/chat?tlf={PHONE}", json={"sender": SENDER, "message": "hei"})
    await client.get(f"/ukjent/{PHONE}")

    lines = [r.getMessage() for r in caplog.records if r.name == LOGGER_NAME]
    assert lines[0].startswith("POST /api/chat 200 ")
    assert lines[1].startswith("GET - 404 ")
    assert not any(PHONE in line for line in lines)


def test_only_the_access_log_skips_the_redactor(caplog):
    install_log_redaction()
    assert UNREDACTED_LOGGERS == {LOGGER_NAME}
    logging.getLogger("bot.web").warning("ring %s", PHONE)
    assert PHONE not in caplog.text and "[TELEFON]" in caplog.text
