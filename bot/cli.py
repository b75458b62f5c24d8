"""The sub-commands of ``python -m bot``.

Each entry adds one sub-parser and sets ``handler``; modules import their
heavy dependencies inside the handler so ``--help`` stays fast.
"""

import argparse
from typing import Callable, List

Register = Callable[[argparse._SubParsersAction], None]


def _run(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run", help="Start Rasa, action-serveren og nettsiden, og vent på Ctrl-C."
    )

    def handler(args: argparse.Namespace) -> int:
        from bot.servers.supervisor import run_all

        return run_all()

    parser.set_defaults(handler=handler)


def _web(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("web", help="Start bare nettserveren (chat-siden).")

    def handler(args: argparse.Namespace) -> int:
        from bot.servers.web_server import serve

        return serve()

    parser.set_defaults(handler=handler)


def _kb(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "kb", help="Kunnskapsbasen: check (sjekk), load (last inn), search (søk)."
    )
    parser.add_argument("kb_args", nargs=argparse.REMAINDER, metavar="check|load|search ...")

    def handler(args: argparse.Namespace) -> int:
        from bot.knowledge.cli import main

        return main(args.kb_args)

    parser.set_defaults(handler=handler)


def _purge(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "purge", help="Slett samtaler som er eldre enn lagringstiden (RETENTION_DAYS, standard 30)."
    )
    parser.add_argument(
        "--older-than", metavar="DAGER",
        help="Slett hendelser eldre enn dette, for eksempel 30d. Standard: RETENTION_DAYS.",
    )

    def handler(args: argparse.Namespace) -> int:
        import sys

        from bot.safety.retention import PurgeFailed, parse_days, purge_old_events
        from bot.platform.settings import Settings

        settings = Settings.from_env()
        try:
            days = parse_days(args.older_than) if args.older_than else settings.retention_days
        except ValueError as error:
            parser.error(str(error))
        # Run on a schedule (deploy/purge.*): a failure must show as a failed job.
        try:
            report = purge_old_events(settings.database_url, days, require_conversations=True)
        except PurgeFailed as error:
            print(f"Slettingen av gamle samtaler feilet: {error}", file=sys.stderr)
            return 1
        print(f"Slettet {report.events_deleted} hendelser eldre enn {days} dager "
              f"({report.conversations_removed} hele samtaler).")
        return 0

    parser.set_defaults(handler=handler)


REGISTRY: List[Register] = [_run, _web, _kb, _purge]
