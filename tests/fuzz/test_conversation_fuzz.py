"""Random conversations never meet a dead end.

The fuzz run itself needs the trained model and starts the whole assistant
(RUN_FUZZ=1, see conftest.py); FUZZ_CONVERSATIONS sets its size (1000 in
`make test`), FUZZ_SEED the seed and FUZZ_PORTS the ports. The other tests check the generator and
the checks without Rasa.
"""

import os

import pytest

from tests.fuzz import conversations as fuzz_conversations
from tests.fuzz.conversations import (
    ACUTE_FIRST_LINE, FRESH_START_LINE, Bubble, ConversationPlan, MessagePool, Turn, nlu_examples,
    replay_script, turn_problem,
)
from tests.fuzz.run import run, sender_for, tripped_senders

ACUTE = frozenset({"han banker meg"})


@pytest.fixture(scope="module")
def pool() -> MessagePool:
    return MessagePool.load()


def test_the_pool_holds_every_nlu_example_and_the_acute_set(pool):
    assert "hei" in pool.nlu and "jeg er lærer" in " ".join(pool.nlu)
    assert not any("](" in example for example in pool.nlu)
    assert len(pool.nlu) > 500 and len(pool.acute) >= 90


def test_a_seed_gives_the_same_conversation(pool):
    first, again = ConversationPlan(pool, 14, 3), ConversationPlan(pool, 14, 3)
    assert [first.next_message(["/a"]) for _ in range(20)] == [again.next_message(["/a"]) for _ in range(20)]


def test_every_kind_of_message_is_drawn(pool):
    drawn = {ConversationPlan(pool, 14, i).next_message(["/klikk"]) for i in range(3000)}
    for kind in (pool.acute, fuzz_conversations.RESTARTS, fuzz_conversations.SHORT_REPLIES,
                 fuzz_conversations.FOLLOW_UPS, fuzz_conversations.PAYLOADS,
                 fuzz_conversations.NONSENSE, pool.nlu, ("/klikk",)):
        assert drawn & set(kind)


@pytest.mark.parametrize("turn, problem", [
    (Turn("nei", 503), "HTTP 503"),
    (Turn("nei", 200, []), "tomt svar"),
    (Turn("nei", 200, [Bubble("Det skjønte jeg ikke.")] * 10), "samme blokk flere ganger i ett svar"),
    (Turn("nei", 200, [Bubble(str(n)) for n in range(4)]), "4 bobler (høyst 3)"),
    (Turn("han banker meg", 200, [Bubble("Takk for at du sier fra.")]),
     "akutt melding fikk ikke akuttsvaret først"),
    (Turn("start på nytt", 200, [Bubble("Hei!")]), "«start på nytt» startet ikke på nytt"),
    (Turn("han banker meg", 200, [Bubble(ACUTE_FIRST_LINE + "\nRing 113.")]), None),
    (Turn("/restart", 200, [Bubble(FRESH_START_LINE + " Ingenting er med videre.")]), None),
])
def test_the_checks(turn, problem):
    assert turn_problem(turn, ACUTE) == problem


def test_a_failure_is_printed_as_a_script_to_replay():
    assert replay_script(["hei", "nei", "det er'n"]) == \
        ".venv/bin/python -m tests.fuzz --replay 'hei' 'nei' 'det er'\"'\"'n'"


def test_a_tripped_loop_guard_is_found_in_the_log():
    sender = sender_for(14, 1234)
    log = (f"WARNING rasa.core.processor - Circuit breaker tripped. Stopped predicting more "
           f"actions for sender '{sender}'.\nWARNING bot.rasa_integration.turn_guard - Loop guard tripped for "
           f"sender '{sender}'; the turn ends listening.")
    assert tripped_senders(log) == {sender: 2}
    assert not any(character.isdigit() for character in sender.split("-")[1])


@pytest.mark.whole_assistant
def test_random_conversations_never_meet_a_dead_end(tmp_path):
    size = int(os.environ.get("FUZZ_CONVERSATIONS", "1000"))
    ports = os.environ.get("FUZZ_PORTS")  # Rasa's port (see python -m tests.fuzz --help); else free ones
    result = run(size, seed=int(os.environ.get("FUZZ_SEED", "14")), workdir=tmp_path,
                 ports=int(ports) if ports else None)
    for failure in result.failures:
        print(failure.report(), end="\n\n")
    print(result.summary())
    assert result.conversations == size and result.turns >= 2 * size
    assert not result.failures, f"{result.broken} ødelagte samtaler (se over)"
