"""/healthz reports Rasa, the action server, the database and the lock store one by one."""

import asyncio
import dataclasses
import json
import time

from aiohttp import web

from bot.web.app import create_app
from web_fakes import closed_port


async def test_all_components_up_gives_200(client):
    response = await client.get("/healthz")
    assert response.status == 200
    assert await response.json() == {"status": "ok", "components": {
        "rasa": "ok", "action_server": "ok", "database": "ok"}, "problems": {}, "restarting": {},
        "empty_replies": {"total": 0, "seconds_since_last": None}}


async def test_rasa_down_is_reported_with_503(aiohttp_client, settings):
    client = await aiohttp_client(create_app(dataclasses.replace(settings, rasa_port=closed_port())))
    response = await client.get("/healthz")
    assert response.status == 503
    assert (await response.json())["components"] == {
        "rasa": "feil", "action_server": "ok", "database": "ok"}


async def test_action_server_unhealthy_is_reported(aiohttp_client, aiohttp_server, settings):
    sick = web.Application()
    sick.router.add_get("/health", lambda request: web.json_response({}, status=500))
    sick_server = await aiohttp_server(sick)
    client = await aiohttp_client(
        create_app(dataclasses.replace(settings, action_port=sick_server.port)))
    response = await client.get("/healthz")
    assert response.status == 503
    assert (await response.json())["components"] == {
        "rasa": "ok", "action_server": "feil", "database": "ok"}


async def test_a_service_the_supervisor_is_restarting_is_shown(aiohttp_client, settings, tmp_path):
    status_file = tmp_path / "tjenester.json"
    status_file.write_text(json.dumps({"nede": {"rasa-2": {"nede_siden": time.time() - 4,
                                                           "krasj": 2}}}))
    client = await aiohttp_client(create_app(dataclasses.replace(
        settings, supervisor_status_file=status_file)))
    body = await (await client.get("/healthz")).json()
    assert body["restarting"]["rasa-2"]["krasj"] == 2
    assert body["restarting"]["rasa-2"]["nede_i_sekunder"] >= 4
    status_file.write_text(json.dumps({"nede": {}}))
    assert (await (await client.get("/healthz")).json())["restarting"] == {}


async def redis_that_answers_pong():
    async def pong(reader, writer):
        await reader.read(64)
        writer.write(b"+PONG\r\n")
        await writer.drain()
        writer.close()

    return await asyncio.start_server(pong, "127.0.0.1", 0)


async def test_the_lock_store_is_checked_where_the_web_server_knows_it(aiohttp_client, settings):
    redis = await redis_that_answers_pong()
    async with redis:
        port = redis.sockets[0].getsockname()[1]
        client = await aiohttp_client(create_app(dataclasses.replace(
            settings, redis_host="127.0.0.1", redis_port=port)))
        response = await client.get("/healthz")
    assert response.status == 200
    assert (await response.json())["components"]["lock_store"] == "ok"


async def test_a_lock_store_that_does_not_answer_is_reported(aiohttp_client, settings):
    client = await aiohttp_client(create_app(dataclasses.replace(
        settings, redis_host="127.0.0.1", redis_port=closed_port())))
    response = await client.get("/healthz")
    assert response.status == 503
    assert (await response.json())["problems"] == {"lock_store": "svarer ikke"}
