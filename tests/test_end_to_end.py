"""`make run` in miniature: the supervisor starts every service, the bot greets
in Norwegian through the REST channel, both Rasa processes share their locks
through the Redis it starts, and Ctrl-C stops every process."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from rasa.utils.endpoints import EndpointConfig

from bot.platform.settings import PROJECT_ROOT
from bot.rasa_integration.lock_store import RenewingRedisLockStore
from devtools.bench.stack import free_port, free_port_run

START_TIMEOUT = 240

SHARED_SECRET = "e2e-delt-hemmelighet"
# key_prefix in endpoints.yml
LOCK_KEY_PREFIX = "tryggbarn"
HELD_LOCK_SECONDS = 3.0


def post_json(url: str, payload: dict, authorization: str = f"Bearer {SHARED_SECRET}"):
    """As the web server posts: straight to Rasa it needs the shared secret."""
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Authorization": authorization}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def port_is_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def running_assistant(tmp_path_factory, trained_model):
    rasa_port = free_port_run(2)
    ports = {"RASA_PORT": rasa_port, "ACTION_PORT": free_port(), "WEB_PORT": free_port(),
             "REDIS_PORT": free_port()}
    database = tmp_path_factory.mktemp("db") / "assistent.db"
    env = dict(os.environ, **{k: str(v) for k, v in ports.items()}, RASA_PROCESSES="2",
               DATABASE_URL=f"sqlite:///{database}", MODEL_PATH=str(trained_model),
               RASA_SHARED_SECRET=SHARED_SECRET)
    env.pop("REDIS_HOST", None)  # so bot run starts its own Redis, on REDIS_PORT
    ports["RASA_PORT_2"] = rasa_port + 1
    log_path = tmp_path_factory.mktemp("log") / "run.log"
    log = open(log_path, "w+")
    process = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=PROJECT_ROOT,
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT
    while "Assistenten er klar" not in log_path.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("The assistant did not start:\n" + log_path.read_text()[-3000:])
        time.sleep(1)
    yield process, ports, log_path, database
    if process.poll() is None:
        process.kill()
    log.close()


def test_ready_message_says_where_to_chat(running_assistant):
    _, ports, log_path, _ = running_assistant
    assert f"Åpne chatten: http://127.0.0.1:{ports['WEB_PORT']}" in log_path.read_text()


@pytest.mark.parametrize("rasa_process", ["RASA_PORT", "RASA_PORT_2"])
def test_bot_greets_in_norwegian_through_rest(running_assistant, rasa_process):
    _, ports, _, database = running_assistant
    url = f"http://127.0.0.1:{ports[rasa_process]}/webhooks/rest/webhook"
    replies = post_json(url, {"sender": f"e2e-test-{rasa_process}", "message": "hei"})
    assert "Jeg er en digital veileder" in replies[0]["text"]
    assert "Ikke skriv navn" in replies[0]["text"]
    titles = [b["title"] for b in replies[0]["buttons"]]
    assert titles == ["Jeg er bekymret for et barn", "Meldeplikt og taushetsplikt",
                      "Kontakter og åpningstider"]
    # The conversation went to the configured SQL tracker store, not to memory.
    assert database.exists() and database.stat().st_size > 0


VALID_FODSELSNUMMER = "01019010046"  # valid check digits, made up for the test
PERSONAL_VALUES = (VALID_FODSELSNUMMER, "913 45 678", "kari.hansen@eksempel.no", "Kari Hansen")
PERSONAL_MESSAGES = (
    f"Jeg er bekymret for Kari Hansen i 3B, fødselsnummer {VALID_FODSELSNUMMER}",
    "Moren hennes har telefon 913 45 678 og e-post kari.hansen@eksempel.no",
)


def test_no_personal_data_is_stored_or_logged(running_assistant):
    _, ports, log_path, database = running_assistant
    web = f"http://127.0.0.1:{ports['WEB_PORT']}/api/chat"
    rest = f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook"
    for message in PERSONAL_MESSAGES:
        # Through the web page (screened there) and straight to Rasa (the
        # tracker store must redact on its own).
        reply = post_json(web, {"sender": "e2e-web-session-1", "message": message})
        assert reply["messages"], "the bot still answers"
        assert post_json(rest, {"sender": "e2e-rest-session-1", "message": message})
    import sqlite3

    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT sender_id, data FROM events").fetchall()
    assert {"e2e-web-session-1", "e2e-rest-session-1"} <= {sender for sender, _ in rows}
    # Decoded, so escaped characters ("\\u00d8") cannot hide a value.
    stored = "\n".join(json.dumps(json.loads(data), ensure_ascii=False) for _, data in rows)
    assert "[FØDSELSNUMMER]" in stored and "[E-POST]" in stored
    logged = log_path.read_text(encoding="utf-8", errors="replace")
    for value in PERSONAL_VALUES:
        assert value not in stored, f"{value!r} was stored"
        assert value not in logged, f"{value!r} was logged"


@pytest.mark.parametrize("authorization", ["", "Bearer gjettet", f"Bearer {SHARED_SECRET}x"])
def test_rasa_refuses_a_message_without_the_shared_secret(running_assistant, authorization):
    _, ports, _, _ = running_assistant
    url = f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook"
    with pytest.raises(urllib.error.HTTPError) as refused:
        post_json(url, {"sender": "e2e-uten-hemmelighet", "message": "hei"}, authorization)
    assert refused.value.code == 403


def test_both_rasa_processes_wait_for_a_lock_held_in_the_shared_redis(running_assistant):
    # As a message being handled by the other process holds it; with locks
    # in each process's memory the message went straight through.
    _, ports, _, _ = running_assistant
    held = RenewingRedisLockStore(EndpointConfig(url="127.0.0.1", port=ports["REDIS_PORT"],
                                                 key_prefix=LOCK_KEY_PREFIX))
    for rasa_process in ("RASA_PORT", "RASA_PORT_2"):
        sender = f"e2e-låst-{rasa_process}"
        ticket = held.issue_ticket(sender, HELD_LOCK_SECONDS)
        started = time.monotonic()
        post_json(f"http://127.0.0.1:{ports[rasa_process]}/webhooks/rest/webhook",
                  {"sender": sender, "message": "hei"})
        waited = time.monotonic() - started
        held.cleanup(sender, ticket)
        assert waited >= HELD_LOCK_SECONDS - 0.5, f"{rasa_process} did not wait ({waited:.1f} s)"


def test_rasa_http_api_is_off(running_assistant):
    _, ports, _, _ = running_assistant
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"http://127.0.0.1:{ports['RASA_PORT']}/status", timeout=5)
    assert refused.value.code == 404


def test_ctrl_c_stops_every_process(running_assistant):
    process, ports, _, _ = running_assistant
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0
    deadline = time.monotonic() + 10
    while any(port_is_open(p) for p in ports.values()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(port_is_open(p) for p in ports.values())
