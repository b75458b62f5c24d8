"""Everything we replace inside Rasa, in one place.

Where Rasa has a seam we use it instead (config.yml names our tokenizer,
classifier, policy and components; endpoints.yml our tracker store and lock
store; credentials.yml our channel). What is left here has no seam in Rasa
3.6: each entry says which Rasa attribute it replaces, why, and which Rasa
source it relies on. :func:`install` refuses any Rasa but the one these were
written against, and tests/rasa_integration/test_patches.py holds a canary
per entry that fails when that Rasa source changes.

Only the Rasa server's entry point (bot/servers/rasa_server.py) installs them:
plain ``rasa run``/``rasa shell`` serve the same model and answers, slower and
without the turn guard.
"""

import importlib
import logging
from dataclasses import dataclass
from typing import Any, Tuple

RASA_VERSION = "3.6.21"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Patch:
    """Rasa's ``owner.attribute`` becomes ours, ``replacement`` ("module:name").

    ``how``: "replace", "static" (a staticmethod) or "wrap" (ours is called with
    Rasa's original and returns what takes its place). ``watched``: the Rasa
    source ours copies or relies on, as "module:Qualified.name" (or a module),
    with the first 16 hex digits of its SHA-256 as this Rasa version has it."""

    owner: str
    attribute: str
    replacement: str
    why: str
    watched: Tuple[Tuple[str, str], ...]
    how: str = "replace"

    def new_value(self, original: Any) -> Any:
        ours = _resolve(self.replacement)
        if self.how == "wrap":
            return ours(original)
        return staticmethod(ours) if self.how == "static" else ours


def _resolve(path: str) -> Any:
    module, _, qualified = path.partition(":")
    found: Any = importlib.import_module(module)
    for part in filter(None, qualified.split(".")):
        found = getattr(found, part)
    return found


PATCHES: Tuple[Patch, ...] = (
    Patch("rasa.core.actions.action:RemoteAction", "_validate_action_result",
          "bot.rasa_integration.speedups:validate_action_result",
          "Rasa checks the JSON schema itself and builds a new validator on every custom "
          "action call (≈ 22 ms, a third of Rasa's CPU under load); ours are built once and "
          "check event by event (0.1–1 ms), with Rasa's error wording.",
          (("rasa.core.actions.action:RemoteAction._validate_action_result", "f8cdb4be68123961"),)),
    Patch("rasa.core.actions.action:RemoteAction", "_action_call_format",
          "bot.rasa_integration.action_payload:action_call_format",
          "Rasa sends the whole conversation with every action call; ours sends the events "
          "our actions read (bot/rasa_integration/action_payload.py), so a turn no longer "
          "costs more the longer the conversation is.",
          (("rasa.core.actions.action:RemoteAction._action_call_format", "428795b944f22edb"),)),
    Patch("rasa.shared.core.events:Event", "resolve_by_type",
          "bot.rasa_integration.speedups:resolve_event_type",
          "Rasa walks every Event subclass for every event it reads from the tracker store; "
          "ours looks the name up in a table.",
          (("rasa.shared.core.events:Event.resolve_by_type", "b5cf570fa7f286c7"),),
          how="static"),
    Patch("rasa.utils.endpoints:EndpointConfig", "session",
          "bot.rasa_integration.speedups:shared_endpoint_session",
          "Rasa opens a new HTTP session and TCP connection for every action call; ours keeps "
          "one per endpoint, with the same headers, auth and timeout.",
          (("rasa.utils.endpoints:EndpointConfig.session", "e55aa13d9d4fb4bc"),)),
    Patch("rasa.core.run", "close_resources",
          "bot.rasa_integration.speedups:closing_shared_sessions_too",
          "Closes the kept action-server sessions (above) after Rasa's own resources.",
          (("rasa.core.run:close_resources", "bc3d36e8149e84cd"),),
          how="wrap"),
    Patch("rasa.core.processor", "DaskGraphRunner",
          "bot.rasa_integration.graph_runner:SequentialGraphRunner",
          "The processor names its graph runner in code; ours runs the nodes in a plan worked "
          "out once, without dask's scheduling on every message.",
          (("rasa.core.processor:MessageProcessor._load_model", "17f24faf96817bdf"),)),
    Patch("rasa.core.processor", "copy",
          "bot.rasa_integration.speedups:CopiesForDebugLogs",
          "The processor deep-copies values for debug log lines even when debug logging is "
          "off (≈ 2 % of Rasa's time); ours copies only when they are logged.",
          (("rasa.core.processor", "f42dfbf26e2ffcb6"),)),
    Patch("rasa.core.agent", "FailSafeTrackerStore",
          "bot.rasa_integration.tracker_store:NoFallbackTrackerStore",
          "Rasa answers from an empty in-memory tracker when the database fails, which loses "
          "the conversation and stores nothing; ours fails the turn, and the web server asks "
          "the user to send it again.",
          (("rasa.core.agent:Agent._create_tracker_store", "97499b594b45581b"),
           ("rasa.core.tracker_store:FailSafeTrackerStore", "84833481b14c2271"))),
    Patch("rasa.core.processor:MessageProcessor", "is_action_limit_reached",
          "bot.rasa_integration.turn_guard:is_action_limit_reached",
          "Rasa's loop guard counts actions back past the user's message, so after one trip "
          "every later message trips at once; ours counts the current turn only.",
          (("rasa.core.processor:MessageProcessor.is_action_limit_reached", "954b13237ba8071d"),)),
    Patch("rasa.core.processor:MessageProcessor", "__init__",
          "bot.rasa_integration.turn_guard:with_listen_after_trip",
          "A tripped turn ends by listening (Rasa's on_circuit_break hook, which it only "
          "accepts through the processor's constructor).",
          (("rasa.core.processor:MessageProcessor.__init__", "e7cdae90996508bf"),),
          how="wrap"),
)

_installed = False


class WrongRasaVersion(SystemExit):
    """Start-up stops: the patches were written against another Rasa."""


def check_rasa_version() -> None:
    import rasa

    if rasa.__version__ != RASA_VERSION:
        raise WrongRasaVersion(
            f"Assistenten starter ikke: den er skrevet for Rasa {RASA_VERSION}, men fant "
            f"Rasa {rasa.__version__}. Installer med constraints.txt (make install), eller "
            "gå gjennom bot/rasa_integration/patches.py og testene i "
            "tests/rasa_integration/test_patches.py for den nye versjonen.")


def install() -> None:
    """Checks the Rasa version and installs every patch, once per process."""
    global _installed
    if _installed:
        return
    check_rasa_version()
    for patch in PATCHES:
        owner = _resolve(patch.owner)
        original = getattr(owner, patch.attribute)
        setattr(owner, patch.attribute, patch.new_value(original))
        log.info("Rasa-patch: %s.%s", patch.owner.replace(":", "."), patch.attribute)
    _installed = True
