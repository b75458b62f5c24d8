"""Command line: ``python -m bot <command>``."""

import argparse
import sys
from typing import List, Optional

from bot import cli


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Verktøy for barnevernsassistenten.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    subparsers.required = True
    for register in cli.REGISTRY:
        register(subparsers)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
