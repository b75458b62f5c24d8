"""Checks the services the chat depends on: Rasa, the action server and the database."""

import asyncio
from typing import Dict

import aiohttp

from bot.settings import Settings
from bot.web.feedback import FeedbackStore

CHECK_TIMEOUT_SECONDS = 3.0


async def _answers_ok(session: aiohttp.ClientSession, url: str) -> bool:
    try:
        async with session.get(url) as response:
            return response.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return False


async def check_components(settings: Settings, feedback_store: FeedbackStore) -> Dict[str, bool]:
    timeout = aiohttp.ClientTimeout(total=CHECK_TIMEOUT_SECONDS)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        action_server, database, *rasa_instances = await asyncio.gather(
            _answers_ok(session, f"{settings.action_url}/health"),
            feedback_store.is_reachable(),
            *(_answers_ok(session, f"{url}/") for url in settings.rasa_instances),
        )
    # The chat works while one Rasa instance answers; the web server fails over.
    return {"rasa": any(rasa_instances), "action_server": action_server, "database": database}
