"""Reading the YAML files in ``knowledge/`` and fingerprinting them."""

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import List

import yaml

from bot.knowledge.problems import Context, Report
from bot.knowledge.schema import SourceDocument

PATTERNS = ("*.yml", "*.yaml")
# libyaml's parser: the same documents and error marks, about 15x faster, so an
# edit is live sooner. PyYAML's own parser where libyaml is not built in.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def content_files(directory: Path) -> List[Path]:
    """Every YAML file under ``directory``, in a stable order."""
    files = {path for pattern in PATTERNS for path in directory.rglob(pattern)}
    return sorted(files, key=lambda p: p.relative_to(directory).as_posix())


def display_name(directory: Path, path: Path) -> str:
    return f"{directory.name}/{path.relative_to(directory).as_posix()}"


def fingerprint(directory: Path) -> str:
    """Changes whenever a content file is added, removed, renamed or edited."""
    digest = hashlib.sha256()
    for path in content_files(directory):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class SourceSet:
    documents: List[SourceDocument]
    fingerprint: str


def read_directory(directory: Path, report: Report) -> SourceSet:
    """Parse the YAML of every file; syntax errors go to ``report`` with a line number."""
    documents = []
    if not directory.is_dir():
        Context(report, str(directory)).error("mappen med innhold finnes ikke")
        return SourceSet([], "")
    for path in content_files(directory):
        name = display_name(directory, path)
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
        except UnicodeDecodeError:
            Context(report, name).error("filen er ikke lagret som UTF-8")
            continue
        except yaml.YAMLError as problem:
            mark = getattr(problem, "problem_mark", None)
            place = f"linje {mark.line + 1}, kolonne {mark.column + 1}" if mark else "ukjent sted"
            Context(report, name).error(
                f"filen kan ikke leses ({place}). Sjekk innrykk, kolon og bindestreker."
            )
            continue
        if data is None:
            Context(report, name).warn("filen er tom")
            continue
        documents.append(SourceDocument(name, data))
    return SourceSet(documents, fingerprint(directory))
