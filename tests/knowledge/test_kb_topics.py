"""Topics («temaer») are content: an editor adds a subject and the item that answers it in
knowledge/, `kb check` stops a broken one, and the answer follows without a Python change."""

import time
from datetime import date

import pytest
import regex

from bot.dialogue.answers import topics
from bot.dialogue.answers.items import ItemRef
from bot.knowledge.checker import check_directory
from bot.knowledge.model import ItemKind, Topic
from tests.knowledge.test_kb_checker import edit, item


def _errors(directory):
    return [str(p) for p in check_directory(directory, today=date(2026, 11, 30)).report.errors]


@pytest.mark.parametrize("change, expected", [
    (lambda t: t.update(svar="regel:finnes-ikke"), "viser til regel «finnes-ikke», som ikke finnes"),
    (lambda t: t.update(svar="samtykke"), "«svar» skal være f.eks. «regel:samtykke»"),
    (lambda t: t.update(mønstre=["(uten slutt"]), "mønster nr. 1 kan ikke leses"),
    (lambda t: t.pop("mønstre"), "temaet har ingen mønstre"),
])
def test_a_broken_topic_is_stopped_with_a_plain_message(content_copy, change, expected):
    edit(content_copy, "temaer.yml", lambda d: change(item(d, "temaer", "samtykke")))
    assert any(expected in e and "temaer.yml" in e for e in _errors(content_copy))


def test_a_step_for_private_persons_must_exist(content_copy):
    edit(content_copy, "regler.yml",
         lambda d: item(d, "regler", "opplysningsplikt").update(for_privatpersoner="borte"))
    assert any("viser til steget «borte»" in e for e in _errors(content_copy))


def test_an_editor_adds_a_topic_and_it_answers(content_copy):
    edit(content_copy, "temaer.yml", lambda d: d["temaer"].insert(0, {
        "id": "ordet-bti", "tittel": "BTI", "mønstre": [r"\bstafettlogg"], "svar": "begrep:bti"}))
    kb = check_directory(content_copy).content.knowledge_base()
    named = topics.first_topic(kb.topics.values(), "Hvem fører stafettloggen?")
    assert topics.topic_answer(kb, named) == ItemRef(ItemKind.TERM, "bti")
    assert topics.first_topic(topics.knowledge_in(content_copy).topics.values(), "hva er en stafettlogg") is not None


def test_the_first_topic_that_matches_wins(kb):
    # «drøfte anonymt» names both; drøfting comes first in the file.
    named = topics.first_topic(kb.topics.values(), "Kan vi drøfte saken anonymt med barnevernet?")
    assert topics.topic_rule(named) == "anonym-drofting"


def test_a_private_person_gets_the_step_written_for_them(kb):
    named = topics.first_topic(kb.topics.values(), "hvordan sender jeg en bekymringsmelding?")
    staff = topics.topic_answer(kb, named)
    parent = topics.topic_answer(kb, named, private_person=True)
    assert staff == ItemRef(ItemKind.ROUTINE, "sende-bekymringsmelding")
    assert parent == ItemRef(ItemKind.NODE, "privatperson")


def test_a_pattern_that_backtracks_without_end_gives_up_and_names_nothing(caplog):
    """An editor's pattern must not hold the Rasa process (and every conversation in it)."""
    runaway = Topic(id="løper-løpsk", title="", pattern=regex.compile(r"(?:a|aa)+$"),
                    answer_kind=ItemKind.RULE, answer_id="samtykke")
    started = time.monotonic()
    assert runaway.is_named_in("a" * 60 + "!") is False
    assert time.monotonic() - started < 1.0
    assert "løper-løpsk" in caplog.text
