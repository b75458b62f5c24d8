"""The web server is the process every user meets, and it must stay small (≤ 100 MB).

Dictionaries and language models belong in Rasa; one import of them in the
web server costs hundreds of MB. Measured in a fresh interpreter, since the
test process itself has loaded them for other tests.
"""

import json
import subprocess
import sys

from bot.platform.settings import PROJECT_ROOT

MAX_PEAK_MB = 100
HEAVY_MODULES = ("spacy", "simplemma", "tensorflow", "rasa", "sklearn")

SCREEN_SOME_MESSAGES = f"""
import json, sys
from bot.safety.screening import screen_message
import bot.web.app
for message in ["Jeg er bekymret for Kari Hansen, ring 913 45 678", "I am worried about a child",
                "pappa slår meg 😢", "Moja córka jest bita przez ojca", "ord " * 5000, "😀"]:
    screen_message(message, 1000)
print(json.dumps({{
    # VmHWM: peak resident memory of this process only (ru_maxrss counts the parent's too)
    "peak_mb": next(int(line.split()[1]) for line in open("/proc/self/status")
                    if line.startswith("VmHWM")) / 1024,
    "heavy": [name for name in {HEAVY_MODULES!r} if name in sys.modules],
}}))
"""


def test_web_server_loads_no_dictionaries_and_stays_small():
    result = subprocess.run([sys.executable, "-c", SCREEN_SOME_MESSAGES], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, check=True)
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    assert measured["heavy"] == []
    assert measured["peak_mb"] < MAX_PEAK_MB
