"""Seeded random conversations and what every answer must satisfy.

The messages come from every NLU training and held-out example, short replies,
follow-ups, button payloads (and buttons of the replies, clicked as a user
would, also stale ones), nonsense, emoji and empty-ish text, with acute
messages and «start på nytt» at random points. The checks need no Rasa: they
look at the bubbles the web server returned for one turn.
"""

import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import yaml

from bot.safety.screening import PRIVACY_NOTICE, screen_message
from bot.platform.settings import PROJECT_ROOT

NLU_FILES = sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml")) + \
    sorted((PROJECT_ROOT / "tests" / "nlu").glob("*.yml"))
SAFETY_SETS = PROJECT_ROOT / "tests" / "safety"
# Asserted: the labelled set, which the safety net must catch in full. The held-out
# set is only sent (its recall is measured in tests/safety).
ACUTE_FILE = SAFETY_SETS / "acute_messages.txt"
HELDOUT_ACUTE_FILE = SAFETY_SETS / "heldout_acute.txt"

SHORT_REPLIES = ("ja", "nei", "ok", "okei", "kanskje", "vet ikke", "nja", "jepp", "neida", "tja",
                 "Ja!", "nei.", "veit ikkje", "takk", "ha det", "ja takk", "nei takk", "greit")
FOLLOW_UPS = ("er den åpen nå?", "hvor er den?", "trenger jeg time?", "hva er nummeret?",
              "og på lørdag?", "gjelder det barnehage også?", "hva er kilden?", "er det åpent nå?")
PAYLOADS = ("/worry_about_child", "/ask_rule", "/ask_contact", "/ask_routine", "/ask_human",
            "/guide_back", "/guide_summary", "/help", "/greet", "/back",
            '/guide_answer{"guide_option":"ja"}', '/guide_answer{"guide_option":"nei"}',
            '/guide_answer{"guide_option":"vet_ikke"}', '/guide_answer{"guide_option":"finnes-ikke"}',
            '/ask_rule{"kb_item":"regel:finnes-ikke"}', '/tell_role{"role_choice":"skole"}')
NONSENSE = ("😀", "🙂🙂🙂", "👍", "?", "...", "!!!", "hmm", "asdf", "xyzzy qwop", "1234", "a",
            "/foo", "/", "<b>hei</b>", "SELECT * FROM brukere;", "ææææææ", "k", "lol",
            "jeg jeg jeg jeg", "hva", "🙈 hva", "ok ok ok ok ok")
START_OVER = "start på nytt"
RESTARTS = (START_OVER, "/restart")

ACUTE_FIRST_LINE = "Hvis et barn er i fare nå: ring 112."
FRESH_START_LINE = "Da begynner vi på nytt."
MAX_BUBBLES = 3
# Answers that name the time ("Klokka er nå 23.04") may differ by a minute between two requests.
_CLOCK = re.compile(r"Klokka er nå [^\n]*")
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def _lines(path: Path) -> List[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def nlu_examples(files: Sequence[Path] = NLU_FILES) -> List[str]:
    """Every intent example, with entity annotations taken out ("[lærer](role)" -> "lærer")."""
    examples = []
    for path in files:
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if "intent" not in block:
                continue
            examples += [_ANNOTATION.sub(r"\1", line.strip()[2:]).strip()
                         for line in block["examples"].splitlines() if line.strip().startswith("- ")]
    return [example for example in examples if example]


@dataclass(frozen=True)
class MessagePool:
    nlu: Tuple[str, ...]
    acute: Tuple[str, ...]
    heldout_acute: Tuple[str, ...]

    @classmethod
    def load(cls) -> "MessagePool":
        return cls(tuple(nlu_examples()), tuple(_lines(ACUTE_FILE)), tuple(_lines(HELDOUT_ACUTE_FILE)))


class ConversationPlan:
    """Chooses each message of one conversation; a click may pick a button of the replies."""

    def __init__(self, pool: MessagePool, seed: int, index: int, min_turns: int = 2,
                 max_turns: int = 10) -> None:
        self.random = random.Random(f"{seed}:{index}")
        self.pool = pool
        self.turns = self.random.randint(min_turns, max_turns)
        self.seen_buttons: List[str] = []

    def next_message(self, last_buttons: Sequence[str]) -> str:
        self.seen_buttons += list(last_buttons)
        roll = self.random.random()
        if roll < 0.06:
            return self.random.choice(self.pool.acute)
        if roll < 0.09:
            return self.random.choice(RESTARTS)
        if roll < 0.30 and last_buttons:
            return self.random.choice(list(last_buttons))
        if roll < 0.34 and self.seen_buttons:
            return self.random.choice(self.seen_buttons)  # a button from further up
        if roll < 0.52:
            return self.random.choice(SHORT_REPLIES)
        if roll < 0.58:
            return self.random.choice(FOLLOW_UPS)
        if roll < 0.63:
            return self.random.choice(PAYLOADS)
        if roll < 0.69:
            return self.random.choice(NONSENSE)
        if roll < 0.70:
            return self.random.choice(self.pool.heldout_acute)
        return self.random.choice(self.pool.nlu)


@dataclass
class Bubble:
    text: str
    buttons: Tuple[str, ...] = ()

    @classmethod
    def from_json(cls, message: Dict) -> "Bubble":
        buttons = tuple(b.get("payload") or "" for b in message.get("buttons") or ())
        return cls(str(message.get("text") or ""), buttons)


@dataclass
class Turn:
    sent: str
    status: int
    bubbles: List[Bubble] = field(default_factory=list)


def web_notices(sent: str, max_chars: int = 1000) -> Tuple[str, ...]:
    """What the web server itself says before Rasa's answer to ``sent``."""
    return screen_message(sent, max_chars).notices + (PRIVACY_NOTICE,)


def rasa_bubbles(turn: Turn) -> List[Bubble]:
    notices = web_notices(turn.sent)
    return [bubble for bubble in turn.bubbles if bubble.text not in notices]


def turn_problem(turn: Turn, acute: frozenset) -> Optional[str]:
    """What is wrong with the answer to one message, or None."""
    if turn.status != 200:
        return f"HTTP {turn.status}"
    if not turn.bubbles:
        return "tomt svar"
    if any(not bubble.text.strip() for bubble in turn.bubbles):
        return "en tom boble"
    texts = [bubble.text for bubble in turn.bubbles]
    if len(set(texts)) != len(texts):
        return "samme blokk flere ganger i ett svar"
    ours = rasa_bubbles(turn)
    needs_rasa = screen_message(turn.sent, 1000).needs_rasa
    if needs_rasa and not ours:
        return "bare nettserverens merknad, ikke noe svar"
    if len(ours) > MAX_BUBBLES:
        return f"{len(ours)} bobler (høyst {MAX_BUBBLES})"
    if turn.sent in acute and not ours[0].text.startswith(ACUTE_FIRST_LINE):
        return "akutt melding fikk ikke akuttsvaret først"
    if turn.sent in RESTARTS and not ours[0].text.startswith(FRESH_START_LINE):
        return "«start på nytt» startet ikke på nytt"
    return None


def comparable(turn: Turn) -> List[Tuple[str, Tuple[str, ...]]]:
    """Rasa's bubbles without the clock line, to compare two answers to one message."""
    return [(_CLOCK.sub("", bubble.text), bubble.buttons) for bubble in rasa_bubbles(turn)]


def replay_script(messages: Sequence[str]) -> str:
    """The command that sends the same messages again through a running assistant."""
    quoted = " ".join("'" + message.replace("'", "'\"'\"'") + "'" for message in messages)
    return f".venv/bin/python -m tests.fuzz --replay {quoted}"
