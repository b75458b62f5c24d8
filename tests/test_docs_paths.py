"""Every file, folder and module the README and docs/ name exists, so a newcomer
following them never lands on a path a reorganisation left behind."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# Made by running the assistant, not part of the repository.
GENERATED = ("results/", "var/", "models/")
REPO_PATH = re.compile(r"(?<![\w./:-])((?:bot|actions|devtools|tests|data|domain|knowledge|deploy"
                       r"|bench|scripts|docs|results|var|models)/[\w./-]*)")
MODULE = re.compile(r"(?<![\w./-])((?:bot|actions|devtools)(?:\.\w+)+)")
LINK = re.compile(r"\]\(([^)#\s]*)(?:#([^)\s]+))?\)")


def _heading_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(document: Path):
    return {_heading_anchor(h) for h in re.findall(r"^#+ (.*)$", document.read_text(), re.M)}


def _is_module(dotted: str) -> bool:
    """True when the dotted name is a module, or an attribute of one (a class, a function)."""
    parts = dotted.split(".")
    for length in (len(parts), len(parts) - 1):
        base = ROOT.joinpath(*parts[:length])
        if base.with_suffix(".py").exists() or (base / "__init__.py").exists():
            return True
    return False


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_named_paths_and_modules_exist(document):
    text = document.read_text()
    missing = [path for path in set(REPO_PATH.findall(text))
               if "*" not in path and not path.startswith(GENERATED)
               and not (ROOT / path.rstrip(".,")).exists()]
    missing += [name for name in set(MODULE.findall(text)) if not _is_module(name)]
    assert not missing, f"{document.name} names paths that do not exist: {sorted(missing)}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_links_lead_somewhere(document):
    broken = []
    for target, anchor in LINK.findall(document.read_text()):
        if target.startswith("http"):
            continue
        linked = (document.parent / target) if target else document
        if not linked.exists() or (anchor and anchor not in _anchors(linked)):
            broken.append(f"{target}#{anchor}" if anchor else target)
    assert not broken, f"{document.name} has broken links: {broken}"
