"""`make test` fails when the first reply to real questions gets worse.

The whole assistant runs (trained model, action server, web server) and each
dev-set question is the first message of a new conversation, as in `make eval`.
"""

import pytest

from devtools.evaluation import devset


@pytest.fixture(scope="module")
def reports(trained_model):
    assistant = devset.start(trained_model)
    kb = devset.knowledge_base()
    chat_url = f"{assistant.web_url}/api/chat"
    try:
        yield (devset.evaluate(chat_url, devset.load_devset(), devset.load_heldout_acute(), kb),
               devset.evaluate(chat_url, devset.load_fresh(), [], kb))
    finally:
        assistant.stop()


@pytest.fixture(scope="module")
def report(reports):
    return reports[0]


def test_first_reply_hit_rate_on_the_fresh_set_holds(reports):
    fresh = reports[1]
    if not fresh.outcomes:
        pytest.skip("fresh_questions.yml is empty until the next held-out set is collected")
    assert fresh.hit_rate >= devset.MIN_FRESH_HIT_RATE, [
        o.question.text for o in fresh.outcomes if not o.hit]
    assert [o.question.text for o in fresh.outcomes if not o.acute_ok] == []


def test_first_reply_hit_rate_holds(report):
    assert report.hit_rate >= devset.MIN_HIT_RATE, [
        o.question.text for o in report.outcomes if not o.hit]


def test_no_dev_set_question_that_needs_the_emergency_block_misses_it(report):
    assert [o.question.text for o in report.outcomes if not o.acute_ok] == []
