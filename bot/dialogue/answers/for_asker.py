"""Answers chosen by the reading of the message (bot.understanding): by the
question asked and by who asks, not only by the words that match an item.

- A young person gets youth-safe text: not alone, tell a safe adult, 116 111,
  no secret that hurts has to be kept. Never staff routines.
- A parent afraid of barnevernet gets what happens after a report and their
  rights, answered as a parent.
- A question about a duty or confidentiality gets that rule, for the asker's role.
"""

import re
from dataclasses import replace
from datetime import datetime
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from bot.dialogue.answers import topics
from bot.dialogue.guide.render import Message, contact_line, demo_notice
from bot.dialogue.names import Intent
from bot.knowledge.model import Audience, KnowledgeBase, Role, Topic
from bot.understanding.reading import AnswerKind, Asker, Concern, Reading

# The rule that answers each kind of question, unless the search finds a rule of
# the same family that fits the words better ("kan jeg melde anonymt?").
RULE_FOR_KIND: Dict[str, str] = {
    AnswerKind.DUTY.value: "opplysningsplikt",
    AnswerKind.CONFIDENTIALITY.value: "taushetsplikt",
    AnswerKind.AFTER_REPORT.value: "etter-melding",
    AnswerKind.RIGHTS.value: "foreldres-rettigheter",
}
# Where a young person asking about themselves needs another rule than staff do.
YOUTH_RULE_FOR_KIND: Dict[str, str] = {
    AnswerKind.CONFIDENTIALITY.value: "ungdom-taushetsplikt",
    # «Kommer barnevernet og tar meg?»: what happens is told to the young person, not the parents.
    AnswerKind.AFTER_REPORT.value: "ungdom-tar-barnevernet-meg",
}
RULE_FAMILIES: Dict[str, FrozenSet[str]] = {
    AnswerKind.DUTY.value: frozenset({"opplysningsplikt", "avvergingsplikt", "anonym-drofting",
                                      "melde-anonymt", "samarbeidsplikt", "barn-som-parorende"}),
    AnswerKind.CONFIDENTIALITY.value: frozenset({"taushetsplikt", "ungdom-taushetsplikt", "samtykke",
                                                 "anonym-drofting"}),
    AnswerKind.AFTER_REPORT.value: frozenset({"etter-melding", "melde-anonymt",
                                              "foreldres-rettigheter"}),
    AnswerKind.RIGHTS.value: frozenset({"foreldres-rettigheter", "etter-melding", "melde-anonymt"}),
}
# The step of the action guide for each worry, for staff.
STEP_FOR_CONCERN: Dict[str, str] = {
    Concern.VIOLENCE.value: "vold-mistanke",
    Concern.SEXUAL_ABUSE.value: "vold-mistanke",
    Concern.NEGLECT.value: "omsorgssvikt",
    Concern.PARENT_MENTAL_SUBSTANCE.value: "forelder-psykisk-rus",
    Concern.PREGNANCY_SUBSTANCES.value: "gravid-rus",
    Concern.CHILD_BEHAVIOUR.value: "barn-atferd-rus",
    Concern.GUT_FEELING.value: "magefolelse",
}
PRIVATE_PERSON_STEP = "privatperson"
YOUTH = frozenset({Asker.YOUTH_SELF.value, Asker.YOUTH_FRIEND.value})
PARENTS = frozenset({Asker.PARENT_REPORTED.value, Asker.PARENT_WORRIED.value})
# These askers get their own answer, never the walk for staff: a young person, and a parent
# afraid of barnevernet (who is not reporting anyone). data/rules/askers.yml sends a worry
# from a conversation with one of them to the answer; tests/answers/test_own_answer_askers.py
# checks that the rules name exactly these.
OWN_ANSWER_ASKERS = frozenset({Asker.PARENT_REPORTED.value, *YOUTH})

HELPLINE = "alarmtelefonen"
SCHOOL_NURSE = "helsesykepleier"
YOUTH_SELF_TEXT = (
    "Du er ikke alene, og det er bra at du sier fra.",
    "Fortell det til en voksen du stoler på, for eksempel helsesykepleieren, en lærer eller en i familien.",
    "Du trenger ikke holde på en hemmelighet som gjør vondt.",
    "Du kan ringe Alarmtelefonen gratis, hele døgnet, uten å si navnet ditt:",
)
YOUTH_FRIEND_TEXT = (
    "Det er fint at du bryr deg om vennen din. Du trenger ikke bære dette alene.",
    "Fortell det til en voksen du stoler på, for eksempel helsesykepleieren eller en lærer. "
    "Det er ikke å sladre når noen har det vondt.",
    "Du trenger ikke holde på en hemmelighet som gjør vondt, selv om vennen din har bedt om det.",
    "Dere kan ringe Alarmtelefonen gratis, hele døgnet, uten å si navn:",
)


ASKERS = frozenset(a.value for a in Asker) - {Asker.UNKNOWN.value}
# Who a stated role is, when no reading said more ("jeg er 15" earlier in the conversation).
ASKER_OF_ROLE = {Role.YOUTH: Asker.YOUTH_SELF.value, Role.PARENT_OR_PRIVATE: Asker.PARENT_WORRIED.value}


def with_known_asker(reading: Optional[Reading], earlier_asker: Optional[str],
                     user_role: Optional[Role]) -> Optional[Reading]:
    """The reading, with the asker the conversation already knows when this message does not
    say: «jeg er 15» and then «kan helsesykepleier si det videre?» is still a young person.
    A parent afraid of barnevernet stays one when they speak of their child («sønnen min»)."""
    if reading is not None and reading.asker == Asker.PARENT_WORRIED.value \
            and earlier_asker == Asker.PARENT_REPORTED.value:
        return replace(reading, asker=earlier_asker)
    if reading is None or reading.asker != Asker.UNKNOWN.value:
        return reading
    if earlier_asker in ASKERS:
        return replace(reading, asker=earlier_asker)
    if user_role in ASKER_OF_ROLE:
        return replace(reading, asker=ASKER_OF_ROLE[user_role])
    if user_role is not None:
        return replace(reading, asker=Asker.PROFESSIONAL.value, sector=reading.sector or user_role.value)
    return reading


def asker_to_remember(reading: Optional[Reading]) -> Optional[str]:
    """The asker a message made clear, to keep for the rest of the conversation."""
    return reading.asker if reading is not None and reading.asker in ASKERS else None


def asker_of_told_role(role: Role, earlier_asker: Optional[str]) -> Optional[str]:
    """The asker to keep when the user says who they are («er 15», «jeg er lærer»): a young
    person is one; a parent stays the parent an earlier message showed (afraid of barnevernet
    or worried); for staff the stated role says it (None), whatever earlier messages looked like."""
    if role is Role.YOUTH:
        return earlier_asker if earlier_asker in YOUTH else Asker.YOUTH_SELF.value
    if role is Role.PARENT_OR_PRIVATE:
        return earlier_asker if earlier_asker in PARENTS else Asker.PARENT_WORRIED.value
    return None


def answers_instead_of_walk(reading: Optional[Reading]) -> bool:
    """A worry from this asker gets the asker's own answer, not the staff walk."""
    return reading is not None and reading.asker in OWN_ANSWER_ASKERS


# Read as the question of an asker with their own answer, as the reader does when the message
# itself shows who asks: a worry, the walk's own words outside the walk («far drikker»), and a
# message not understood.
OWN_QUESTION_INTENTS = frozenset({Intent.WORRY_ABOUT_CHILD, Intent.GUIDE_ANSWER, Intent.NLU_FALLBACK})


def question_intent(intent: str, reading: Optional[Reading]) -> str:
    """A worry from a young person or a parent afraid of barnevernet is their question («e det
    normalt» after «er 15»), and so is what they say that is not understood («jeg er så redd
    for at de tar henne» after «barnehagen har meldt …»): their own answer, not the staff walk
    or the assistant's topics."""
    return Intent.ASK_RULE if intent in OWN_QUESTION_INTENTS and answers_instead_of_walk(reading) else intent


def role_of(reading: Optional[Reading]) -> Optional[Role]:
    """The role whose text a rule answer should give this asker."""
    if reading is None:
        return None
    if reading.asker in YOUTH:
        return Role.YOUTH
    if reading.asker in PARENTS:
        return Role.PARENT_OR_PRIVATE
    try:
        return Role(reading.sector) if reading.sector else None
    except ValueError:
        return None


def staff_role(reading: Optional[Reading]) -> Optional[Role]:
    """The workplace of staff the reading found («en elev i klassen min»), or None."""
    if reading is None or reading.asker != Asker.PROFESSIONAL.value:
        return None
    role = role_of(reading)
    return role if role not in (None, Role.YOUTH, Role.PARENT_OR_PRIVATE) else None


def parent_role(reading: Optional[Reading]) -> Optional[Role]:
    """A parent's own role, whatever profession the question names."""
    return Role.PARENT_OR_PRIVATE if reading is not None and reading.asker in PARENTS else None


# A parent who is reported, or fears it, needs both: what happens, and their rights.
REPORTED_PARENT_RULES = ("etter-melding", "foreldres-rettigheter")


def kind_asked(reading: Reading) -> str:
    """The kind of answer wanted; a reported parent's «hva gjør jeg?» is about what happens now."""
    if reading.asker == Asker.PARENT_REPORTED.value and reading.kind not in RULE_FOR_KIND:
        return AnswerKind.AFTER_REPORT.value
    return reading.kind


def rule_for(kb: KnowledgeBase, hits: Sequence[Tuple[str, float]], reading: Reading,
             min_score: float, topic: Optional[Topic], text: str = "") -> Optional[str]:
    """The rule that answers the question asked (``text``); ``hits`` are (rule id, score), best
    first, and ``topic`` is the subject the question names."""
    # «Hva gjør jeg når et barn blir slått?» wants the step for the worry, not the rule it names.
    named = topics.topic_rule(topic) if reading.kind != AnswerKind.WHAT_TO_DO.value or not reading.concerns else None
    if named and fits(kb, named, reading):
        return named
    kind = kind_asked(reading)
    if not knows_the_rights_asked(reading, text):
        return None
    youth_default = YOUTH_RULE_FOR_KIND.get(kind) if reading.asker in YOUTH else None
    default = youth_default or RULE_FOR_KIND.get(kind)
    if default is None:
        return None
    family = RULE_FAMILIES[kind]
    best = next((rule_id for rule_id, score in hits[:1] if score >= min_score and rule_id in family
                 and fits(kb, rule_id, reading)), None)
    chosen = best or default
    return chosen if kb.rule(chosen) else None


# What the rights rules are about: a case with barnevernet. «Er det straffbart?» about shared
# pictures or «hvem kan jeg klage til?» about a school is a question about other law.
_CHILD_WELFARE_CASE = re.compile(
    r"barnevern|\bbv\b|bekymringsmelding|\bmeld(?:t|ing|inga|ingen)\b|\bundersøk|omsorgsovertak|akuttvedtak"
    r"|akuttplasser|\bvedtak|\btiltak|fosterh[je]|beredskapsh[je]|hjemmebesøk|heimebesøk|nemnda")


def knows_the_rights_asked(reading: Reading, text: str) -> bool:
    """Whether the rights rules can answer a question about rights: only in a case with
    barnevernet (named, or the asker is a parent afraid of it). Other law (criminal law,
    complaints about a school) the knowledge does not hold, and guessing is worse than saying so."""
    if kind_asked(reading) != AnswerKind.RIGHTS.value or reading.asker == Asker.PARENT_REPORTED.value:
        return True
    return bool(_CHILD_WELFARE_CASE.search(text.casefold()))


def fits(kb: KnowledgeBase, rule_id: str, reading: Optional[Reading]) -> bool:
    """A young person gets only rules written for young people (the rule's «målgruppe»), and
    someone who said they are an adult no rule written for young people only."""
    rule = kb.rule(rule_id)
    if rule is None or reading is None:
        return rule is not None
    if reading.asker in YOUTH:
        return rule.written_for(Audience.YOUNG_PERSON)
    return rule.audiences != (Audience.YOUNG_PERSON,) or reading.asker == Asker.UNKNOWN.value


# A question sentence starts with a question word or a verb («har jeg …?», «kan hun …?»).
_QUESTION_START = re.compile(
    r"(?:hva|hvem|hvor|hvordan|hvorfor|hvilke|hvilken|når|kva|kven|kor|korleis|kvifor|kan|må"
    r"|skal|har|er|gjelder|gjeld|får|bør|vil)\b")


def asks_several(text: str) -> bool:
    """Two questions or more: «Har jeg meldeplikt? Hva med taushetsplikten?». One question
    that names two things («går meldeplikten foran taushetsplikten?») is one question."""
    sentences = [s.strip().casefold() for s in re.split(r"[?.!\n]+", text)]
    return text.count("?") >= 2 or sum(bool(_QUESTION_START.match(s)) for s in sentences) >= 2


def other_parts(kb: KnowledgeBase, reading: Reading, answered: str) -> Tuple[str, ...]:
    """Rules for the other parts of a multi-part question, not the one answered."""
    rules = []
    for kind in reading.other_kinds:
        rule_id = RULE_FOR_KIND.get(kind)
        if rule_id and rule_id != answered and rule_id not in rules and kb.rule(rule_id):
            rules.append(rule_id)
    return tuple(rules)


def companion_rule(kb: KnowledgeBase, reading: Optional[Reading], answered: str) -> Optional[str]:
    """The second rule a reported parent gets with the answer: their rights after «what
    happens», «what happens» after their rights or any other rule."""
    if reading is None or reading.asker != Asker.PARENT_REPORTED.value:
        return None
    first, second = REPORTED_PARENT_RULES
    companion = second if answered == first else first
    return companion if companion != answered and kb.rule(companion) else None


def step_for(kb: KnowledgeBase, reading: Reading) -> Optional[str]:
    """The guide step for the first worry the message names, for staff; a worried parent,
    neighbour or grandparent gets the step for private persons, whatever the worry."""
    if reading.asker in YOUTH or reading.asker == Asker.PARENT_REPORTED.value:
        return None
    if reading.asker == Asker.PARENT_WORRIED.value:
        return PRIVATE_PERSON_STEP if kb.node(PRIVATE_PERSON_STEP) else None
    step = next((STEP_FOR_CONCERN[c] for c in reading.concerns if c in STEP_FOR_CONCERN), None)
    return step if step and kb.node(step) else None


def youth_message(kb: KnowledgeBase, reading: Reading, now: datetime) -> Message:
    text = YOUTH_FRIEND_TEXT if reading.asker == Asker.YOUTH_FRIEND.value else YOUTH_SELF_TEXT
    contacts = [s for s in (kb.find_service(HELPLINE), kb.find_service(SCHOOL_NURSE)) if s]
    lines: List[str] = [*text, *(contact_line(kb, s, now) for s in contacts)]
    return Message("\n".join(lines + demo_notice(kb, contacts)))


# Someone at school or in health care who could pass on what a young person says.
_STAFF_NAMED = re.compile(r"\b(?:helsesø\w*|helsesykepleier\w*|helsesjukepleiar\w*|helsesista|lege\w*|fastlege\w*"
                          r"|lærer\w*|lærar\w*|sosiallærer\w*|rådgiver\w*|psykolog\w*|skolen|skulen|barnevern\w*)\b")


def youth_confidentiality_asked(reading: Reading, text: str) -> bool:
    """Whether a young person asks what grown-ups may pass on, which the rule on young people's
    confidentiality answers. «Mamma drikker» asks nothing of it, and a friend's «ikke si det til
    noen» is a secret the youth-safe text answers (no secret that hurts has to be kept), unless
    a nurse, a doctor or the school is named."""
    asked = AnswerKind.CONFIDENTIALITY.value in (reading.kind, *reading.other_kinds)
    if reading.asker == Asker.YOUTH_FRIEND.value:
        return asked and bool(_STAFF_NAMED.search(text.casefold()))
    return asked


def is_private_person(reading: Optional[Reading]) -> bool:
    """A parent or another private person worried about a child: no duty, no staff routine."""
    return reading is not None and reading.asker == Asker.PARENT_WORRIED.value


def is_youth(reading: Optional[Reading]) -> bool:
    return reading is not None and reading.asker in YOUTH

