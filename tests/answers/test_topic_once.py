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

# Question intents whose answers take different paths through compose.
INTENTS = (Intent.ASK_RULE, Intent.ASK_TERM, Intent.ASK_ROUTINE, Intent.ASK_HUMAN)


@pytest.fixture
def pattern_searches(monkeypatch):
    """The topics whose patterns have run over a message since the list was last cleared."""
    searches = []
    named_in = Topic.is_named_in
    monkeypatch.setattr(Topic, "is_named_in", lambda topic, text: searches.append(topic.id) or named_in(topic, text))
    return searches


def _walked_again(kb, searches, respond):
    """The dev-set questions for which ``respond(text)`` ran more topic patterns than one walk
    over the topics does (it stops at the first match)."""
    walked_again = []
    for question in load_devset():
        searches.clear()
        first_topic(kb.topics.values(), question.text)
        one_walk = list(searches)
        searches.clear()
        respond(question.text)
        if searches != one_walk:
            walked_again.append(question.text)
    return walked_again


@pytest.mark.parametrize("intent", INTENTS)
def test_each_dev_set_question_walks_the_topics_once(kb, search, pattern_searches, intent):
    assert not _walked_again(kb, pattern_searches, lambda text: answer(
        kb, search, Question(intent, text, reading=read_message(text)), MONDAY_MORNING))


def test_the_answer_after_an_emergency_walks_the_topics_once(kb, search, pattern_searches):
    assert not _walked_again(kb, pattern_searches, lambda text: after_acute(
        kb, search, Question("", text, reading=read_message(text)), MONDAY_MORNING))
