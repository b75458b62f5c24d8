"""``python -m bot kb check|load|search``: commands for the municipality's editors."""

import argparse
import os
import sys
import time
from pathlib import Path
from typing import List

from bot.platform.settings import Settings


def _parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot kb", description="Kunnskapsbasen: sjekk, last inn og søk."
    )
    parser.add_argument(
        "--mappe", type=Path, default=settings.knowledge_dir,
        help=f"mappen med innholdsfilene (standard: {settings.knowledge_dir})",
    )
    commands = parser.add_subparsers(dest="kb_command", metavar="KOMMANDO")
    commands.required = True
    commands.add_parser("check", help="Sjekk alle filene og fortell hva som er feil.")
    load = commands.add_parser("load", help="Sjekk og last inn innholdet (alt eller ingenting).")
    load.add_argument("--database-url", default=settings.database_url)
    search = commands.add_parser("search", help="Søk i innholdet.")
    search.add_argument("query", help="spørsmålet, i anførselstegn")
    search.add_argument("--antall", type=int, default=5)
    return parser


def _check(args: argparse.Namespace) -> int:
    from bot.knowledge.checker import check_directory

    result = check_directory(args.mappe)
    print(result.report.as_text())
    if result.report.ok:
        print("Alt i orden. Kjør «python -m bot kb load» for å ta innholdet i bruk.")
    return 0 if result.report.ok else 1


def _load(args: argparse.Namespace) -> int:
    from bot.knowledge.store import KnowledgeBaseInvalid, load_directory

    started = time.perf_counter()
    try:
        result = load_directory(args.mappe, args.database_url)
    except KnowledgeBaseInvalid as invalid:
        print(invalid.report.as_text())
        print("Ingenting ble lastet inn. Rett feilene og prøv igjen.")
        return 1
    print(result.report.as_text())
    print(
        f"Lastet {result.item_count} elementer som versjon {result.version} "
        f"på {time.perf_counter() - started:.2f} s."
    )
    return 0


def _search(args: argparse.Namespace) -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # spaCy pulls in TensorFlow
    from bot.knowledge.checker import check_directory
    from bot.knowledge.search import SearchIndex

    result = check_directory(args.mappe)
    if not result.report.ok:
        print("Innholdet har feil. Kjør «python -m bot kb check» først.")
        return 1
    hits = SearchIndex.build(result.content.knowledge_base()).search(args.query, args.antall)
    if not hits:
        print("Fant ingenting.")
    for hit in hits:
        print(f"{hit.score:7.2f}  {hit.kind.value:<13} {hit.id:<32} {hit.title}")
    return 0


HANDLERS = {"check": _check, "load": _load, "search": _search}


def main(argv: List[str]) -> int:
    args = _parser(Settings.from_env()).parse_args(argv)
    return HANDLERS[args.kb_command](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
