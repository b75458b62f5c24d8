"""The limit on the bubbles of one reply (compose.within_bubbles): in the walk a side question
gets two bubbles, so «Vil du fortsette der vi var?» comes third. The bubbles past the limit are
joined, never dropped: the emergency numbers, the sources and every button stay in the reply."""

from bot.dialogue.answers.compose import WALK_ANSWER_BUBBLES, Question, answer, within_bubbles
from bot.dialogue.guide.render import Button, Message
from bot.understanding.reading import read_message

from tests.answers.conftest import SATURDAY_EVENING

RULE = Message("Opplysningsplikt\nKort svar: …\nKilder: Barnevernsloven § 13-2 (sist kontrollert 22.11.2026).")
DOUBT = Message("Haster det? Disse svarer nå:\n• Alarmtelefonen for barn og unge 116 111")
STEP = Message("Er du forelder, nabo eller en annen privatperson? Da gjelder dette:")
OTHER_PART = Button("Taushetsplikt", "/ask_rule")
NOTE = Message("Svaret over gjelder opplysningsplikt. Du spurte også om mer:", (OTHER_PART,))
WORRY = Button("Jeg er bekymret for et barn", "/worry_about_child")


def test_a_reply_within_the_limit_is_kept_as_it_is():
    assert within_bubbles((RULE, DOUBT), 2) == (RULE, DOUBT)
    assert within_bubbles((RULE, DOUBT, STEP)) == (RULE, DOUBT, STEP)  # no limit


def test_the_bubbles_past_the_limit_join_the_last_one_allowed_in_order():
    first, last = within_bubbles((RULE, DOUBT, STEP), 2)
    assert first == RULE
    assert last.text == f"{DOUBT.text}\n{STEP.text}"


def test_nothing_is_dropped_the_sources_and_emergency_numbers_stay():
    reply = within_bubbles((RULE, DOUBT, STEP), 1)
    assert len(reply) == 1
    text = reply[0].text
    assert "Kilder: Barnevernsloven § 13-2 (sist kontrollert 22.11.2026)." in text and "116 111" in text
    assert text.splitlines() == [line for m in (RULE, DOUBT, STEP) for line in m.text.splitlines()]
    # A blank line would make Rasa's REST channel split the text into another bubble again.
    assert "\n\n" not in text


def test_the_buttons_of_joined_bubbles_are_kept_after_their_text():
    with_buttons = Message(DOUBT.text, (WORRY,))
    reply = within_bubbles((RULE, with_buttons, STEP, NOTE), 2)
    assert reply[-1].buttons == (WORRY, OTHER_PART)


def test_a_joined_bubble_asks_for_feedback_only_when_every_part_did():
    acute_step = Message("Ring 112 nå.", ask_feedback=False)
    assert within_bubbles((RULE, DOUBT, acute_step), 2)[-1].ask_feedback is False
    assert within_bubbles((RULE, DOUBT, STEP), 2)[-1].ask_feedback is True


def test_the_note_shares_the_last_bubble_when_that_has_no_buttons():
    reply = within_bubbles((RULE, DOUBT), note=NOTE)
    assert reply == (RULE, Message(f"{DOUBT.text}\n{NOTE.text}", (OTHER_PART,)))


def test_the_note_gets_its_own_bubble_after_a_bubble_with_buttons():
    offer = Message("Hvem er du? Da tilpasser jeg svaret.", (WORRY,))
    assert within_bubbles((RULE, offer), note=NOTE) == (RULE, offer, NOTE)
    assert within_bubbles((), note=NOTE) == (NOTE,)


def test_the_note_comes_last_also_when_the_limit_joins_bubbles():
    offer = Message("Hvem er du? Da tilpasser jeg svaret.", (WORRY,))
    first, last = within_bubbles((RULE, offer, STEP), 2, NOTE)
    assert first == RULE
    assert last.text.splitlines()[-1] == NOTE.text and last.buttons == (WORRY, OTHER_PART)


def test_a_reported_parents_side_question_in_the_walk_keeps_everything_in_two_bubbles(kb, search):
    """Three bubbles outside the walk (the rule, the parent's companion rule, who answers now);
    two in the walk, with the sources of both rules and the helpline still in them."""
    text = "barnevernet har fått en bekymringsmelding om oss. hva skjer nå? har vi rettigheter?"
    question = Question("ask_rule", text, reading=read_message(text))
    alone = answer(kb, search, question, SATURDAY_EVENING)
    in_walk = answer(kb, search, Question("ask_rule", text, in_walk=True, reading=read_message(text)),
                     SATURDAY_EVENING)
    assert len(alone.messages) > WALK_ANSWER_BUBBLES
    assert len(in_walk.messages) == WALK_ANSWER_BUBBLES
    walk_text = "\n".join(m.text for m in in_walk.messages)
    assert walk_text.count("sist kontrollert") == 2 and "116 111" in walk_text
