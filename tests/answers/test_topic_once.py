"""The subject a question names (knowledge/temaer.yml) is found once per question: every
pattern of every topic runs over the text, so each answer walks the topics at most once
and carries the topic it found through the rest of the answer."""

import pytest

from bot.dialogue.answers.compose import Question, after_acute, answer
from bot.dialogue.answers.topics import first_topic
from bot.dialogue.names import Intent
from bot.knowledge.model import Topic
from bot.understanding.reading import read_message
from devtools.evaluation.devset import load_devset

from tests.answers.conftest import MONDAY_MORNING

# The question intents that look a subject up in more than one place.
INTENTS = (Intent.ASK_RULE, Intent.ASK_TERM, Intent.ASK_ROUTINE, Intent.ASK_HUMAN)


@pytest.fixture
def pattern_searches(monkeypatch):
    """How many topic patterns have run over a message since the last reset."""
    searches = []
    named_in = Topic.is_named_in
    monkeypatch.setattr(Topic, "is_named_in", lambda topic, text: searches.append(topic.id) or named_in(topic, text))
    return searches


def _one_walk(kb, text, searches):
    """The patterns one walk over the topics runs for ``text`` (it stops at the first match)."""
    searches.clear()
    first_topic(kb.topics.values(), text)
    walk = list(searches)
    searches.clear()
    return walk


@pytest.mark.parametrize("intent", INTENTS)
def test_each_dev_set_question_walks_the_topics_once(kb, search, pattern_searches, intent):
    walked_again = []
    for question in load_devset():
        text = question.text
        walk = _one_walk(kb, text, pattern_searches)
        answer(kb, search, Question(intent, text, reading=read_message(text)), MONDAY_MORNING)
        if pattern_searches != walk:
            walked_again.append(text)
    assert not walked_again


def test_the_answer_after_an_emergency_walks_the_topics_once(kb, search, pattern_searches):
    walked_again = []
    for question in load_devset():
        text = question.text
        walk = _one_walk(kb, text, pattern_searches)
        after_acute(kb, search, Question("", text, reading=read_message(text)), MONDAY_MORNING)
        if pattern_searches != walk:
            walked_again.append(text)
    assert not walked_again
