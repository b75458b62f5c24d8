"""The action server as `python -m bot run` starts it: small, warmed up, same answers."""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from bot.language.norwegian import lemmatize_word
from devtools.bench.stack import free_port
from bot.platform.settings import PROJECT_ROOT

START_TIMEOUT_SECONDS = 120
LANGUAGES = ("nb", "nn")
WORDS = ["barna", "barnevernet", "meldeplikten", "helsestasjonen", "opplysningsplikta",
         "borna", "kva", "gjer", "sjukepleiaren", "uroa", "bekymringsmeldinga", "xqzv"]


def call_action(port: int, action: str, text: str, intent: str) -> dict:
    message = {"text": text, "intent": {"name": intent}, "entities": []}
    call = {"next_action": action, "sender_id": "test", "version": "3.6.21", "domain": {},
            "tracker": {"sender_id": "test", "slots": {}, "latest_message": message,
                        "events": [], "active_loop": {}}}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhook",
                                     data=json.dumps(call).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def action_server(database_url):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "actions", "--actions", "actions",
         "--port", str(port)],
        cwd=PROJECT_ROOT, env=dict(os.environ, DATABASE_URL=database_url, SANIC_HOST="127.0.0.1"),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("the action server did not start")
            time.sleep(0.2)
    yield process, port
    process.terminate()
    process.wait(timeout=10)


def test_answers_a_question(action_server):
    _, port = action_server
    result = call_action(port, "action_answer_question", "har jeg meldeplikt?", "ask_rule")
    assert "Opplysningsplikt" in result["responses"][0]["text"]


def test_does_not_load_tensorflow(action_server):
    process, _ = action_server
    maps = open(f"/proc/{process.pid}/maps").read()
    assert "spacy" in maps and "tensorflow" not in maps


def test_compact_lemma_dictionaries_give_the_same_lemmas_in_a_fraction_of_the_memory():
    program = ("import json, sys\n"
               "from bot.servers.action_server import (\n"
               "    keep_tensorflow_out, use_compact_lemma_dictionaries)\n"
               "keep_tensorflow_out()\n"
               "use_compact_lemma_dictionaries()\n"
               "from bot.language.norwegian import lemmatize_word\n"
               "def resident_mb():\n"
               "    status = open('/proc/self/status').read()\n"
               "    return int(status.split('VmRSS:')[1].split()[0]) / 1024\n"
               "before = resident_mb()\n"
               f"lemmas = [lemmatize_word(w, {LANGUAGES!r}) for w in sys.argv[1:]]\n"
               "print(json.dumps([lemmas, resident_mb() - before]))")
    finished = subprocess.run([sys.executable, "-c", program, *WORDS], cwd=PROJECT_ROOT,
                              check=True, capture_output=True, text=True)
    lemmas, grown_mb = json.loads(finished.stdout)
    assert lemmas == [lemmatize_word(w, LANGUAGES) for w in WORDS]
    assert grown_mb < 35  # the bokmål and nynorsk dictionaries as dicts: about 70 MB


def test_an_idle_connection_outlives_sanics_default_keep_alive(action_server):
    """Rasa closes idle connections after 2 s; the server must not close first."""
    import http.client

    _, port = action_server
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for pause in (0, 6):  # Sanic's default keep-alive is 5 s
        time.sleep(pause)
        connection.request("GET", "/health")
        response = connection.getresponse()
        response.read()
        assert response.status == 200
    connection.close()
