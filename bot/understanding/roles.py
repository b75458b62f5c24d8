"""Who the user says they are («jeg er lærer», «eg er 15»), or which role a
question is about («har helsesykepleiere meldeplikt?»), read from the words."""

import re
from typing import Iterable, List, Optional, Tuple

from bot.knowledge.model import Role


def _words(text: str) -> List[str]:
    return re.findall(r"[^\W_]+", text.casefold())


# Role words, checked in this order ("barnehagelærer" is kindergarten, not school).
# Place words only count when the user was asked who they are.
_ROLE_PATTERNS: Tuple[Tuple[Role, str, str], ...] = (
    (Role.KINDERGARTEN,
     r"barnehagelær[ae]r|barnehageansatte?|barnehagepersonal|styrer(en)?|pedagogisk leder|fagarbeider i barnehagen",
     r"barnehager?|bhg"),
    (Role.SCHOOL,
     r"lær[ae]r(e|ar|en|ne)?|kontaktlær[ae]r|rektor|inspektør|miljøarbeider|miljøterapeut i skolen"
     r"|assistent på skolen|sfo-ansatt",
     r"skole|skule|sfo|ungdomsskule|ungdomsskole|barneskole|elev"),
    (Role.HEALTH,
     r"helsesykepleiere?|helsesøstre|helsesøster|helsesjukepleiar|helsesjukepleiere?|sykepleiere?|sjukepleiar"
     r"|leger?|fastleger?|legen|jordmor|jordmora|tannlege|fysioterapeut|helsepersonell",
     r"helsestasjon|helsestasjonen|legekontor|helse"),
    (Role.NAV, r"nav-ansatt|nav-veileder|sosionom", r"nav|sosialtjenesten"),
    (Role.MENTAL_HEALTH_AND_SUBSTANCE,
     r"psykolog|ruskonsulent|psykiatrisk sykepleier|psykiatrisk sjukepleiar",
     r"psykisk helse|rustjenesten|rustenesta|rusteam|psykiatri|rus"),
    (Role.CHILD_WELFARE, r"saksbehandler i barnevernet|barnevernspedagog|barnevernsarbeider",
     r"barnevern|barnevernet|barnevernstjenesten"),
    (Role.PARENT_OR_PRIVATE,
     r"forelder|foreldre|mor|mamma|far|pappa|nabo|naboen|bestemor|bestefar|besteforelder"
     r"|tante|onkel|steforelder|stemor|stefar|privatperson|venn|venninne|familie|slekt"
     # A volunteer in a club («fotballtrener», «speiderleder») works for no public body.
     r"|frivillig|trener|\w+trener|trenar|\w+trenar|speiderleder|speidarleiar|korpsleder|korpsleiar",
     r""),
    (Role.YOUTH, r"ungdom|ung|tenåring|elev selv", r""),
)
# Definite and plural endings: "barnehagen", "faren", "naboer" ("fare" is not "far").
_ENDING = r"(?:en|et|a|ene|er|ar|n)?"
# "jeg er 15", "eg er 14 år": the youth asking for themselves.
_OWN_AGE = re.compile(r"\b(?:jeg|eg|e)\s+(?:er|e)\s+(1[0-8])\b"
                      # The age alone as the whole message: "er 15", "e 14 år" ("hun er 12" is not).
                      r"|^\s*(?:er|e|æ e)\s+(1[0-8])(?:\s*år)?\W*$")
# "jeg er lærer", "jobber i barnehagen", "som helsesykepleier, lurer jeg på": a short
# window after these. "som" only opens the message: "en elev som sier at mor ..." is not.
_SELF = re.compile(r"\b(?:jeg|eg|e)\s+(?:er|e)\b|^som\b|\bjobb(?:er|ar)\b|\barbeid(?:er|ar)\b"
                   r"|\bansatt\b|\btilsett\b"
                   # A message that opens with who is writing: "lærer her.", "hei, helsesøster her",
                   # "kontaktlærer på 7. trinn", "helsesykepleier på ungdomsskolen".
                   r"|^(?:(?:hei|hallo|heisann|hei hei)[,!.]?\s+)?(?=[\w-]+(?: \w+)? (?:her\b|på \d"
                   r"|på (?:en |ei |ein )?\w*(?:skole|skule|skolen|skulen|trinn|barnehage|barnehagen|helsestasjon|helsestasjonen)\b))")
_SELF_WINDOW_WORDS = 3
# "jeg er redd legen vil …" says how the writer feels, not who they are.
_FEELINGS = frozenset("redd livredd bekymret bekymra urolig uroleg usikker sikker engstelig lei sint glad "
                      "trist flau sjokkert fortvilt".split())
# "foreldrene mine jobber på skolen", "pappa jobber i NAV": someone else's work.
_OTHERS = frozenset("han hun ho de dei mamma pappa mor far mora faren moren foreldrene foreldra mine min mi "
                    "søster bror broren søstera søsteren kona mannen samboeren".split())


def _role_words(role_patterns: Iterable[Tuple[Role, str]]) -> Tuple[Tuple[Role, "re.Pattern[str]"], ...]:
    return tuple((role, re.compile(rf"\b(?:{words}){_ENDING}\b")) for role, words in role_patterns if words)


# Compiled once: the reading asks for roles on every message.
_PEOPLE = _role_words((role, people) for role, people, _ in _ROLE_PATTERNS)
_PEOPLE_OR_PLACES = _role_words((role, "|".join(filter(None, (people, places))))
                                for role, people, places in _ROLE_PATTERNS)
_PROFESSIONS = tuple((role, pattern) for role, pattern in _PEOPLE
                     if role not in (Role.PARENT_OR_PRIVATE, Role.YOUTH))


def _role_by_word(text: str) -> Optional[Role]:
    """The first role, in _ROLE_PATTERNS' order, whose people or place words the text has."""
    return next((role for role, pattern in _PEOPLE_OR_PLACES if pattern.search(text)), None)


# A question about others ("har lærere meldeplikt?") names a profession; family words
# there ("mor ruser seg") are about the child's family, not whose answer is wanted.
_PRIVATE_PERSONS = re.compile(r"\b(?:nabo(?:en|er|ar)?|privatperson(?:er|ar)?|vanlege folk|vanlige folk"
                              # Volunteers in clubs, asked about as a group: «har trenere meldeplikt?».
                              r"|frivillige|\w*trenere|\w*trenerne|\w*trenarar|\w*trenarane)\b")


# In a hurry the pronoun goes: "hei er kontaktlærer, en elev …", "er helsesykepleier på …",
# "helsesykepleier. 14-åring …". Only a profession counts ("er barnevernet åpent?" names no one).
_BARE_SELF = re.compile(r"^(?:(?:hei|hallo|heisann|hei hei)[,!.]?\s+)?(?:(?:er|e)\s+(?:en |ei |ein )?([^\W\d_]+)"
                        # Or the profession alone, as a heading: "helsesykepleier. 14-åring med kutt …".
                        r"|([^\W\d_]+)(?=\s*[.,:;!]))")
_FULL_PEOPLE = tuple((role, re.compile(pattern.pattern + r"$")) for role, pattern in _PROFESSIONS)


# "er lærere pliktige …?", "er legen min …?": others, asked about.
_NOT_ONESELF = ("ere", "erne", "ene", "en", "arar", "arane")


def _bare_self_role(lowered: str) -> Optional[Role]:
    match = _BARE_SELF.match(lowered)
    word = (match.group(1) or match.group(2)) if match else ""
    if not word or word.endswith(_NOT_ONESELF):
        return None
    return next((role for role, pattern in _FULL_PEOPLE if pattern.match(word)), None)


def role_named(text: str) -> Optional[Role]:
    """The role a question is about ("gjelder meldeplikten for helsesykepleiere?"), or None."""
    lowered = text.casefold()
    named = next((role for role, pattern in _PROFESSIONS if pattern.search(lowered)), None)
    return named or (Role.PARENT_OR_PRIVATE if _PRIVATE_PERSONS.search(lowered) else None)


def role_in(text: str, asked: bool) -> Optional[Role]:
    """The user's own role, or None.

    ``asked``: the user answers "who are you?", so "barnehagen" or "NAV" is enough.
    Otherwise ("jeg er bekymret for et barn i barnehagen") only a clear statement
    about oneself counts ("jeg er lærer", "jobber i barnehagen").
    """
    lowered = text.casefold()
    if _OWN_AGE.search(lowered):
        return Role.YOUTH
    if asked:
        return _role_by_word(lowered)
    bare = _bare_self_role(lowered)
    if bare:
        return bare
    for match in _SELF.finditer(lowered):
        preceding = _words(lowered[max(0, match.start() - 20):match.start()])[-1:]
        if preceding and preceding[0] in _OTHERS:
            continue
        following = _words(lowered[match.end():])[:_SELF_WINDOW_WORDS]
        if following and following[0] in _FEELINGS:
            continue
        window = " ".join(following)
        # "helsesøster på ungdomsskolen": the profession says who, the place only where.
        role = next((r for r, pattern in _PEOPLE if pattern.search(window)), None) or _role_by_word(window)
        if role:
            return role
    return None
