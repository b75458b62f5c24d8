"""Every form of personal data that was once stored raw, through
the real storage path, and then a search for the raw values in the database
file, its WAL file and every log.

Path: the web app (screening in its worker thread, learnt names in the
database) relays to a stand-in for Rasa that does what Rasa does with a
message: logs it, warns about a message starting with "/", and saves it with
our tracker store. Two store objects take turns, as two Rasa processes would,
and share nothing but the database. The same table is also sent straight to
Rasa, to show that the tracker store redacts again on its own.
"""

import json
import logging
from itertools import count
from pathlib import Path
from typing import List

import pytest
import rasa.shared.utils.io
from aiohttp import web
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.safety.logging_filter import install_log_redaction
from bot.safety.redaction import lexicon_redactor
from bot.platform.settings import Settings
from bot.rasa_integration.tracker_store import RedactingSQLTrackerStore
from bot.web.app import create_app

# (form, messages of one conversation, raw values, does the web server already remove them)
FORMS = [
    ("fødselsnummer med punktum", ["fødselsnummeret til gutten er 15.03.12 51238"],
     ["15.03.12 51238", "51238", "15031251238"], True),
    ("fødselsnummer med mellomrom", ["han har fnr 15 03 12 512 38"],
     ["15 03 12 512 38", "512 38"], True),
    ("fødselsnummer i grupper", ["nummeret er 1503 1251 238"], ["1503 1251 238", "1251 238"], True),
    ("e-post med (at)", ["mora har e-post kari.hansen(at)example.no"], ["kari.hansen", "example.no"], True),
    ("e-post med mellomrom", ["skriv til lise.berg @ example.no"], ["lise.berg"], True),
    ("e-post uten punktum i verten", ["send til per.olsen@intranett"], ["per.olsen", "intranett"], True),
    ("navn med små bokstaver", ["jeg er bekymret for emma larsen"], ["emma larsen", "larsen"], False),
    ("navn med store bokstaver", ["EMMA LARSEN er lei seg hele tiden"], ["EMMA", "LARSEN"], False),
    ("etter lille", ["lille Ola gråter når pappa kommer"], ["Ola"], True),
    ("fornavn først i setningen", ["Jonas sier at han ikke får mat hjemme"], ["Jonas"], False),
    ("i parentes", ["en gutt (Lukas, 7 år) er redd for å gå hjem"], ["Lukas"], True),
    ("nynorsk", ["guten heiter Eirik og er lei seg"], ["Eirik"], True),
    ("familien", ["familien Nilsen har det vanskelig"], ["Nilsen"], True),
    ("navn brukt igjen senere", ["jenta heter Ingrid", "hun er lei seg", "Ingrid gråter hver dag"],
     ["Ingrid"], True),
    ("fødselsdato med tall", ["hun er født 15.03.2012"], ["15.03.2012"], True),
    ("fødselsdato med måned", ["han ble født 15. mars 2012"], ["15. mars 2012", "mars 2012"], True),
    ("klasse og skole", ["hun går i 3B på Sagene skole"], ["3B", "Sagene"], True),
    ("barnehage", ["han går i Solsikken barnehage"], ["Solsikken"], True),
    ("melding som starter med /", ["/hjelp jenta heter Ingrid og bor i Storgata 12"],
     ["Ingrid", "Storgata"], True),
]
DOMAIN = Domain.from_dict({"intents": ["worry_about_child"]})
conversation_numbers = count()


def _variants(raw: str) -> List[bytes]:
    # As written, and as Rasa's JSON writes it ("å" as "\\u00e5").
    return [raw.encode("utf-8"), json.dumps(raw)[1:-1].encode("utf-8")]


def assert_nowhere(raw_values: List[str], places: List[Path]) -> None:
    for place in places:
        content = place.read_bytes() if place.exists() else b""
        found = [raw for raw in raw_values for variant in _variants(raw) if variant in content]
        assert not found, f"{found} in {place.name}"


class StandInForRasa:
    """Does with one message what Rasa does: logs it, warns about a "/"
    message, and saves the turn with one of two tracker stores in turn."""

    def __init__(self, database_url: str) -> None:
        self.stores = [RedactingSQLTrackerStore(domain=DOMAIN, host=database_url) for _ in range(2)]
        self.turns = count()
        self.log = logging.getLogger("rasa.core.processor")
        self.relayed: List[str] = []  # what the web server sent on

    async def handle(self, sender: str, text: str) -> None:
        self.log.debug("Received user message '%s' from '%s'", text, sender)
        if text.startswith("/"):
            rasa.shared.utils.io.raise_warning(
                f"Parsed an intent '{text[1:]}' which is not defined in the domain.")
        store = self.stores[next(self.turns) % 2]  # another process each turn
        tracker = await store.retrieve(sender) or DialogueStateTracker(sender, DOMAIN.slots)
        intent = {"name": "worry_about_child", "confidence": 0.9}
        tracker.update(UserUttered(text, intent=intent,
                                   parse_data={"text": text, "intent": intent, "entities": []}))
        tracker.update(BotUttered("Takk for at du sier fra."))
        tracker.update(ActionExecuted("action_listen"))
        await store.save(tracker)

    async def webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.relayed.append(body["message"])
        await self.handle(body["sender"], body["message"])
        return web.json_response([{"text": "Takk for at du sier fra."}])


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch) -> Path:
    """Every log record and warning of this process, through the filter the
    Rasa processes install (bot/servers/rasa_server.py)."""
    monkeypatch.setattr(logging, "_logRecordFactory", logging.LogRecord)
    path = tmp_path / "alle.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    install_log_redaction(lexicon_redactor())
    yield path
    root.removeHandler(handler)
    root.setLevel(old_level)
    handler.close()
    logging.captureWarnings(False)


@pytest.fixture
def database(tmp_path: Path):
    path = tmp_path / "samtaler.db"
    return f"sqlite:///{path}", [path, tmp_path / "samtaler.db-wal"]


def _all_places(database_files: List[Path], log_file: Path) -> List[Path]:
    return [*database_files, log_file]


@pytest.mark.parametrize("form, messages, raw_values, web_removes", FORMS, ids=[f[0] for f in FORMS])
async def test_through_the_web_server_nothing_raw_is_stored_or_logged(
        form, messages, raw_values, web_removes, aiohttp_client, aiohttp_server, tmp_path,
        database, log_file, capfd):
    database_url, database_files = database
    rasa = StandInForRasa(database_url)
    stand_in = web.Application()
    stand_in.router.add_post("/webhooks/rest/webhook", rasa.webhook)
    server = await aiohttp_server(stand_in)
    settings = Settings(
        rasa_port=server.port, action_port=server.port, web_port=8080, database_url=database_url,
        model_path=tmp_path / "model.tar.gz", knowledge_dir=tmp_path, cors_origins=(),
        message_max_chars=1000, rate_limit_per_minute=60, rate_limit_burst=100)
    client = await aiohttp_client(create_app(settings))
    sender = f"samtale-{next(conversation_numbers):04d}"
    for message in messages:
        response = await client.post("/api/chat", json={"sender": sender, "message": message})
        assert response.status == 200

    assert len(rasa.relayed) == len(messages)
    if web_removes:  # not even Rasa's memory sees them
        assert not [raw for raw in raw_values for text in rasa.relayed if raw in text]
    captured = capfd.readouterr()
    (log_file.parent / "stderr.log").write_text(captured.err + captured.out, encoding="utf-8")
    assert_nowhere(raw_values, _all_places(database_files, log_file) + [log_file.parent / "stderr.log"])


@pytest.mark.parametrize("form, messages, raw_values, web_removes", FORMS, ids=[f[0] for f in FORMS])
async def test_straight_to_rasa_the_tracker_store_redacts_on_its_own(
        form, messages, raw_values, web_removes, database, log_file, capfd):
    database_url, database_files = database
    rasa = StandInForRasa(database_url)
    sender = f"samtale-{next(conversation_numbers):04d}"
    for message in messages:
        await rasa.handle(sender, message)
    captured = capfd.readouterr()
    (log_file.parent / "stderr.log").write_text(captured.err + captured.out, encoding="utf-8")
    assert_nowhere(raw_values, _all_places(database_files, log_file) + [log_file.parent / "stderr.log"])
    stored = database_files[0].read_bytes() + (
        database_files[1].read_bytes() if database_files[1].exists() else b"")
    assert b"[" in stored and b"worry_about_child" in stored  # the turns are there, redacted


def test_warnings_go_through_the_log_filter(log_file, capfd):
    rasa.shared.utils.io.raise_warning("Parsed an intent 'hjelp' from Kari Hansen, 900 12 345")
    captured = capfd.readouterr()
    logged = log_file.read_text(encoding="utf-8")
    assert "Parsed an intent" in logged and "[TELEFON]" in logged
    assert "900 12 345" not in logged + captured.err + captured.out
    assert "Kari Hansen" not in logged + captured.err + captured.out
