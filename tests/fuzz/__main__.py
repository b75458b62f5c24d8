"""python -m tests.fuzz --conversations 10000 (make fuzz), or --replay 'hei' 'nei' …"""

import argparse
import sys
import tempfile
from pathlib import Path

from bot.platform.settings import PROJECT_ROOT
from tests.fuzz.run import replay, run


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--conversations", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--ports", type=int, help="Rasa's port; +1 a second Rasa, +10 actions, +20 web, "
                                                 "+30 Redis (default: free ports)")
    parser.add_argument("--replay", nargs="+", metavar="MELDING",
                        help="send these messages as one conversation and print the answers")
    args = parser.parse_args()
    (PROJECT_ROOT / "var").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fuzz-", dir=PROJECT_ROOT / "var") as workdir:
        if args.replay:
            for turn in replay(args.replay, Path(workdir), args.ports):
                print(f"> {turn.sent}" + ("" if turn.status == 200 else f"  (HTTP {turn.status})"))
                for bubble in turn.bubbles:
                    print("  < " + bubble.text.replace("\n", "\n    ") + "".join(
                        f"\n    [{payload}]" for payload in bubble.buttons))
            return 0
        result = run(args.conversations, args.seed, Path(workdir), args.ports)
    for failure in result.failures:
        print(failure.report(), end="\n\n")
    print(result.summary(), flush=True)
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
