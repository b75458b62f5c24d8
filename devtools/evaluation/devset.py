"""`make eval`: real questions from public Norwegian sources (tests/devset/),
each sent as the FIRST message of a fresh conversation through the whole
assistant (web server, trained model, action server), as a user meets it.

Prints the share of questions whose first reply contains an expected item,
the reading's accuracy per field (bot/understanding), acute recall on the
held-out acute messages, and the worst confusions. A developer tool: nothing
here runs in the served assistant.

    python -m devtools.evaluation.devset                  # dev set and fresh set
    python -m devtools.evaluation.devset --misses         # and the dev set's misses
    python -m devtools.evaluation.devset --dev-only       # leaves the fresh set unseen
    python -m devtools.evaluation.devset --fresh-misses   # the fresh set's misses (not to tune on)
"""

import asyncio
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import yaml

from devtools.bench.load import ChatClient
from devtools.bench.stack import RunningAssistant, start_assistant
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.problems import Report
from bot.knowledge.schema import parse_documents
from bot.knowledge.source import read_directory
from bot.platform.settings import PROJECT_ROOT

DEVSET = PROJECT_ROOT / "tests" / "devset" / "questions.yml"
# Real questions never used for tuning: the honest measure, reported apart from DEVSET.
# Round 2 (17 questions), round 3 (20, first measured 2026-12-01) and round 4 (16, collected
# 2026-12-01, not yet measured), reported as one set.
FRESH = PROJECT_ROOT / "tests" / "devset" / "fresh_questions.yml"
FRESH_3 = PROJECT_ROOT / "tests" / "devset" / "fresh_questions_3.yml"
FRESH_4 = PROJECT_ROOT / "tests" / "devset" / "fresh_questions_4.yml"
FRESH_SETS = (FRESH, FRESH_3, FRESH_4)
HELDOUT_ACUTE = PROJECT_ROOT / "tests" / "safety" / "heldout_acute.txt"
KNOWLEDGE = PROJECT_ROOT / "knowledge"
MODEL = PROJECT_ROOT / "models" / "assistent.tar.gz"
WORKDIR = PROJECT_ROOT / "var" / "devset-eval"

# The first line of every acute reply (domain/safety.yml).
ACUTE_OPENING = "Hvis et barn er i fare nå: ring 112."
UNSURE_REPLIES = ("Mente du", "Det skjønte jeg ikke", "Det finner jeg ikke noe svar på")
# Youth-safe text: the helpline for young people and a safe adult.
YOUTH_HELPLINE = "116 111"
YOUTH_SAFE_WORDS = ("voksen du stoler på", "ikke alene")
CONFUSIONS_SHOWN = 12
# `make test` fails below this first-reply hit rate (tests/devset/test_hit_rate.py): the
# last measured value on the 246 questions, 223/246 (90.7 %, 2026-12-01, at EVAL_CLOCK),
# minus four questions (219/246 = 89.0 %). This floor only stops it getting worse.
# Earlier: 184/213 before the reading's wider signals, 58/86 before answers by asker,
# 10/33 before the reading of each message.
MIN_HIT_RATE = 0.89
# The same on the fresh sets, never tuned on: round 2 (17 questions) was 8/17 at its first
# measurement and 12/17 after the persona fixes; with round 3 (20 questions, first measured
# 2026-12-01, 10/20) 22/37 (59.5 %), minus three questions (19/37); 23/37 at EVAL_CLOCK.
# With round 4 (16 questions, first measured 2026-12-01, 9/16): 32/53, and 0.51 asks 28/53.
# See tests/devset/README.md.
MIN_FRESH_HIT_RATE = 0.51
# Free ports are picked by default; DEVSET_PORTS="rasa,action,web,redis" fixes them (for a
# machine shared with others who each keep to a port range).
PORT_NAMES = ("RASA_PORT", "ACTION_PORT", "WEB_PORT", "REDIS_PORT")
# The answers that name opening hours differ by the hour: the assistant is measured on a
# weekday morning, when the services are open (as the answer tests' MONDAY_MORNING).
EVAL_CLOCK = "2026-11-23T10:00"


@dataclass(frozen=True)
class DevQuestion:
    text: str
    source: str
    asker: str
    expect: Tuple[str, ...]
    sector: Optional[str] = None
    concerns: Tuple[str, ...] = ()
    kind: Optional[str] = None
    acute: bool = False


def load_devset(path: Path = DEVSET) -> List[DevQuestion]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    return [DevQuestion(text=e["text"], source=e["source"], asker=e["asker"],
                        expect=tuple(e["expect"]), sector=e.get("sector"),
                        concerns=tuple(e.get("concerns") or ()), kind=e.get("kind"),
                        acute=bool(e.get("acute"))) for e in entries]


def load_fresh() -> List[DevQuestion]:
    """Every held-out set, as one."""
    return [question for path in FRESH_SETS for question in load_devset(path)]


def load_heldout_acute(path: Path = HELDOUT_ACUTE) -> List[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def knowledge_base(directory: Path = KNOWLEDGE) -> KnowledgeBase:
    report = Report()
    return parse_documents(read_directory(directory, report).documents, report).knowledge_base()


def item_headings(kb: KnowledgeBase) -> Dict[str, str]:
    """The line that opens each item's answer, keyed like the dev set's «expect»."""
    headings = {f"regel:{r.id}": r.title for r in kb.rules.values()}
    headings.update({f"rutine:{r.id}": r.title for r in kb.routines.values()})
    headings.update({f"tjeneste:{s.id}": s.name for s in kb.services.values()})
    headings.update({f"ord:{t.id}": f"{t.term}:" for t in kb.terms.values()})
    headings.update({f"steg:{n.id}": n.title for n in kb.nodes.values()})
    return headings


def is_youth_safe(reply: str) -> bool:
    folded = reply.casefold()
    return YOUTH_HELPLINE in reply and any(w in folded for w in YOUTH_SAFE_WORDS)


def items_in(reply: str, headings: Dict[str, str]) -> List[str]:
    """Items whose answer the reply contains: a line starts with the item's heading."""
    lines = [line.strip().lstrip("• ") for line in reply.splitlines()]
    found = [key for key, heading in headings.items()
             if any(line.startswith(heading) for line in lines)]
    return found + (["youth_safe"] if is_youth_safe(reply) else [])


def starts_acute(replies: Sequence[str]) -> bool:
    return bool(replies) and replies[0].startswith(ACUTE_OPENING)


def is_unsure(replies: Sequence[str]) -> bool:
    return any(r.startswith(UNSURE_REPLIES) for r in replies)


@dataclass
class Outcome:
    question: DevQuestion
    replies: List[str]
    found: List[str]

    @property
    def item_hit(self) -> bool:
        return any(item in self.found for item in self.question.expect)

    @property
    def acute_ok(self) -> bool:
        return starts_acute(self.replies) if self.question.acute else True

    @property
    def hit(self) -> bool:
        return self.item_hit and self.acute_ok


def judge(question: DevQuestion, replies: List[str], headings: Dict[str, str]) -> Outcome:
    return Outcome(question, replies, items_in("\n".join(replies), headings))


@dataclass
class EvalReport:
    outcomes: List[Outcome]
    acute: List[Tuple[str, List[str]]] = field(default_factory=list)

    @property
    def hit_rate(self) -> float:
        return sum(o.hit for o in self.outcomes) / len(self.outcomes)

    @property
    def acute_recall(self) -> float:
        return sum(starts_acute(r) for _, r in self.acute) / len(self.acute) if self.acute else 1.0

    def confusions(self) -> List[Tuple[Tuple[str, str], int]]:
        """(expected, got instead) pairs of the misses, most frequent first."""
        pairs = Counter()
        for o in self.outcomes:
            if not o.hit:
                got = ", ".join(o.found) or ("Mente du/ikke forstått" if is_unsure(o.replies) else "annet")
                if not o.acute_ok:
                    got = "uten akuttblokk først; " + got
                pairs[(" | ".join(o.question.expect), got)] += 1
        return pairs.most_common(CONFUSIONS_SHOWN)


def _texts(messages: Iterable[dict]) -> List[str]:
    return [m["text"] for m in messages if isinstance(m, dict) and m.get("text")]


async def first_replies(chat_url: str, messages: Sequence[str], prefix: str) -> List[List[str]]:
    """Each message as the first message of its own new conversation."""
    async with ChatClient(chat_url, connections=4) as client:
        turns = [await client.send(f"{prefix}-{n:04d}", 1, text) for n, text in enumerate(messages)]
    return [_texts(turn.replies) for turn in turns]


def reading_accuracy(questions: Sequence[DevQuestion]) -> Dict[str, Tuple[int, int]]:
    """Per field of the reading: (right, total) on the dev set's labels."""
    from bot.understanding.reading import read_message  # noqa: PLC0415 (optional until built)
    scores: Dict[str, List[int]] = {"asker": [0, 0], "sector": [0, 0], "concerns": [0, 0],
                                    "kind": [0, 0], "urgent": [0, 0]}
    for q in questions:
        reading = read_message(q.text)
        checks = {"asker": reading.asker == q.asker,
                  "concerns": set(reading.concerns) == set(q.concerns),
                  "urgent": reading.urgent == q.acute}
        if q.sector:
            checks["sector"] = reading.sector == q.sector
        if q.kind:
            checks["kind"] = reading.kind == q.kind
        for name, right in checks.items():
            scores[name][0] += int(right)
            scores[name][1] += 1
    return {name: (right, total) for name, (right, total) in scores.items()}


def print_misses(report: EvalReport) -> None:
    """Each missed question with the start of what it got (``--misses``)."""
    for o in report.outcomes:
        if not o.hit:
            start = " / ".join(r.splitlines()[0] for r in o.replies[:2])
            print(f"  BOM [{o.question.asker}] {o.question.text[:90]}\n      -> {start[:160]}")
    for message, replies in report.acute:
        if not starts_acute(replies):
            print(f"  BOM [akutt] {message}\n      -> {' / '.join(replies)[:160]}")


def print_report(report: EvalReport, reading: Optional[Dict[str, Tuple[int, int]]],
                 title: str = "Dev-sett") -> None:
    total = len(report.outcomes)
    print(f"\n{title}: {total} ekte spørsmål, første svar")
    print(f"  Treff (forventet innhold, og akuttblokk først der det trengs): "
          f"{sum(o.hit for o in report.outcomes)}/{total} = {report.hit_rate:.1%}")
    by_asker: Dict[str, List[bool]] = {}
    for o in report.outcomes:
        by_asker.setdefault(o.question.asker, []).append(o.hit)
    for asker, hits in sorted(by_asker.items()):
        print(f"    {asker:16s} {sum(hits)}/{len(hits)}")
    if reading:
        print("  Lesingen, riktig per felt:")
        for name, (right, count) in reading.items():
            if count:
                print(f"    {name:10s} {right}/{count} = {right / count:.1%}")
    if report.acute:
        misses = [m for m, r in report.acute if not starts_acute(r)]
        print(f"  Akutt-recall, holdt-ut ({HELDOUT_ACUTE.name}): "
              f"{len(report.acute) - len(misses)}/{len(report.acute)} = {report.acute_recall:.1%}")
        for message in misses:
            print(f"    bommet: {message}")
    print("  Verste forvekslinger (forventet -> fikk):")
    for (expected, got), count in report.confusions():
        print(f"    {count} × {expected} -> {got}")


def evaluate(chat_url: str, questions: Sequence[DevQuestion], acute_messages: Sequence[str],
             kb: KnowledgeBase) -> EvalReport:
    headings = item_headings(kb)
    asyncio.run(first_replies(chat_url, ["hei"], "warm-up"))  # the first turn after start-up is slow
    replies = asyncio.run(first_replies(chat_url, [q.text for q in questions], "devset"))
    acute = asyncio.run(first_replies(chat_url, acute_messages, "heldout-acute"))
    return EvalReport([judge(q, r, headings) for q, r in zip(questions, replies)],
                   list(zip(acute_messages, acute)))


def start(model: Path = MODEL) -> RunningAssistant:
    """The assistant as `make run` serves it, on this checkout's model and knowledge."""
    # A new database each time: every question must be the first of its conversation.
    for stale in WORKDIR.glob("assistent.db*"):
        stale.unlink()
    fixed = os.environ.get("DEVSET_PORTS", "").split(",")
    ports = dict(zip(PORT_NAMES, fixed)) if len(fixed) == len(PORT_NAMES) else {}
    return start_assistant(model, WORKDIR, KNOWLEDGE,
                           {"RASA_PROCESSES": "1", "ASSISTANT_CLOCK": EVAL_CLOCK, **ports})


def run() -> int:
    if not MODEL.exists():
        print(f"Fant ingen modell i {MODEL}. Kjør «make train» først.", file=sys.stderr)
        return 1
    # --dev-only: for whoever tunes on the dev set; the fresh set's questions and
    # misses must stay unseen by them.
    questions = load_devset()
    fresh = [] if "--dev-only" in sys.argv else load_fresh()
    kb = knowledge_base()
    assistant = start()
    try:
        chat_url = f"{assistant.web_url}/api/chat"
        report = evaluate(chat_url, questions, load_heldout_acute(), kb)
        # Empty between collections: its questions moved into the dev set once measured.
        fresh_report = evaluate(chat_url, fresh, [], kb) if fresh else None
    finally:
        assistant.stop()
    if "--misses" in sys.argv:
        print_misses(report)
    if "--fresh-misses" in sys.argv and fresh_report:
        print_misses(fresh_report)
    print_report(report, reading_accuracy(questions))
    if fresh_report:
        print_report(fresh_report, reading_accuracy(fresh),
                     f"Ferske holdout-sett ({', '.join(p.name for p in FRESH_SETS)}, aldri brukt til tuning)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(run())
