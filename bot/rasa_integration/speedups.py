"""Rasa's code, faster, where Rasa offers no seam to plug it in.

Each function here replaces one Rasa attribute; ``patches.py`` installs them
and says why each has no seam. The measured gains come from profiling
`make bench` with py-spy (docs/performance.md).
"""

import asyncio
import copy
import logging
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple, Type

_event_classes: Dict[str, Type] = {}
_shared_sessions: Dict[Tuple[Any, ...], Any] = {}
# Seconds an idle connection to the action server is kept. Well below the
# action server's own keep-alive (bot/servers/action_server.py), so
# Rasa never sends on a connection the server is closing.
KEEPALIVE_SECONDS = 2.0
# Rasa's processor logs through structlog into this standard logger.
_PROCESSOR_LOG = logging.getLogger("rasa.core.processor")


@lru_cache(maxsize=1)
def _action_response_validator() -> Any:
    from jsonschema import validators
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@lru_cache(maxsize=1)
def _validators_by_event() -> Optional[Tuple[Any, Dict[str, Any]]]:
    """Rasa's schema split up: the response without its events, and one schema
    per event name. Each of Rasa's ``oneOf`` branches names its own event, so an
    event matches exactly one branch when it matches the one with its name;
    checking that branch alone spares trying all 23 for every event. None if
    the schema ever stops having that shape."""
    from jsonschema import validators
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    event_schema = schema["properties"]["events"]["items"]
    names = [branch.get("properties", {}).get("event", {}).get("const")
             for branch in event_schema["oneOf"]]
    if None in names or len(set(names)) != len(names):
        return None
    validator_class = validators.validator_for(schema)
    common = {key: value for key, value in event_schema.items() if key != "oneOf"}
    by_name = {name: validator_class({"allOf": [common, branch]})
               for name, branch in zip(names, event_schema["oneOf"])}
    without_events = {**schema, "properties": {
        **schema["properties"], "events": {"type": "array"}}}
    return validator_class(without_events), by_name


def _passes_by_event(result: Any) -> bool:
    """True only where Rasa's whole schema passes too (tests/test_rasa_server.py)."""
    split = _validators_by_event()
    if split is None:
        return False
    response_validator, by_name = split
    if not response_validator.is_valid(result):
        return False
    for event in result.get("events") or []:
        name = event.get("event") if isinstance(event, dict) else None
        validator = by_name.get(name) if isinstance(name, str) else None
        if validator is None or not validator.is_valid(event):
            return False
    return True


def validate_action_result(self: Any, result: Dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result with the validators built once.

    Rasa calls ``jsonschema.validate``, which checks the schema itself against
    the meta-schema and builds a new validator on every custom action call:
    about 22 ms each, a third of Rasa's CPU time under load. Same checks,
    same error, about 1 ms; a valid response, checked event by event, 0.1 ms.
    """
    if _passes_by_event(result):
        return True
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

    error = best_match(_action_response_validator().iter_errors(result))
    if error is not None:
        # Rasa's own wording.
        error.message += (
            ". Failed to validate Action server response from API, make sure your "
            "response from the Action endpoint is valid. For more information about "
            f"the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


class CopiesForDebugLogs:
    """``copy`` as ``rasa.core.processor`` sees it. Its only deep copies are of
    values for debug log lines (tests/test_rasa_server.py checks the source),
    made even when debug logging is off: ≈ 2 % of Rasa's time under load. They
    are made only when ``rasa.core.processor`` logs at DEBUG, which is also
    when Rasa's log filter (structlog's ``filter_by_level``) lets them through."""

    @staticmethod
    def deepcopy(value: Any) -> Any:
        return copy.deepcopy(value) if _PROCESSOR_LOG.isEnabledFor(logging.DEBUG) else value


def resolve_event_type(type_name: str, default: Optional[Type] = None) -> Optional[Type]:
    """Event.resolve_by_type with the type names looked up in a table.

    Rasa walks every Event subclass for every event it reads from the tracker
    store, so reading a tracker cost more the longer the conversation was. The
    table is rebuilt when a name is missing, so event classes defined later
    are still found.
    """
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    if type_name not in _event_classes:
        for event_class in all_subclasses(Event):
            _event_classes.setdefault(event_class.type_name, event_class)
    if type_name in _event_classes:
        return _event_classes[type_name]
    if type_name == "topic":
        return None  # Rasa's backwards compatibility with old TopicSet events
    if default is not None:
        return default
    raise ValueError(f"Unknown event name '{type_name}'.")


class _LentSession:
    """Lends a long-lived session to Rasa's ``async with endpoint.session()``."""

    def __init__(self, session: Any) -> None:
        self._session = session

    async def __aenter__(self) -> Any:
        return self._session

    async def __aexit__(self, *exc_info: Any) -> None:
        return None  # kept open for the next call


def shared_endpoint_session(endpoint: Any) -> _LentSession:
    """EndpointConfig.session with one session per endpoint, kept open.

    Rasa opens a new HTTP session, and so a new TCP connection, for every
    custom action call; reusing connections spares both Rasa and the action
    server the set-up and tear-down on every call. Same headers, auth and
    timeout as Rasa's. The whole conversation goes to the action server with
    every call, so its JSON is written by ujson (Sanic's own JSON library),
    about four times faster than the standard library.
    """
    import aiohttp
    import ujson
    from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT

    key = (asyncio.get_running_loop(), endpoint.url, tuple(sorted(endpoint.headers.items())),
           tuple(sorted(endpoint.basic_auth.items())))
    session = _shared_sessions.get(key)
    if session is None or session.closed:
        auth = (aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
                if endpoint.basic_auth else None)
        session = aiohttp.ClientSession(
            headers=endpoint.headers, auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS),
            json_serialize=ujson.dumps,
        )
        _shared_sessions[key] = session
    return _LentSession(session)


async def close_shared_sessions() -> None:
    while _shared_sessions:
        await _shared_sessions.popitem()[1].close()


def closing_shared_sessions_too(close_resources: Any) -> Any:
    async def close_everything(app: Any, loop: Any) -> None:
        await close_resources(app, loop)
        await close_shared_sessions()

    return close_everything
