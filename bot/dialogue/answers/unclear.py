"""Replies to messages the assistant cannot answer as asked.

Every message gets one answer: an unclear message gets the topics, a second
unclear one in a row offers people to talk to, and a bare «ja», «nei» or «vet
ikke» outside the guided walk answers what the assistant said last. Each of
these replies carries the safety line, in case a child is in danger.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Optional, Tuple

from bot.dialogue.answers import for_asker
from bot.dialogue.answers.compose import (
    SAFETY_LINE, TOPIC_BUTTONS, Search, human_answer, item_answer, named_item, nothing_fits, suggestions,
)
from bot.dialogue.answers.topics import first_topic, topic_answer
from bot.dialogue.guide.interpret import Reply, reply_in
from bot.dialogue.guide.render import UNSURE_ABOUT_DANGER, Button, Message
from bot.dialogue.names import Action, Intent, Response
from bot.knowledge.model import KnowledgeBase, Role
from bot.understanding.reading import Reading

NOT_UNDERSTOOD = (
    "Det skjønte jeg ikke helt, beklager. Jeg kan hjelpe deg med hva du gjør når du er bekymret "
    "for et barn, med meldeplikt, taushetsplikt og samtykke, med kommunens rutiner og ord som "
    "BTI, og med kontakter og åpningstider. Velg et tema, eller prøv å si det på en annen måte."
)
OUT_OF_SCOPE = (
    "Det kan jeg dessverre ikke hjelpe med. Jeg er laget for spørsmål om barn det er grunn til å "
    "være bekymret for: hva du kan gjøre, hvilke plikter du har, og hvem du kan kontakte."
)
STILL_UNCLEAR = ("Jeg forstår deg dessverre ikke helt. Vil du heller snakke med et menneske? "
                 "Disse kan hjelpe deg:")
HUMAN_BUTTON = Button("Ja, jeg vil snakke med et menneske", f"/{Intent.ASK_HUMAN}")
# From this many unclear messages in a row, people to talk to come first.
OFFER_A_PERSON_FROM = 2

# «ok» acknowledges; it does not say yes to «Er et barn i fare nå?».
_ACKNOWLEDGEMENTS = {"ok", "okei", "oki", "greit", "fint", "skjønner", "forstår"}
WHAT_MORE = "Hva vil du vite mer om? Velg et tema, eller skriv spørsmålet med egne ord."
_REPLY_OPENINGS = {Reply.YES: "", Reply.NO: "Greit. ", Reply.UNSURE: "Det er helt greit. "}
OLD_WALK_BUTTON = ("Den knappen hører til en gjennomgang av handlingsveilederen som er "
                   "avsluttet. Vil du begynne på nytt, eller lure på noe annet?")


def _with_safety(text: str) -> str:
    return f"{text}\n{SAFETY_LINE}"


def unclear_reply(kb: KnowledgeBase, search: Search, text: str, intent: str, in_a_row: int,
                  now: datetime) -> Tuple[Message, ...]:
    """``in_a_row``: unclear messages in a row, this one included."""
    if intent == Intent.OUT_OF_SCOPE:
        return (Message(_with_safety(OUT_OF_SCOPE), TOPIC_BUTTONS),)
    if in_a_row >= OFFER_A_PERSON_FROM:
        return nothing_fits(kb, now, STILL_UNCLEAR, (HUMAN_BUTTON,) + TOPIC_BUTTONS)
    named = named_item(kb, text) if text else None
    if named:
        return item_answer(kb, named, None, False, now)
    suggested = suggestions(search, text) if text else None
    return (suggested,) if suggested else (Message(_with_safety(NOT_UNDERSTOOD), TOPIC_BUTTONS),)


def counts_as_unclear(intent: str) -> bool:
    """An off-topic message is understood; it just cannot be helped with."""
    return intent != Intent.OUT_OF_SCOPE


@dataclass(frozen=True)
class ShortReply:
    messages: Tuple[Message, ...] = ()
    response: Optional[str] = None  # a response of the domain instead of messages
    starts_walk: bool = False
    answers_question: bool = False  # the asker's own answer (a young person), not the walk


def offered_a_person(previous_action: Optional[str], unclear_in_a_row: int) -> bool:
    return previous_action == Response.BOT_CHALLENGE or (
        previous_action == Action.UNCLEAR and unclear_in_a_row >= OFFER_A_PERSON_FROM)


def short_reply(kb: KnowledgeBase, text: str, old_walk_button: bool, previous_action: Optional[str],
                unclear_in_a_row: int, role: Optional[Role], now: datetime,
                reading: Optional[Reading] = None) -> ShortReply:
    """A short answer outside the guided walk, read against what the assistant said last;
    ``reading`` has the asker known from earlier in the conversation."""
    if old_walk_button:
        return ShortReply((Message(_with_safety(OLD_WALK_BUTTON), TOPIC_BUTTONS),))
    reply = reply_in(text)
    if reply is None:
        # «usikker på samværet»: a walk word in a question whose subject the content answers.
        named = topic_answer(kb, first_topic(kb.topics.values(), text))
        if named:
            return ShortReply(item_answer(kb, named, role, False, now))
        # The walk's own words ("far drikker", "vold") outside the walk: a worry, which a
        # young person or a parent afraid of barnevernet gets answered, not walked as staff.
        if for_asker.question_intent(Intent.GUIDE_ANSWER, reading) == Intent.ASK_RULE:
            return ShortReply(answers_question=True)
        return ShortReply(starts_walk=True)
    acknowledges = " ".join(text.casefold().split()).strip(".!") in _ACKNOWLEDGEMENTS
    if reply is Reply.YES and offered_a_person(previous_action, unclear_in_a_row):
        return ShortReply(human_answer(kb, role, now))
    if previous_action == Response.GREET and not acknowledges:
        if reply is Reply.YES:
            return ShortReply(response=Response.ACUTE_DANGER)
        if reply is Reply.UNSURE:
            return ShortReply((Message(f"{UNSURE_ABOUT_DANGER}\n{WHAT_MORE}", TOPIC_BUTTONS),))
    return ShortReply((Message(_REPLY_OPENINGS[reply] + WHAT_MORE, TOPIC_BUTTONS),))
