"""The content schema: turns YAML documents into model objects.

Each YAML file in ``knowledge/`` is a mapping whose top-level keys name sections
(see ``SECTIONS``). A section may be spread over several files, except
``kommune`` which must appear exactly once. Field names are Norwegian because
the municipality's editors write them.
"""

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import regex

from bot.knowledge.fields import Fields, is_missing
from bot.knowledge.hours import parse_time_ranges
from bot.knowledge.model import (
    Audience,
    Choice,
    DateException,
    GuideNode,
    ItemKind,
    KnowledgeBase,
    LegalSource,
    Municipality,
    OpeningHours,
    Phone,
    Role,
    Routine,
    Rule,
    Scope,
    Service,
    Term,
    TimeRange,
    Topic,
    UnverifiedPart,
)
from bot.knowledge.phones import InvalidPhone, parse_phone
from bot.knowledge.problems import Context, Report

MUNICIPALITY_SECTION = "kommune"
# The chat's Content-Security-Policy allows images from its own server only.
LOGO_FILE = re.compile(r"^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:svg|png|webp|jpg)$")
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
LOVDATA = "https://lovdata.no/"
# Public bodies a rule may link to besides Lovdata (fakta-tillegg.md cites their pages).
OFFICIAL_SITES = (LOVDATA, "https://www.bufdir.no/", "https://www.helsedirektoratet.no/",
                  "https://www.regjeringen.no/", "https://www.barneombudet.no/",
                  "https://www.politiet.no/", "https://www.helsenorge.no/",
                  "https://www.statensbarnehus.no/")
AUDIENCE_FIELD = "målgruppe"
# The guide step a parent or neighbour gets instead of a rule or routine written for staff.
PRIVATE_PERSONS_FIELD = "for_privatpersoner"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _audiences(fields: Fields) -> Tuple[Audience, ...]:
    """«målgruppe: [fagperson, forelder, ungdom]»; left out means nobody in particular."""
    known = {a.value: a for a in Audience}
    found = []
    for word in fields.texts(AUDIENCE_FIELD):
        if word.lower() in known:
            found.append(known[word.lower()])
        else:
            fields.ctx.error(f"«{AUDIENCE_FIELD}»: «{word}» er ukjent (bruk {', '.join(known)})")
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class SourceDocument:
    file: str  # shown to editors, e.g. "knowledge/tjenester.yml"
    data: Any


@dataclass(frozen=True)
class RawItem:
    """One item as the editor wrote it; the store keeps exactly this."""

    kind: str  # ItemKind value or MUNICIPALITY_SECTION
    item_id: str
    title: str
    file: str
    position: int
    body: Dict[str, Any]


@dataclass
class ParsedContent:
    municipality: Optional[Municipality] = None
    services: Dict[str, Service] = field(default_factory=dict)
    rules: Dict[str, Rule] = field(default_factory=dict)
    routines: Dict[str, Routine] = field(default_factory=dict)
    nodes: Dict[str, GuideNode] = field(default_factory=dict)
    terms: Dict[str, Term] = field(default_factory=dict)
    topics: Dict[str, Topic] = field(default_factory=dict)
    # Where each item was written, so cross-checks can point to it.
    origins: Dict[Tuple[ItemKind, str], Context] = field(default_factory=dict)
    raw_items: List[RawItem] = field(default_factory=list)

    def knowledge_base(self, version: int = 0, fingerprint: str = "") -> KnowledgeBase:
        if self.municipality is None:
            raise ValueError("innholdet mangler kommune")
        return KnowledgeBase(
            municipality=self.municipality,
            services=self.services,
            rules=self.rules,
            routines=self.routines,
            nodes=self.nodes,
            terms=self.terms,
            topics=self.topics,
            version=version,
            fingerprint=fingerprint,
        )


# --- kommune -----------------------------------------------------------------


def parse_municipality(ctx: Context, data: Any) -> Optional[Municipality]:
    fields = Fields(ctx, data, ("navn", "tidssone", "demo", "nettside", "logo"))
    if not fields.valid:
        return None
    time_zone = fields.text("tidssone")
    if time_zone:
        try:
            ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            ctx.error(f"tidssonen «{time_zone}» finnes ikke (bruk Europe/Oslo)")
    logo = fields.text("logo", required=False)
    if logo and not LOGO_FILE.match(logo):
        ctx.error(f"«logo»: «{logo}» skal være et filnavn i bot/web/static/, for eksempel logo.svg")
        logo = ""
    return Municipality(
        name=fields.text("navn"),
        time_zone=time_zone,
        demo=fields.flag("demo", required=True),
        web=fields.url("nettside"),
        logo=logo,
    )


# --- tjenester -----------------------------------------------------------------


def _time_ranges(ctx: Context, value: Any) -> Tuple[TimeRange, ...]:
    if isinstance(value, int) and not isinstance(value, bool):
        ctx.error("klokkeslett må stå som fra–til, f.eks. 08:00–15:30")
        return ()
    text = str(value).strip().lower()
    if text == "stengt":
        return ()
    if text == "døgnåpen":
        return (TimeRange(0, 24 * 60),)
    try:
        return parse_time_ranges(text)
    except ValueError as problem:
        ctx.error(str(problem))
        return ()


def _date_exception(ctx: Context, data: Any) -> Optional[DateException]:
    fields = Fields(ctx, data, ("dato", "fra", "til", "tider", "stengt", "merknad"))
    if not fields.valid:
        return None
    if fields.has("dato"):
        first = last = fields.day("dato")
    else:
        first, last = fields.day("fra"), fields.day("til")
    if first and last and last < first:
        ctx.error("«til» er før «fra»")
    closed = fields.flag("stengt")
    if closed == fields.has("tider"):
        ctx.error("skriv enten «tider» eller «stengt: ja»")
    ranges = _time_ranges(ctx.at("tider"), fields.raw("tider")) if fields.has("tider") else ()
    if not (first and last):
        return None
    return DateException(first, last, ranges, fields.text("merknad", required=False))


def parse_opening_hours(ctx: Context, data: Any) -> Optional[OpeningHours]:
    allowed = WEEKDAYS + ("døgnåpen", "helligdager", "unntak", "merknad")
    fields = Fields(ctx, data, allowed)
    if not fields.valid:
        return None
    note = fields.text("merknad", required=False)
    if fields.flag("døgnåpen"):
        if any(fields.has(day) for day in WEEKDAYS):
            ctx.error("en døgnåpen tjeneste skal ikke ha tider for ukedagene")
        return OpeningHours(always_open=True, note=note)
    if not any(fields.has(day) for day in WEEKDAYS):
        ctx.error("mangler tider for ukedagene (eller skriv «døgnåpen: ja»)")
    weekly = tuple(
        _time_ranges(ctx.at(f"åpningstider {day}"), fields.raw(day)) if fields.has(day) else ()
        for day in WEEKDAYS
    )
    exceptions_raw = fields.raw("unntak") or []
    if not isinstance(exceptions_raw, list):
        ctx.error("«unntak» skal være en liste")
        exceptions_raw = []
    exceptions = tuple(
        e
        for i, item in enumerate(exceptions_raw, 1)
        if (e := _date_exception(ctx.at(f"unntak nr. {i}"), item)) is not None
    )
    holidays_text = fields.text("helligdager", required=False) or "stengt"
    holiday_ranges = (
        None if holidays_text.lower() == "som vanlig"
        else _time_ranges(ctx.at("åpningstider helligdager"), holidays_text)
    )
    return OpeningHours(
        weekly=weekly,
        public_holidays=holiday_ranges,
        exceptions=exceptions,
        note=note,
    )


def _phones(ctx: Context, value: Any) -> Tuple[Phone, ...]:
    entries = value if isinstance(value, list) else [value]
    phones = []
    for entry in entries:
        note = ""
        if isinstance(entry, dict):
            fields = Fields(ctx, entry, ("nummer", "merknad"))
            entry, note = fields.text("nummer"), fields.text("merknad", required=False)
        try:
            phones.append(parse_phone(str(entry), note))
        except InvalidPhone as problem:
            ctx.error(str(problem))
    return tuple(phones)


def parse_service(ctx: Context, data: Any) -> Optional[Service]:
    fields = Fields(
        ctx,
        data,
        ("id", "navn", "omfang", "synonymer", "for_hvem", "beskrivelse", "telefon",
         "kun_nett", "epost", "adresse", "nettside", "åpningstider", "interkommunal",
         "verifisert", "vakt_for", AUDIENCE_FIELD),
    )
    if not fields.valid:
        return None
    scope_text = fields.text("omfang", required=False) or Scope.LOCAL.value
    if scope_text not in {s.value for s in Scope}:
        ctx.error(f"«omfang» skal være lokal eller nasjonal, ikke «{scope_text}»")
    online_only = fields.flag("kun_nett")
    phones: Tuple[Phone, ...] = ()
    if fields.has("telefon"):
        phones = _phones(ctx.at("telefon"), fields.raw("telefon"))
    elif not online_only:
        ctx.error("mangler telefonnummer («telefon»)")
    web = fields.url("nettside", required=online_only)
    email = fields.text("epost", required=False)
    if email and not EMAIL.match(email):
        ctx.error(f"«{email}» er ikke en e-postadresse")
    hours = None
    if fields.has("åpningstider"):
        hours = parse_opening_hours(ctx.at("åpningstider"), fields.raw("åpningstider"))
    return Service(
        id=fields.identifier(),
        name=fields.text("navn"),
        scope=Scope(scope_text) if scope_text in {s.value for s in Scope} else Scope.LOCAL,
        for_whom=fields.text("for_hvem"),
        description=fields.text("beskrivelse"),
        synonyms=fields.texts("synonymer"),
        phones=phones,
        email=email,
        address=fields.text("adresse", required=False),
        web=web,
        hours=hours,
        inter_municipal=fields.flag("interkommunal"),
        verified=fields.flag("verifisert", default=True),
        covers_for=fields.identifier("vakt_for") if fields.has("vakt_for") else "",
        audiences=_audiences(fields),
    )


# --- regler --------------------------------------------------------------------


def parse_legal_source(ctx: Context, data: Any) -> Optional[LegalSource]:
    fields = Fields(ctx, data, ("lov", "paragraf", "lenke", "verifisert"))
    if not fields.valid:
        return None
    verified = fields.flag("verifisert", required=True)
    section = fields.text("paragraf", required=False).lstrip("§ ").strip()
    link = fields.url("lenke")
    if link and not link.startswith(OFFICIAL_SITES):
        ctx.error(f"lenken skal gå til Lovdata ({LOVDATA}…) eller et offentlig organ, ikke «{link}»")
    if not verified and (section or "§" in link):
        ctx.error(
            "kilden er ikke kontrollert, så den kan ikke ha paragrafnummer. "
            "Ta bort paragrafen (og § i lenken), eller kontroller kilden og skriv «verifisert: ja»"
        )
        section = ""
    if section and "§" in link and link.split("§", 1)[1] != section.replace(" ", ""):
        ctx.error(f"lenken «{link}» peker ikke til § {section}")
    return LegalSource(law=fields.text("lov"), section=section, link=link, verified=verified)


def _listed(ctx: Context, value: Any, name: str, item_label: str, allowed: Tuple[str, ...],
            build: Callable[[Fields], Any]) -> Tuple[Any, ...]:
    """A list field whose items are small mappings (``valg``, ``ukontrollert``)."""
    if is_missing(value):
        return ()
    if not isinstance(value, list):
        ctx.error(f"«{name}» skal være en liste")
        return ()
    fields_of = (Fields(ctx.at(f"{item_label} nr. {i}"), item, allowed) for i, item in enumerate(value, 1))
    return tuple(build(fields) for fields in fields_of if fields.valid)


def _unverified_part(fields: Fields) -> UnverifiedPart:
    """A part of a rule not checked yet; the law is named without a section number."""
    law = fields.text("lov")
    if "§" in law:
        fields.ctx.error("en del som ikke er kontrollert, kan ikke ha paragrafnummer. Ta bort §")
    return UnverifiedPart(text=fields.text("tekst"), law=law)


def parse_rule(ctx: Context, data: Any) -> Optional[Rule]:
    fields = Fields(
        ctx,
        data,
        ("id", "tittel", "synonymer", "kort_svar", "detaljer", "roller", "kilder",
         "verifisert", "sist_kontrollert", "notat", "ukontrollert", AUDIENCE_FIELD, PRIVATE_PERSONS_FIELD),
    )
    if not fields.valid:
        return None
    sources_raw = fields.raw("kilder")
    if is_missing(sources_raw) or sources_raw == []:
        ctx.error("regelen har ingen kilde («kilder»)")
        sources_raw = []
    elif not isinstance(sources_raw, list):
        ctx.error("«kilder» skal være en liste")
        sources_raw = []
    sources = tuple(
        s
        for i, item in enumerate(sources_raw, 1)
        if (s := parse_legal_source(ctx.at(f"kilde nr. {i}"), item)) is not None
    )
    by_role: Dict[Role, str] = {}
    roles = Fields(ctx.at("roller"), fields.raw("roller") or {}, [r.value for r in Role])
    for role in Role:
        if roles.has(role.value):
            by_role[role] = roles.text(role.value)
    verified = fields.flag("verifisert", required=True)
    last_checked = fields.day("sist_kontrollert", required=verified)
    return Rule(
        id=fields.identifier(),
        title=fields.text("tittel"),
        short_answer=fields.text("kort_svar"),
        details=fields.text("detaljer"),
        sources=sources,
        verified=verified,
        last_checked=last_checked,
        synonyms=fields.texts("synonymer"),
        by_role=by_role,
        editor_note=fields.text("notat", required=False),
        unverified_parts=_listed(ctx.at("ukontrollert"), fields.raw("ukontrollert"), "ukontrollert",
                                 "del", ("tekst", "lov"), _unverified_part),
        audiences=_audiences(fields),
        for_private_persons=fields.identifier(PRIVATE_PERSONS_FIELD, required=False),
    )


# --- rutiner, handlingsveileder, ordliste --------------------------------------------


def parse_routine(ctx: Context, data: Any) -> Optional[Routine]:
    fields = Fields(
        ctx, data, ("id", "tittel", "synonymer", "sammendrag", "steg", "eier", "lenke", "regler",
                    AUDIENCE_FIELD, PRIVATE_PERSONS_FIELD)
    )
    if not fields.valid:
        return None
    steps = fields.texts("steg")
    if not steps:
        ctx.error("rutinen har ingen steg («steg»)")
    return Routine(
        id=fields.identifier(),
        title=fields.text("tittel"),
        summary=fields.text("sammendrag"),
        steps=steps,
        owner=fields.identifier("eier"),
        link=fields.url("lenke", required=True),
        synonyms=fields.texts("synonymer"),
        rules=fields.identifiers("regler"),
        audiences=_audiences(fields),
        for_private_persons=fields.identifier(PRIVATE_PERSONS_FIELD, required=False),
    )


def parse_node(ctx: Context, data: Any) -> Optional[GuideNode]:
    fields = Fields(
        ctx,
        data,
        ("id", "nivå", "tittel", "tekst", "valg", "kontakter", "regler", "rutiner",
         "akutt", "utfall", "start", "frist_dager", "synonymer"),
    )
    if not fields.valid:
        return None
    return GuideNode(
        id=fields.identifier(),
        level=fields.integer("nivå", 0, 3),
        title=fields.text("tittel"),
        text=fields.text("tekst"),
        choices=_listed(ctx, fields.raw("valg"), "valg", "valg", ("tekst", "til"), lambda choice: Choice(
            text=choice.text("tekst"), target=choice.identifier("til"))),
        contacts=fields.identifiers("kontakter"),
        rules=fields.identifiers("regler"),
        routines=fields.identifiers("rutiner"),
        acute=fields.flag("akutt"),
        outcome=fields.flag("utfall"),
        start=fields.flag("start"),
        deadline_days=fields.integer("frist_dager", 1, 365),
        synonyms=fields.texts("synonymer"),
    )


def parse_term(ctx: Context, data: Any) -> Optional[Term]:
    fields = Fields(ctx, data, ("id", "begrep", "synonymer", "forklaring", "lenke", AUDIENCE_FIELD))
    if not fields.valid:
        return None
    return Term(
        id=fields.identifier(),
        term=fields.text("begrep"),
        explanation=fields.text("forklaring"),
        synonyms=fields.texts("synonymer"),
        link=fields.url("lenke"),
        audiences=_audiences(fields),
    )


# Who typically writes a topic's question («ungdom», «forelder», «fagperson»).
WRITER_FIELD = "skrevet_av"
# The kinds of item a topic can point to, as editors write them («regel:samtykke»).
TOPIC_ANSWER_KINDS = (ItemKind.RULE, ItemKind.SERVICE, ItemKind.ROUTINE, ItemKind.NODE, ItemKind.TERM)


def _topic_pattern(fields: Fields) -> Optional["regex.Pattern[str]"]:
    patterns = fields.texts("mønstre")
    if not patterns:
        fields.ctx.error("temaet har ingen mønstre («mønstre»)")
        return None
    for number, pattern in enumerate(patterns, 1):
        try:
            regex.compile(pattern)
        except regex.error as problem:
            fields.ctx.error(f"mønster nr. {number} kan ikke leses ({problem})")
            return None
    # The regex module, for its time limit on a search (Topic.is_named_in).
    return regex.compile("|".join(f"(?:{p})" for p in patterns))


def parse_topic(ctx: Context, data: Any) -> Optional[Topic]:
    fields = Fields(ctx, data, ("id", "tittel", "mønstre", "svar", WRITER_FIELD))
    if not fields.valid:
        return None
    pattern = _topic_pattern(fields)
    kind_name, _, answer_id = fields.text("svar").partition(":")
    kinds = {k.value: k for k in TOPIC_ANSWER_KINDS}
    if kind_name and (kind_name not in kinds or not answer_id):
        ctx.error(f"«svar» skal være f.eks. «regel:samtykke» (gyldige slag: {', '.join(kinds)})")
        return None
    if pattern is None or not kind_name:
        return None
    writers = {a.value: a for a in Audience}
    writer = fields.text(WRITER_FIELD, required=False)
    if writer and writer not in writers:
        ctx.error(f"«{WRITER_FIELD}»: «{writer}» er ukjent (bruk {', '.join(writers)})")
    return Topic(id=fields.identifier(), title=fields.text("tittel"), pattern=pattern,
                 answer_kind=kinds[kind_name], answer_id=answer_id.strip(), writer=writers.get(writer))


@dataclass(frozen=True)
class Section:
    kind: ItemKind
    label: str  # "tjeneste «helsestasjon»"
    parse: Callable[[Context, Any], Any]
    target: str  # ParsedContent attribute
    title_of: Callable[[Any], str]


SECTIONS: Dict[str, Section] = {
    "tjenester": Section(ItemKind.SERVICE, "tjeneste", parse_service, "services", lambda s: s.name),
    "regler": Section(ItemKind.RULE, "regel", parse_rule, "rules", lambda r: r.title),
    "rutiner": Section(ItemKind.ROUTINE, "rutine", parse_routine, "routines", lambda r: r.title),
    "handlingsveileder": Section(ItemKind.NODE, "steg", parse_node, "nodes", lambda n: n.title),
    "ordliste": Section(ItemKind.TERM, "begrep", parse_term, "terms", lambda t: t.term),
    "temaer": Section(ItemKind.TOPIC, "tema", parse_topic, "topics", lambda t: t.title),
}


def _parse_section(ctx: Context, section: Section, items: Any, parsed: ParsedContent) -> None:
    if not isinstance(items, list):
        ctx.at(section.label).error("skal være en liste der hvert element starter med «- »")
        return
    store: Dict[str, Any] = getattr(parsed, section.target)
    for number, data in enumerate(items, 1):
        item_id = data.get("id") if isinstance(data, dict) else None
        label = f"{section.label} «{item_id}»" if item_id else f"{section.label} nr. {number}"
        item_ctx = ctx.at(label)
        item = section.parse(item_ctx, data)
        if item is None or not item.id:
            continue
        if item.id in store:
            first = parsed.origins[(section.kind, item.id)]
            item_ctx.error(f"id-en «{item.id}» er brukt før (i {first.file})")
            continue
        store[item.id] = item
        parsed.origins[(section.kind, item.id)] = item_ctx
        parsed.raw_items.append(
            RawItem(section.kind.value, item.id, section.title_of(item), ctx.file,
                    len(parsed.raw_items), data)
        )


def parse_documents(documents: List[SourceDocument], report: Report) -> ParsedContent:
    """Parse every document; problems go to ``report``, broken items are left out."""
    parsed = ParsedContent()
    municipality_files: List[str] = []
    for document in documents:
        ctx = Context(report, document.file)
        if not isinstance(document.data, dict):
            ctx.error("filen skal starte med en seksjon, f.eks. «tjenester:»")
            continue
        for key, value in document.data.items():
            if key == MUNICIPALITY_SECTION:
                municipality_files.append(document.file)
                parsed.municipality = parse_municipality(ctx.at("kommune"), value)
                if isinstance(value, dict):
                    parsed.raw_items.append(
                        RawItem(MUNICIPALITY_SECTION, MUNICIPALITY_SECTION, str(value.get("navn")),
                                document.file, len(parsed.raw_items), value)
                    )
            elif key in SECTIONS:
                _parse_section(ctx, SECTIONS[key], value, parsed)
            else:
                known = ", ".join([MUNICIPALITY_SECTION, *SECTIONS])
                ctx.error(f"ukjent seksjon «{key}» (gyldige seksjoner: {known})")
    if len(municipality_files) > 1:
        Context(report, municipality_files[1]).error(
            f"«kommune» står i flere filer: {', '.join(municipality_files)}"
        )
    if not municipality_files:
        Context(report, "knowledge").error("ingen fil har seksjonen «kommune»")
    return parsed
