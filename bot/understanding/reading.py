"""A structured reading of one message: who is asking, what it concerns, how
urgent it is, and what kind of answer is wanted.

Word patterns over the casefolded text (bokmål, nynorsk, dialect, youth
language and common typos), so it costs microseconds and is the same in every
state of the conversation. The acute-danger net (bot/safety) stays the only
judge of danger; ``urgent`` repeats its decision so actions can read it here.
"""

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Dict, List, Optional, Tuple

from bot.understanding.roles import role_in, role_named
from bot.knowledge.model import Role


# Where the reading is in a parsed message (set by bot.rasa_integration.components.message_reader).
READING_KEY = "reading"


class Asker(str, Enum):
    PROFESSIONAL = "professional"
    PARENT_WORRIED = "parent_worried"  # a parent or private person worried about a child
    PARENT_REPORTED = "parent_reported"  # a parent who is, or fears being, reported
    YOUTH_SELF = "youth_self"
    YOUTH_FRIEND = "youth_friend"
    UNKNOWN = "unknown"


class Concern(str, Enum):
    VIOLENCE = "violence"
    SEXUAL_ABUSE = "sexual_abuse"
    NEGLECT = "neglect"
    PARENT_MENTAL_SUBSTANCE = "parent_mental_substance"
    PREGNANCY_SUBSTANCES = "pregnancy_substances"
    CHILD_BEHAVIOUR = "child_behaviour"
    SELF_HARM = "self_harm"
    BULLYING = "bullying"
    GUT_FEELING = "gut_feeling"


class AnswerKind(str, Enum):
    WHAT_TO_DO = "what_to_do"
    DUTY = "duty"
    CONFIDENTIALITY = "confidentiality"
    AFTER_REPORT = "after_report"
    RIGHTS = "rights"
    CONTACT = "contact"
    TERM = "term"


@dataclass(frozen=True)
class Reading:
    asker: str
    sector: Optional[str]  # a Role value for professionals ("skole", "helse", ...)
    concerns: Tuple[str, ...]
    urgent: bool
    kind: str  # the kind asked for first
    other_kinds: Tuple[str, ...] = ()  # the other parts of a multi-part question

    def as_dict(self) -> Dict[str, object]:
        return {"asker": self.asker, "sector": self.sector, "concerns": list(self.concerns),
                "urgent": self.urgent, "kind": self.kind, "other_kinds": list(self.other_kinds)}

    @classmethod
    def from_dict(cls, data: object) -> Optional["Reading"]:
        if not isinstance(data, dict):
            return None
        try:
            return cls(str(data["asker"]), data.get("sector"), tuple(data.get("concerns") or ()),
                       bool(data.get("urgent")), str(data["kind"]), tuple(data.get("other_kinds") or ()))
        except KeyError:
            return None


def _top_level(pattern: str) -> List[str]:
    """The pattern's alternatives outside any group or class: "a|(?:b|c)" -> ["a", "(?:b|c)"]."""
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return parts + [pattern[start:]]


def _any(*patterns: str) -> "re.Pattern[str]":
    """One pattern for all; the alternatives that start at a word share one «\\b», so the
    engine tries them only where a word starts (a third of the cost on real messages)."""
    alternatives = [a for p in patterns for a in _top_level(p)]
    at_word = [a[2:] for a in alternatives if a.startswith(r"\b")]
    anywhere = [a for a in alternatives if not a.startswith(r"\b")]
    return re.compile("|".join([rf"\b(?:{'|'.join(at_word)})"] * bool(at_word) + [f"(?:{a})" for a in anywhere]))


_I = r"(?:jeg|eg|e|æ|i)"
_MY = r"(?:min|mi|mitt|mine|vår|vårt|våre)"
_PARENTS = r"(?:foreldr(?:e|a|ene)|mamma|pappa|mor(?:a|en)?|far(?:en)?|stefar|stemor|steboren|bonuspappa|bonusmamma)"
_CHILD = r"(?:barn(?:et|a|ene)?|sønn(?:en)?|son(?:en)?|datter(?:en)?|dotter|dattera|dotra|ung(?:en|ane|ene)|gutt(?:en)?|jent(?:a|e)|baby(?:en)?)"
# The writer's leader at work: "rektor", "styreren", "nærmeste leder".
_LEADER = r"(?:rektor(?:en)?|styrer(?:en)?|styraren|leder(?:en)?|leiar(?:en)?|nærmeste leder|sjefen|ledelsen|leiinga)\b"
_WELFARE = r"(?:barnevern(?:et|stjenesten|tjenesten|tenesta)?|bv|bvtj)"

# The child of the writer: "sønnen min", "ungane våre", "barna mine".
_OWN_CHILD = re.compile(rf"\b{_CHILD}\s+{_MY}\b|\b{_MY}\s+{_CHILD}\b|\b(?:jeg|eg) er (?:mor|far|mamma|pappa|forelder)\b"
                        r"|\bsom (?:mor|far|mamma|pappa|forelder)\b|\bmine barn\b|\bbarnebarn"
                        # A parent by the other parent or the custody: "barnefar", "samværet", "eksen min".
                        r"|\bbarne(?:far|faren|mor|mora|moren)\b|\bbarnets (?:far|mor)\b|\bsamvær|\bforeldreansvar"
                        r"|\beks(?:mannen|kona|samboeren)\b|\b(?:mannen|kona|samboeren|sambuaren) (?:min|mi)\b"
                        # «Eksen» is a parent's only beside a child: a young person has an ex too.
                        rf"|\beksen\b.*\b{_CHILD}|\b{_CHILD}\b.*\beksen\b")
# A young person writing about home or school; weak (a parent writes "mamma" too), so read last.
_YOUTH_HINTS = re.compile(r"\bhjemme hos (?:meg|oss)\b"
                          rf"|\b{_I} (?:er|e) 1[0-8]\b|\b(?:jente|gutt),? 1[0-8]\b|\bklassen min\b|\b(?:mamma|pappa)\b"
                          rf"|\b{_I} har det (?:så )?(?:vondt|vanskelig|vanskeleg|kjipt|ikke bra|ikkje bra|dritt)")
# A young person at home with their parents ("foreldrene mine", "pappa min"), or in care:
# strong enough to read before a report ("skolen har meldt ... ta meg fra foreldrene mine").
_YOUTH_AT_HOME_OR_IN_CARE = re.compile(rf"\b{_PARENTS}\s+{_MY}\b|\b{_MY}\s+{_PARENTS}\b"
                         r"|\bfoster(?:hjem|heim|familie|foreldr|mor|far)\w*\s+(?:min|mi|mitt|mine)\b"
                         rf"|\b{_I} (?:er|e|ble|blei|vart|har blitt|har vorte) plassert\b|\bberedskapshjem"
                         rf"|\b{_I} (?:bor|bur|skal flytte|flytter|flyttar|flytta|flyttet|rømmer|rømte) (?:i|på|til|fra|frå) "
                         r"(?:et |eit |en )?(?:nettverks?-?)?(?:foster|institusjon|barneverns?institusjon)"
                         # Living where others work: "dei som jobbar her held meg fast".
                         r"|\b(?:de|dei) (?:voksne )?som (?:jobber|jobbar|arbeider|arbeidar) her\b"
                         # The child's right to be heard: "barnevernet hører ikke på meg".
                         r"|\bhører (?:ikke|aldri) på meg\b|\bhøyrer (?:ikkje|aldri) på meg\b"
                         r"|\bredd (?:hjemme|heime)\b|\bredd for å (?:gå|dra|reise) (?:hjem|heim)\b"
                         # Afraid of being taken away oneself: "kommer barnevernet og tar meg?".
                         rf"|\b{_WELFARE}\b.{{0,30}}\b(?:tar|ta|tek|hente|henter|hentar) meg\b"
                         # Only a pupil has a teacher of their own: "læreren min", "kontaktlæraren min".
                         r"|\b(?:kontakt)?lær[ae]r(?:en|n)? (?:min|mi)\b"
                         # Introducing oneself by name and age: "heter Ola og er 13".
                         r"|\b(?:heter|heiter)\b.{0,30}\b(?:og|å|o) (?:er|e) 1?\d\b")
# A young person's own school life and the services for them: "helsesykepleieren på skolen
# min", "helsestasjon for ungdom", "jeg går i 9. klasse". Only when no child at work is named.
_YOUTH_LIFE = re.compile(r"\bhelsestasjon(?:en)? for ungdom|\bhfu\b|\bmin (?:skole|skule)\b|\b(?:skolen|skulen) min\b"
                         rf"|\b{_I} (?:går|går på|gjeng|gjeng på) (?:i )?(?:\d{{1,2}}\. ?klasse|vg\d|videregående|vidaregåande|ungdomsskolen|ungdomsskulen)"
                         r"|\belev (?:i|på|ved) (?:videregående|vidaregåande|ungdomsskolen|ungdomsskulen)"
                         rf"|\b{_I} (?:kan |skal |vil |må )?(?:snakke|snakka|prate|prata) med (?:ein |en |ei )?(?:helsesø|helsesykepleier|helsesjukepleiar|helsesista)"
                         # Asking the chat itself to keep a secret: "lover du å ikke si det til noen?"
                         r"|\blover du (?:å )?(?:ikke|ikkje)\b")
# Someone retelling what a child said: "en elev sa at pappa slår henne", "hun sier at mamma slo
# henne". The writer is an adult who heard it, not the child, whatever parent words follow.
_CHILD_TOLD = re.compile(r"\b(?:hun|han|ho|eleven|barnet|gutten|jenta|ungen|elev|pasienten)\s+(?:\w+\s+)?"
                         r"(?:sier|seier|sa|forteller|fortel|fortalte|har fortalt|har sagt|nevnte|ber meg)\b")
# A young person's friend.
_FRIEND = re.compile(r"\b(?:venn(?:en|inna|innen|inne)?|kompis(?:en)?|bestevenn(?:en|inna|innen)?|bestis|vennen|venen|venninna)"
                     rf"\s+{_MY}\b|\b{_MY}\s+(?:venn|kompis|bestevenn|venninne)(?:en|a|inna)?\b|\bei venninne\b|\ben venninne\b|\ben kompis\b"
                     rf"|\b(?:venn|venninne|kompis|klassekamerat)\w* av meg\b|\b{_I} (?:har|hev) (?:en|ei|ein) (?:venn|venninne|kompis)"
                     r"|\b(?:god|bra|ekte) (?:venn|venninne) for (?:en|ei|ein)\b"
                     rf"|\b{_I} har (?:en|ei|ein) (?:bror|søster|syster|storebror|lillebror|storesøster|lillesøster|veslebror)"
                     r" som\b")
# A parent who is reported, or afraid of it.
_REPORTED = _any(
    rf"{_WELFARE}\b.{{0,40}}\bta\b.{{0,20}}\b(?:barn|ung|sønn|datter|han|henne|dem)",
    rf"\b(?:redd|livredd|skremt|bekymret|uroleg|redde)\b.{{0,30}}\b{_WELFARE}",
    rf"\bmeld(?:t|te|a)\b.{{0,30}}\b(?:oss|meg)\b",
    rf"\b(?:fått|fikk|mottatt)\b.{{0,30}}\bbekymringsmelding",
    # The service looking into the writer's own family: "barnevernet skal undersøke oss".
    rf"\b{_WELFARE}\b.{{0,30}}\bundersøk\w*\b (?:oss|meg|familien(?! til)|familien vår|heimen vår|hjemmet vårt)\b",
    # A letter or a summons from the service: "har fått brev fra barnevernet", "fekk innkalling frå bv".
    rf"\b(?:fått|fikk|fekk|mottatt|motteke)\b.{{0,20}}\b(?:brev|innkalling|vedtak)\w*\b.{{0,20}}\b(?:fra|frå) {_WELFARE}",
    rf"\bbekymring(?:smelding)?\b.{{0,40}}\b(?:om|på) (?:oss|meg|sønnen min|datteren min|barnet mitt|barna mine)\b",
    rf"\b{_WELFARE}\b.{{0,30}}\b(?:kontaktet|ringte|kom|innkalt|innkalte|har en bekymring til)\b",
    rf"\b(?:plikt til å komme|forklare meg|advokat|fullmektig|undersøkelsessak|hjemmebesøk)\b",
    rf"\bbarnehagen\b.{{0,30}}\b(?:sendt|sendte)\b.{{0,20}}\bbekymring",
    # Afraid that someone will bring barnevernet in: "redd for at psykologen vil koble inn barnevernet".
    rf"\b(?:redd|livredd|engstelig|bekymra?)\b.{{0,80}}\b(?:koble|kople|blande|dra|trekke)r? inn {_WELFARE}",
    rf"\b{_WELFARE}\b.{{0,40}}\b(?:har besluttet|besluttet|har åpnet|åpnet|krever|kreve)\b",
    r"\b(?:stikkprøve|rustest|urinprøve|ruskontroll)\w*\b.{0,80}\b(?:av meg|meg|oss)\b",
    # Afraid of losing the child: "blir fratatt barnet", "miste omsorgen".
    r"\bfrat(?:att|as|a|ok)\b|«fratatt»|\bmiste omsorgen\b|\bmister omsorgen\b|\bomsorgsovertakelse",
    # The service's measures and meetings are met by the family, whoever else reads about them.
    r"\bhjelpetiltak|\bakutt(?:vedtak|plasser)|\bfylkesnemnd|\bbarneverns?- og helsenemnd|\bsakkyndig",
    rf"\bbarnevernets (?:psykolog|saksbehandler|sakkyndig)|\b{_WELFARE}\b.{{0,40}}\b(?:trakass|trakas|forfølg|plag)",
    rf"\b(?:møte|møtet|møter|samtale|samtalen) (?:med|hos) {_WELFARE}|\bforklare seg\b|\bstille opp\b",
    r"\bfalske? (?:bekymrings)?melding|\bklag\w*\b.{0,40}\b(?:vedtak|statsforvalter|fylkesmann)",
)
# A report about the writer's own family: "barnehagen har sendt bekymring ... min sønn",
# "skolen vil melde igjen ... ingenting er tatt opp med oss".
_REPORTED_BY = re.compile(
    r"\b(?:barnehagen|skolen|skulen|barneskolen|ungdomsskolen|helsestasjonen|legen|fastlegen|naboen|naboene"
    r"|psykologen|sykehuset|politiet)\b.{0,60}\b(?:sendt|sendte|meldt|meldte|melde|melder|varsle|varslet)\b"
    r"|\b(?:sendte|meldte|varslet) (?:barnehagen|skolen|skulen|helsestasjonen|legen|naboen|psykologen)\b")
_WE = re.compile(r"\b(?:vi|oss|vår|vårt|våre|me|min|mi|mitt|mine)\b")
# A young person about what happens to themselves: "jeg blir slått", "har begynt med selvskading".
_HURT_SELF = _any(
    rf"\b{_I} (?:blir|ble|vart|blei|har blitt|har vorte|ha blitt|ha vorte) (?:slått|slegen|mobba|mobbet|banka|banket"
    r"|dytta|sparka|misbrukt|voldtatt|tatt på|utsatt for|utsett for|kalt|truet|trua|kasta ut)",
    r"\b(?:slår|slo|banker|dytter|sparker|truer|voldtok|misbruker|misbrukte) meg\b",
    rf"\b{_I} (?:har |hadde )?(?:begynt (?:med|å) |drevet med |holdt på med )?(?:selvskad|sjølvskad|kutt(?:a|et|er)? meg"
    r"|skåret meg|skjærer meg|skar meg)",
    r"\bbegynt (?:med|å) (?:selvskad|sjølvskad|kutte meg|skade meg)",
    r"\bselvmordsforsøk", r"\bsjølvmordsforsøk", r"\bta livet mitt\b", r"\bkuttet meg\b", r"\bkutta meg\b",
    # Pictures of the writer shared: «noen har delt nakenbilder av meg», «spredt en video av meg».
    r"\b(?:delt|delte|deler|spredt|spredte|spredd|spreidde|sprer|sendt|sendte|sender|lagt ut|la ut|legger ut|postet|posta|lekket|lekka)\b"
    r".{0,40}\b\w*(?:bilder?|bilde|bileta?|video(?:er|ar)?|film(?:er|ar)?|snaps?|nudes)(?: \w+)? av meg\b",
)
# Someone at school or in health care passing on what the writer told them: a young person's
# confidentiality question ("har sosiallærer lov til å fortelle noe jeg har gjort?").
_TOLD_STAFF = _any(
    r"\b(?:helsesø\w*|helsesykepleier\w*|helsesjukepleiar\w*|helsesista|sosiallærer\w*|rådgiver\w*"
    r"|lærer\w*|lærar\w*|kontaktlærer\w*|miljøterapeut\w*|psykolog\w*|legen|fastlegen)\b"
    rf".{{0,120}}\b(?:{_I} (?:har |hadde )?(?:gjort|sagt|fortalt|fortalte|sa|sagt)|til {_PARENTS}|{_PARENTS} {_MY}"
    r"|til meg|om meg|meg\b)",
    rf"\b{_I} (?:\w+ ){{0,2}}(?:forteller|fortel|fortalte|sier|seier|sa|snakker|snakkar|snakket|snakka) (?:til |med )?(?:en |ei )?"
    r"(?:helsesø\w*|helsesykepleier|sosiallærer|rådgiver|læreren|kontaktlærer|miljøterapeut|psykolog|legen)",
)
# Private persons near a child who is not theirs: a neighbour, a grandparent, a friend of the family.
_PRIVATE = _any(r"\bnabo\w*", r"\bbarnebarn", r"\bbesteforel", r"\bbestemor\b", r"\bbestefar\b", r"\bmormor\b",
                r"\bfarmor\b", r"\bmorfar\b", r"\bfarfar\b", r"\bnevø\w*", r"\bniese\w*", r"\btanten?\b",
                r"\bonkel\b", r"\bsom privatperson", r"\bturvenn", r"\bvennegjeng", r"\bfamilievenn",
                r"\bi familien (?:min|vår)\b",
                # Services for adults at home, not for staff: a shelter, family counselling.
                r"\bkrisesenter", r"\bfamilievern")
# The writer's own child, by age: "en sønn på 17 år", "vi har ei jente på 3".
_CHILD_BY_AGE = re.compile(rf"\b(?:vi|jeg|eg) har (?:en|ei|ein|et|eit) {_CHILD}\b|\b(?:en|ei|ein|vår|min) "
                           r"(?:sønn|datter|dotter|son) på \d")
# A young person's own age: "jeg er en jente på 16 år", "gravid som 15-åring".
_OWN_AGE = re.compile(rf"\b{_I} (?:er|e) (?:en|ei|ein) (?:gutt|gut|jente) på 1[0-8]\b|\bsom 1[0-8] ?-?åring\b"
                      rf"|\b{_I}, 1[0-8] og\b")
# Working with children: "en elev", "i klassen min", "på avdelingen".
_AT_WORK = _any(r"\belev(?:en|ar|er|ane|ene)?\b", r"\bi klassen\b", r"\bpå avdelingen\b", r"\bbarnehagen vår\b",
                r"\bpasient(?:en)?\b", r"\bbrukeren\b", r"\bsom ansatt\b",
                r"\bkollega\b", r"\bforeldresamtale\b", r"\bhelsestasjonen\b", r"\bjobb(?:er|ar) med barn",
                r"\barbeid(?:er|ar) med barn", r"\bpå jobb(?:en)?\b",
                # A child among others at the writer's workplace: "et av barna i barnehagen".
                r"\b(?:et|eit|ett|en|ein|ei) av (?:barna|elevene|elevane|ungane|ungene)\b",
                r"\bbarn(?:a|et)? i (?:barnehagen|klassen|gruppa|gruppen)\b")

# Staff's own words (the dev set's convention, tests/devset/README.md): the duties only staff
# have, the tools the services share, how staff talk with a child. Not in a bare «hva betyr
# BTI?»: anyone looks a word up, and the asker is remembered for the whole conversation.
_STAFF_WORDS = _any(r"\bmeldeplikt", r"\bopplysningsplikt", r"\bavvergingsplikt", r"\bbti\b", r"\bstafett(?:holder|haldar|logg)\w*",
                    r"\bhandlingsveileder", r"\betatene\b", r"\bavdekk", r"\bavverge\b", r"\bavhør", r"\bbarnehuset\b",
                    r"\bsamtale(?:n|r)? med (?:barn|barnet|eleven)\b",
                    r"\bsnakk(?:e|a|ar|er)? (?:eg |jeg |vi |me )?med (?:barn|barnet|eleven|ungen)\b")

_CONCERNS: Dict[Concern, "re.Pattern[str]"] = {
    Concern.VIOLENCE: _any(r"\bsl(?:år|o|ått|å|egen)\b", r"\bvold", r"\bvald", r"\bblåmerk", r"\bjuling", r"\bbank(?:er|a|et)\b",
                           r"\bspark(?:er|a|et)\b", r"\blugg", r"\bmishandl", r"\bdytt(?:er|a|et)\b", r"\bris\b", r"\bvondt heim",
                           r"\bklaps", r"\bhold(?:t|er|e)? (?:\w+ )?fast\b|\bhalde?n? (?:\w+ )?fast\b", r"\bkrisesenter",
                           r"\bvondt hjem", r"\bkvel(?:er|te)\b"),
    Concern.SEXUAL_ABUSE: _any(r"\boverg(?:rep|rip)", r"\bseksuel", r"\bbefø?lt", r"\btaf[sf]", r"\bincest", r"\bvoldtek",
                               r"\bt(?:ar|ok) på (?:meg|henne|han|ham|tissen)\b", r"\brør(?:er|te)? (?:meg|henne|ham)\b",
                               r"\bnakenbild",
                               r"\bhemmelig lek"),
    Concern.NEGLECT: _any(r"\buten mat\b", r"\butan mat\b", r"\bikke (?:får )?mat\b", r"\bsult(?:en|ne)?\b", r"\bsvolten",
                          r"\bskitne? (?:klær|klede)", r"\bomsorgssvikt", r"\bhygiene", r"\balene hjemme", r"\baleine heime",
                          r"\bmatpakk", r"\bsamme klær", r"\bluse?\b", r"\bikke hentet", r"\bfor lite klær", r"\bforsømt",
                          r"\b(?:ingen|ingen som|ingen voksne) (?:følger med|bryr seg|passer på)\b"),
    Concern.PARENT_MENTAL_SUBSTANCE: re.compile(
        rf"(?:{_PARENTS}|foreldr\w*)\b.{{0,40}}\b(?:drikk|full|fyll|rus|alkohol|dop|narko|piller|psykisk|psyke|deprimert|syk|sjuk"
        r"|beruse|promille|amfetamin)"
        # The other parent drinking with the children: "han drikker når han har barna".
        r"|\b(?:han|hun|ho|eksen|eksmannen|ekskona)\b (?:\w+ )?(?:drikker|drikk|ruser seg|rusar seg|er full|blir full)\b"
        r".{0,40}\b(?:barna|ungane|ungene|barnet|samvær\w*)\b"
        # Drinking at home: "de drikker og ruser seg hjemme hos meg".
        r"|\b(?:drikk\w*|ruser seg|ruset|fulle?|fyll\w*)\b.{0,30}\b(?:hjemme|heime)\b"
        rf"|\b(?:drikk\w*|ruse?r?|ruset|full|fulle|psykisk syke?)\b.{{0,30}}\b{_PARENTS}"
        # A client of a service for adults who uses drugs or is ill, and has children: "bruker sier
        # han er redd for å miste barna hvis han forteller om rusen" (NAV, psychiatry, GP).
        r"|^(?=.*\b(?:barn|barna|barnet|ungane|ungene|sønnen|dattera|datteren)\b).*\b(?:bruker(?:en)?|brukar(?:en)?"
        r"|pasient(?:en)?|klient(?:en)?)\b.{0,100}\b(?:rus|rusen|ruser|rusar|ruset|rusa|rusmisbruk\w*|drikk\w*"
        r"|alkohol\w*|psykisk \w*syk|psykisk sjuk)\b"
        # The adults' drinking or drug use, and what it does to the children.
        r"|\bvoks(?:ne|en)\w* (?:bruk av |sin )?(?:alkohol|rus|drikking)"
        r"|\brus(?:bruk|misbruk|problem)\w*\b.{0,40}\b(?:barn|barna|ungane|ungene|familien)\b"),
    Concern.PREGNANCY_SUBSTANCES: _any(r"\bgravid.{0,60}\b(?:rus|drikk|alkohol|hasj|røyk|dop|piller)",
                                       r"\b(?:rus|drikk|alkohol|hasj|dop)\w*.{0,60}\bgravid"),
    Concern.CHILD_BEHAVIOUR: _any(r"\bhasj", r"\bcannabis", r"\bsnus", r"\butagerend", r"\bstjel", r"\bkriminal",
                                  r"\bskulk", r"\bskolefravær", r"\batferd", r"\båtferd", r"\brømm", r"\bruser seg\b",
                                  r"\boverdos", r"\becstasy", r"\bavrusning", r"\bnarkotika"),
    Concern.SELF_HARM: _any(r"\bkutt(?:er|a|et|e)? (?:\w+ )?(?:meg|seg)\b", r"\bkuttskad", r"\bkuttsår", r"\bselvskad", r"\bsjølvskad", r"\bskader? (?:\w+ )?(?:meg|seg) selv", r"\bskade seg\b",
                            r"\bta livet", r"\bselvmord", r"\bsjølvmord", r"\bvil ikke leve", r"\bvil ikkje leve", r"\bvil dø\b",
                            r"\bkutting", r"\bkutt(?:a|et|er) (?:jeg|eg)\b", r"\bskjær(?:e|er)? (?:seg|meg)\b", r"\bskar (?:seg|meg)\b"),
    Concern.BULLYING: _any(r"\bmobb", r"\bfryst ut", r"\butfrys", r"\bfryser (?:\w+ )?ut\b"),
    Concern.GUT_FEELING: _any(r"magefølelse", r"\bnoe stemmer ikke", r"\bnoko stemmer ikkje", r"\bvag(?:e)? (?:uro|mistanke)",
                              r"\bbare en følelse", r"\benhver bekymring", r"\bhva er (?:egentlig )?en bekymring",
                              r"\bnoe er galt\b", r"\buro\b",
                              r"\bnår (?:bør|skal) (?:man|vi|me|jeg|eg|du) (?:bli|være|vere) (?:bekymr|urolig|uroleg)",
                              r"\bhvor bekymret\b", r"\bkor uroleg\b", r"\balvorle?i?g nok\b",
                              # Doubting one's own worry: "lage en sak av en bagatell", "tar jeg feil?".
                              r"\buro(?:en|a)\b", r"\bbagatell", r"\boverreag", r"\b(?:ta|tar|tek) feil\b"),
}
# A parent's drinking is not the child's own behaviour; a teen's own drinking is.
_PARENT_SUBJECT = re.compile(rf"\b{_PARENTS}\b")
_AT_HOME = re.compile(r"\b(?:hjemme|heime)\b")
# A suspicion with nothing named: "mistenker at han ikke har det bra", "noe ikke stemmer". Not
# a bare «jeg er bekymret for et barn»: the walk must first ask whether the child is in danger.
_WORRIED = re.compile(r"\bmistenker\b.{0,40}\b(?:ikke|ikkje) har det (?:bra|godt)\b|\b(?:ikke|ikkje) stemmer\b")

_KINDS: Tuple[Tuple[AnswerKind, "re.Pattern[str]"], ...] = (
    (AnswerKind.CONFIDENTIALITY, _any(r"taushetsplikt", r"teieplikt", r"tausheitsplikt",
                                      r"\bt\w{1,7}pl[iuy]kt",  # typed in a hurry: "tausenplikt", "tisetsplukten"
                                      r"\blov (?:til )?å (?:si|fortelle|fortelje|dele|ringe)\b", r"\bringe (?:hjem|heim)\b",
                                      r"\bdele (?:informasjon|opplysning)", r"\b(?:gi|gje|gir) (?:\w+)?opplysning",
                                      # "vil ikke at mamma skal vite det"
                                      r"\b(?:vil|ønsker|ønskjer) (?:\w+ )?(?:ikke|ikkje) at\b.{0,40}\b(?:(?:skal|skulle) (?:få )?(?:vite|se|høre|høyre)"
                                      r"|får (?:vite|kjennskap|greie|høre|høyre))\b",
                                      # Not «si det til rektor først?»: whom to involve in a report (_TO_THE_LEADER).
                                      rf"\b(?:si|seie|fortelle|fortelje|sei)\b.{{0,30}}\b(?:videre|til {_PARENTS}|det til(?! {_LEADER})|frå til)",
                                      r"\bhemmelig", r"\bhemmeleg", r"\bmellom deg og",
                                      # Sharing with another service: "kan jeg snakke med helsestasjonen om det?" (NAV).
                                      r"\b(?:kan|får|må|bør|lov til å) (?:jeg |eg |vi |me )?(?:snakke|snakka|drøfte|drøfta|dele|ta kontakt"
                                      r"|kontakte|ringe) (?:\w+ )?(?:med )?(?:helsestasjonen|skolen|skulen|barnehagen|nav|fastlegen|ppt"
                                      r"|pp-tjenesten|bup|familieteamet|barne- og familieteamet|rustjenesten|andre tjenester|andre instanser"
                                      r"|andre etater|samarbeidspartnere|tjenesten)\b.{0,20}\bom (?:det|dette|saken|henne|han|ham|barnet"
                                      r"|familien|eleven|brukeren|pasienten)\b",
                                      # A child asking staff to keep it: "ho vil ikkje at eg seier det til nokon".
                                      r"\bvil (?:\w+ )?(?:ikke|ikkje) at (?:jeg|eg|e|æ|du|vi|me) (?:skal )?"
                                      r"(?:si|sier|seier|seie|sei|fortelle|forteller|fortel|fortelje|melde|melder)\b",
                                      # "må legen si ifra til foreldrene mine?", "kan eg snakke med nokon utan at dei får vite det?"
                                      rf"\b(?:må|kan|skal|vil|får|sier|seier) (?:legen|fastlegen|helsesø\w*|helsesykepleier\w*"
                                      rf"|helsesjukepleiar\w*|helsesista|sosiallærer\w*|rådgiver\w*|skolen|skulen|læreren)\b"
                                      rf".{{0,30}}\btil {_PARENTS}\b",
                                      r"\b(?:uten|utan) at (?:de|dei|foreldr\w*|mamma|pappa|familien)\b.{0,20}\b(?:får|fær) (?:vite|veta)\b",
                                      rf"\b(?:si|sier|seier|fortelle|forteller|fortelje|kontakte)\b.{{0,15}}"
                                      rf"\b(?:{_MY} {_PARENTS}|{_PARENTS} {_MY})")),
    (AnswerKind.RIGHTS, _any(r"rettighet", r"\brett (?:på|til)\b", r"\bplikt til å komme\b", r"\ber (?:dette|det) lov\b",
                             r"\badvokat", r"\bklage", r"\bstraffbar", r"\bslippe\b", r"\banmeld",
                             # The child welfare service's strongest measures: parents' rights apply.
                             r"\bakuttplasser|\bakuttvedtak|\bomsorgsovertak",
                             # The writer refusing, not the child: "kan jeg nekte?", not "hun nekter å gå til lege".
                             rf"\b(?:{_I}|vi|me|man|du)\b.{{0,20}}\bnekte\b",
                             # Choosing for oneself, being heard, being forced: a child in care, a family.
                             r"\b(?:kan|får|må) (?:jeg|eg|vi|me) (?:\w+ )?(?:bestemme|velge|velje|beholde)\b",
                             r"\bvelge selv\b|\bvelje sjølv\b", rf"\bfår {_I} (?:ikke |ikkje )?lov\b", r"\bkrav på\b",
                             rf"\bkan (?:{_WELFARE}|de|dei|dere|skolen|skulen) (?:\w+ ){{0,2}}(?:nekte|kreve|tvinge|bestemme)\b",
                             r"\bhører (?:ikke|aldri) på meg\b|\bhøyrer (?:ikkje|aldri) på meg\b", r"\bnok hjelp\b",
                             r"\bstraff(?:er|en|ar|a)?\b", r"\btillat", r"\btvung|\btvang\b", r"\buavhengig",
                             r"\b(?:ikke|ikkje) (?:er )?enig\b", r"\bstille opp\b", r"\bforklare seg\b",
                             r"\blov\s*\?", r"\b(?:u)?lovleg\b|\b(?:u)?lovlig\b")),
    (AnswerKind.AFTER_REPORT, _any(rf"\b{_WELFARE}\b.{{0,30}}\b(?:tar|ta|tek|hente|henter|hentar|flytte|flytter) meg\b",
                                   # How long barnevernet takes: "hvor lang tid tar det før de gjør noe?".
                                   r"\b(?:hvor|kor) (?:lang tid|lenge)\b.{0,30}\bfør (?:de|dei|barnevernet|bv|noen|nokon)"
                                   r" (?:gjør|gjer|svarer|svarar|tar kontakt|hører|høyrer|reagerer|reagerar|kommer|kjem)\b",
                                   r"\b(?:hvor|kor) (?:lang tid|lenge)\b.{0,20}\b(?:barnevernet|undersøkelsen|undersøkinga)\b",
                                   r"\bhva skjer\b", r"\bkva skjer\b", r"\bka skjer\b", r"\bhva nå\b", r"\bta barn", r"\btar barn",
                                   rf"\b(?:hva|kva) (?:kan|gjør|gjer) (?:egentlig )?{_WELFARE}", r"\b(?:hva|kva) (?:gjør|gjer) politiet\b",
                                   rf"\bundersøk\w*\b.{{0,40}}\b{_WELFARE}|\b{_WELFARE}\b.{{0,60}}\bundersøk|\bundersøkelsessak",
                                   r"\bbekymringsmelding\b.{0,20}\bom meg", r"\btar kontakt\b",
                                   r"\b(?:fulgt|følges|følgt|følgd|følgjast)\b.{0,25}\bopp\b", r"\bmelding(?:a|en)?\b.{0,20}\boppfølging",
                                   r"\b(?:mottar|mottek|får|fær)\b.{0,25}\b(?:melding|bekymring)")),
    (AnswerKind.DUTY, _any(r"meldeplikt", r"opplysningsplikt", r"avvergingsplikt", r"\bplikt til å (?:melde|si)",
                           # Whether a case is one for barnevernet: "er dette noe for barnevernet?".
                           rf"\b(?:er|blir) (?:dette|det|det her|dette her) (?:noe|noko|ei sak|en sak|ein sak) (?:for|til) {_WELFARE}",
                           r"\b(?:er|blir) (?:dette|det) (?:en |ei |ein )?barneverns?sak",
                           rf"\b(?:bør|skal|må) {_WELFARE} (?:\w+ )?(?:kobles|koples|involveres|kontaktes|varsles)\b",
                           # Promising not to report: "kan jeg love ham at jeg ikke melder?".
                           r"\blove\b.{0,30}\b(?:ikke|ikkje) (?:å )?(?:melde|melder|meldar|varsle|varsler|si det|sier det)\b",
                           # Whether the leader must know, or decide, first: the duty is one's own.
                           rf"\b(?:si|sei|seie|fortelle|fortelje|gi beskjed|gå)\b.{{0,25}}\b(?:til|via|gjennom) {_LEADER}",
                           rf"\b(?:må|skal|bør|kan) {_LEADER}.{{0,40}}\b(?:vite|godkjenne|bestemme|avgjøre|stoppe|stanse|nekte)\b",
                           r"\bmå (?:jeg|vi|eg) melde", r"\b(?:skal|bør|burde) (?:jeg|vi|eg|du|enhver|man|me)\b.{0,40}\bmeld",
                           r"\bmelde fra\b", r"\bforplikt", r"\bnødvendig å (?:melde|varsle)", r"\bgripe inn\b",
                           r"\balvorle?i?g nok\b", r"\bhvilke (?:krav|plikter)\b",
                           rf"\b(?:bør|skal|må) (?:\w+ ){{0,2}}(?:ta kontakt med|kontakte) {_WELFARE}",
                           r"\bmelde ifra\b", r"\bvarsle barnevernet", r"\bmelde til barnevernet", r"\bdrøft", r"\banonym",
                           r"\b(?:hvem|kven) (?:kan|skal|må|bør) (?:melde|sende|varsle)",
                           rf"\b(?:må|skal|bør|burde|plikt til å) (?:{_I}|vi|me|man|du)?\b.{{0,30}}"
                           rf"\b(?:si (?:i)?fra|seie frå|varsle|kontakte {_WELFARE})",
                           # Reasons given for not reporting: it makes things worse, we handle it
                           # ourselves, the family already has help.
                           r"\bmelding(?:en|a)?\b.{0,40}\b(?:verre|skade|ødelegge|øydelegge)",
                           r"\bverre\b.{0,40}\b(?:melding|melder|meldar)\b",
                           r"\b(?:håndtere|ordne|løse|ta) (?:det|dette|saken) (?:selv|sjølv)\b",
                           rf"\btiltak (?:fra|frå) {_WELFARE}")),
    (AnswerKind.CONTACT, _any(r"telefonnummer", r"\bnummer(?:et)?\b", r"åpningstid", r"\båpent\b", r"\bnår (?:åpner|stenger)\b",
                              r"\bnår er\b.{0,40}\b(?:åpen|åpne|åpent|ope|open|opne|stengt|tilstede|til stede|inne)\b",
                              r"\bhvem (?:kan jeg )?ring", r"\bkontaktinfo", r"\bkontortid", r"\b(?:hvor|kvar) ligg",
                              # Whom to turn to: "hvem kan jeg snakke med?", "hvor melder man?".
                              r"\b(?:hvem|kven) (?:kan|skal|bør) (?:jeg|eg|du|man|ein|en|vi|me) (?:\w+ )?"
                              r"(?:ringe|kontakte|snakke|snakka|spørre|spørje|gå til|henvende|ta kontakt|sende)",
                              r"\b(?:hvem|kven) kan (?:ta kontakt|kontakte)\b",
                              # "hvem kan jeg si det til?": someone to tell, not whether it is passed on.
                              r"\b(?:hvem|kven) (?:kan|skal|bør) (?:jeg|eg|e|æ|man|ein|en|vi|me) (?:si|sei|seie|fortelle|fortelje)"
                              r" (?:det |dette |det her |alt )?til\b",
                              r"\b(?:hvor|kvar|kor) (?:kan|skal|bør) (?:jeg|eg|du|man|ein|vi|me) (?:\w+ )?(?:ringe|melde|gå|henvende|sende)",
                              r"\b(?:hvor|kvar) (?:melder|meldar|ringer|ringjer)\b",
                              r"\bnoen (?:jeg|vi|eg|me) kan (?:snakke|kontakte|ringe|gå til)\b",
                              r"\b(?:hvordan|korleis) (?:\w+ ){0,3}få hjelp\b",
                              # What a service helps with: "hva kan familievernet hjelpe med?"
                              r"\b(?:hva|kva) kan (?!jeg |eg |vi |me |man |du )(?:\w+ ){1,4}(?:hjelpe|hjelpa|bidra)\b",
                              r"\b(?:hva|kva) kan (?:jeg|eg) (?:snakke|snakka|prate) med\b")),
    (AnswerKind.TERM, _any(r"\bhva betyr\b", r"\bkva betyr\b", r"\b(?:hvaa|va|kva|ka) (?:betyr|tyder)\b", r"^forklar\b", r"\bhva står .* for\b", r"\bhva er (?:en |et )?\w+\?$",
                           r"\b(?:hva|kva) (?:innebærer|inneber|menes med|meinast med)\b",
                           # What something does to children: "hvordan påvirker rusen barna?"
                           r"\bpåv[ie]\w*k", r"\bbetydning for\b", r"\b(?:hvem|kven) gjeld(?:er)? \w+ for\b")),
)


def _asker(text: str, role: Optional[Role], looks_up_a_word: bool) -> Tuple[Asker, Optional[str]]:
    if role is not None and role not in (Role.PARENT_OR_PRIVATE, Role.YOUTH):
        return Asker.PROFESSIONAL, role.value
    at_work = _AT_WORK.search(text) or (not looks_up_a_word and _STAFF_WORDS.search(text))
    own_child = _OWN_CHILD.search(text) or _CHILD_BY_AGE.search(text)
    if role is Role.YOUTH or _OWN_AGE.search(text) or (not own_child and _YOUTH_AT_HOME_OR_IN_CARE.search(text)):
        return (Asker.YOUTH_FRIEND if _FRIEND.search(text) else Asker.YOUTH_SELF), None
    if not at_work and (_REPORTED.search(text) or (_REPORTED_BY.search(text) and _WE.search(text))):
        return Asker.PARENT_REPORTED, None
    if _FRIEND.search(text):
        return Asker.YOUTH_FRIEND, None
    if not own_child and not _CHILD_TOLD.search(text) and (
            _YOUTH_HINTS.search(text) or _HURT_SELF.search(text) or _TOLD_STAFF.search(text)
            or (not at_work and _YOUTH_LIFE.search(text))):
        return Asker.YOUTH_SELF, None
    if role is Role.PARENT_OR_PRIVATE or own_child or (_PRIVATE.search(text) and not at_work):
        return Asker.PARENT_WORRIED, None
    if at_work:
        return Asker.PROFESSIONAL, None
    return Asker.UNKNOWN, None


def _concerns(text: str) -> Tuple[str, ...]:
    found = [c for c, pattern in _CONCERNS.items() if pattern.search(text)]
    if Concern.PARENT_MENTAL_SUBSTANCE in found and Concern.CHILD_BEHAVIOUR in found \
            and (_PARENT_SUBJECT.search(text) or _AT_HOME.search(text)) and "ruser seg" in text:
        found.remove(Concern.CHILD_BEHAVIOUR)
    if not found and _WORRIED.search(text):
        found.append(Concern.GUT_FEELING)  # worried, with nothing named: a gut feeling
    if Concern.PREGNANCY_SUBSTANCES in found:
        found = [c for c in found if c not in (Concern.CHILD_BEHAVIOUR, Concern.PARENT_MENTAL_SUBSTANCE)]
    return tuple(c.value for c in found)


# A short «hva er …?» that asks nothing else names a thing: "hva er statens barnehus?".
_NAMES_A_THING = re.compile(r"^(?:(?:hva|kva|hvem|kven) er|(?:hva|kva) (?:gjør|gjer) (?:en|ein|ei))"
                            r" (?:en |et |ein |eit |ei )?(?:\w+ ?){1,4}\??$"
                            # "hvorfor kutter noen seg?": an explanation is wanted.
                            r"|^(?:hvorfor|kvifor)\b")


def _kinds(text: str) -> Tuple[AnswerKind, ...]:
    """The kinds asked for, first asked first: "har jeg meldeplikt? hva med taushetsplikten?"
    is about the duty, then confidentiality."""
    found = sorted((match.start(), order, kind) for order, (kind, pattern) in enumerate(_KINDS)
                   for match in [pattern.search(text)] if match)
    if not found and _NAMES_A_THING.search(text):
        return (AnswerKind.TERM,)
    return tuple(kind for _, _, kind in found) or (AnswerKind.WHAT_TO_DO,)


# A duty question put the way staff put it: "når skal jeg melde?", "enhver bekymring". Words
# anyone uses («bør jeg melde?», «jeg er bekymret for et barn», «anonymt») leave the asker
# unknown: staff say them too, and a teacher told «du har ikke plikt» would be wrong; an
# unknown asker gets the staff answer followed by the step for private persons.
_MUST_REPORT = re.compile(r"\bnår (?:skal|må)\b|\bforplikt|\bnødvendig\b|\benhver\b|\bdrøft")

# A workplace as the one who acts: "hva skjer når barnehagen melder?", "hva skal skolen gjøre?".
_WORKPLACE_ACTS = re.compile(r"\b(?:barnehagen|skolen|skulen|sfo|helsestasjonen|nav)\b (?:\w+ )?"
                             r"(?:melder|meldar|sender|varsler|varslar|skal|må|bør|gjør|gjer)\b")

# «bti?», «avvergingsplikt»: a word alone is looked up, like «hva betyr BTI?» («hvordan avdekke?» is not).
_LOOKUP_WORDS = 1

# The other service in a question about sharing: "snakke med helsestasjonen", "ringe skolen".
_SHARED_WITH = re.compile(r"\b(?:snakke|snakka|drøfte|drøfta|dele|kontakte|ringe|ta kontakt|samarbeide|samarbeida)"
                          r" (?:\w+ )?(?:med |til )?(?:helsestasjonen|skolen|skulen|barnehagen|nav|fastlegen|legen|ppt"
                          r"|pp-tjenesten|bup|helsesykepleieren|helsesøster|læreren|rustjenesten)\b")

# Roles a workplace word cannot give: «melde til barnevernet» names where the report goes.
_NOT_A_WORKPLACE = (Role.PARENT_OR_PRIVATE, Role.YOUTH, Role.CHILD_WELFARE)


def read_message(text: str, is_acute: Callable[[str], bool] = lambda _: False) -> Reading:
    """The reading of ``text``; ``is_acute`` is the acute net's judgement."""
    folded = " ".join(text.casefold().split())
    kind, *others = _kinds(folded)
    looks_up = kind is AnswerKind.TERM or len(folded.split()) <= _LOOKUP_WORDS
    asker, sector = _asker(folded, role_in(text, asked=False), looks_up)
    concerns = _concerns(folded)
    if asker is Asker.UNKNOWN and {Concern.SELF_HARM.value, Concern.BULLYING.value} & set(concerns):
        # Self-harm or bullying with nobody named: the text for young people fits anyone.
        asker = Asker.YOUTH_SELF
    # The workplace the message names: "en elev", "barnehagen", "linjelæreren"; not the service
    # one would share with ("kan jeg snakke med helsestasjonen om det?").
    own_side = _SHARED_WITH.sub(" ", folded)
    named = role_named(own_side) or role_in(own_side, asked=True)
    workplace = named.value if named and named not in _NOT_A_WORKPLACE else None
    if asker is Asker.UNKNOWN and kind is AnswerKind.DUTY and (workplace or _MUST_REPORT.search(folded)):
        asker = Asker.PROFESSIONAL  # the duty to report is staff's: "når skal jeg melde?"
    if asker is Asker.UNKNOWN and workplace and _WORKPLACE_ACTS.search(folded):
        asker = Asker.PROFESSIONAL
    if asker is Asker.PROFESSIONAL and sector is None:
        sector = workplace
    return Reading(asker.value, sector, concerns, bool(is_acute(text)), kind.value,
                   tuple(k.value for k in others))


def reading_of(parse_data: Optional[Dict[str, Any]]) -> Optional[Reading]:
    """The reading in a parsed message (a tracker's ``latest_message``), if any."""
    return Reading.from_dict((parse_data or {}).get(READING_KEY))
