"""Every dev-set entry is traceable and checkable: a real source, known knowledge items."""

from collections import Counter

import yaml

import pytest

from devtools.evaluation.devset import DEVSET, FRESH_SETS, item_headings, knowledge_base, load_devset
from bot.knowledge.model import Role
from bot.understanding.reading import AnswerKind, Asker, Concern

ASKERS = {a.value for a in Asker} - {Asker.UNKNOWN.value}
# The users' own words quoted in the issue tracker; everything else comes from a public page.
ISSUE_SOURCES = {"issue 15"}
# The dev set, and the fresh sets never used for tuning.
QUESTION_SETS = pytest.mark.parametrize("questions", [DEVSET, *FRESH_SETS], ids=lambda path: path.name)


@QUESTION_SETS
def test_every_entry_has_a_source_url(questions):
    missing = [q.text for q in load_devset(questions)
               if not q.source.startswith(("https://", "http://")) and q.source not in ISSUE_SOURCES]
    assert not missing, f"Uten kilde-URL: {missing}"


@QUESTION_SETS
def test_every_expected_id_exists_in_the_knowledge_base(questions):
    known = set(item_headings(knowledge_base())) | {"youth_safe"}
    unknown = sorted({f"{e} ({q.text[:40]})" for q in load_devset(questions) for e in q.expect
                      if e not in known})
    assert not unknown, f"Ukjente id-er i expect: {unknown}"


@QUESTION_SETS
def test_every_entry_is_annotated_with_known_values(questions):
    kinds = {k.value for k in AnswerKind}
    concerns = {c.value for c in Concern}
    sectors = {r.value for r in Role}
    for q in load_devset(questions):
        assert q.asker in ASKERS, q.text
        assert q.expect, q.text
        assert q.kind in kinds, q.text
        assert set(q.concerns) <= concerns, q.text
        assert q.sector is None or (q.asker == "professional" and q.sector in sectors), q.text


def test_no_question_is_in_the_sets_twice():
    texts = Counter(" ".join(e["text"].casefold().split()) for path in (DEVSET, *FRESH_SETS)
                    for e in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"])
    assert not [t for t, n in texts.items() if n > 1]
