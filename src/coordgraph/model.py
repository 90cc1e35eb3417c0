"""The schema: one pydantic model per kind of record.

Each record class declares its place in the graph with class variables: ``KIND`` (the
node label), ``SECTION`` (its key in a YAML/JSON file and the stem of its CSV file) and
``REFS`` (which fields point at which other records, and the relationship each makes).
Validation, the graph builder, the CSV reader and writer, the Cypher loader, the JSON
Schema and the documentation all read these declarations, so a new kind of record is
one class here.

Records hold dates as their sources give them; when a record counts on a date (its
start, end, party and member dates, observations, evidence age) is decided in one place,
:mod:`coordgraph.time_rules`, never here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    field_validator,
    model_validator,
)

from coordgraph.countries import normalise_country
from coordgraph.dates import FuzzyDate
from coordgraph.expectations import default_profiles, default_structures, parse_application
from coordgraph.suggest import did_you_mean
from coordgraph.vocab import (
    ALL_EXPLOITATION,
    EXCLUDABLE,
    AgencyKind,
    AgreementForm,
    AgreementKind,
    AgreementProvision,
    AgreementPurpose,
    AgreementScope,
    AgreementStatus,
    AreaKind,
    BodyFunction,
    ConsentForm,
    CoverageOf,
    ExploitationForm,
    FocalPointStatus,
    Level,
    MechanismStatus,
    MechanismType,
    Mode,
    NetworkKind,
    NodeKind,
    Purpose,
    Relation,
    Verification,
    Victim,
)

__all__ = [
    "RECORD_TYPES",
    "ActionPlan",
    "Agency",
    "Agreement",
    "Area",
    "Citation",
    "Connection",
    "CountryCode",
    "CountryInfo",
    "Coverage",
    "DatasetInfo",
    "Expectation",
    "FocalPoint",
    "Mechanism",
    "Membership",
    "Network",
    "OwnProfile",
    "Party",
    "Place",
    "Record",
    "Ref",
    "Route",
    "Source",
    "check_period",
    "node_id",
    "parse_place",
    "place_node",
    "unknown_profiles",
]

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_TAG = re.compile(r"^[a-z][a-z0-9_]*$")


#: What separates the values of a multi-value cell (``a|b|c``).
MULTI_SEPARATOR = "|"


def _split_multi(value: object) -> object:
    """Let a CSV cell ``a|b|c`` (or a lone string) stand for a list."""
    if value is None:
        return ()
    if isinstance(value, str):
        if MULTI_SEPARATOR not in value:  # one value (most cells): no split to make
            value = value.strip()
            return (value,) if value else ()
        return tuple(part.strip() for part in value.split(MULTI_SEPARATOR) if part.strip())
    return value


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(
            f"{value!r} is not a valid id: use letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return value


def _check_tag(value: str) -> str:
    if not _TAG.match(value):
        raise ValueError(f"{value!r} is not a scope tag: use lower_case_with_underscores")
    return value


#: The pattern each text check enforces, so a column of ids can be checked in one pass
#: (see :mod:`coordgraph.routes.columns`) by the same expression the record check uses.
TEXT_PATTERNS: dict[Any, re.Pattern[str]] = {_check_slug: _SLUG, _check_tag: _TAG}


def _country(value: object) -> str:
    return normalise_country(value)


Slug = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_check_slug)]
CountryCode = Annotated[
    str,
    BeforeValidator(_country),
    Field(description="ISO 3166-1 alpha-3 code; alpha-2 codes and English names are accepted"),
]
Tag = Annotated[str, AfterValidator(_check_tag)]

#: Largest count accepted (cases, members, parties): far above any real figure and safe
#: for the 64-bit integers of a graph server.
MAX_COUNT = 1_000_000_000


def _whole_number(value: object) -> object:
    """A count is a whole number written in digits: not true/false, not 1.5, not 2_006."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number; write a count in digits, e.g. 120")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"{value!r} is not a whole number")
        return int(value)
    if isinstance(value, str) and not re.fullmatch(r"\s*-?[0-9]{1,30}\s*", value):
        raise ValueError(f"{value[:40]!r} is not a whole number; write digits only, e.g. 120")
    return value


Count = Annotated[int, BeforeValidator(_whole_number), Field(ge=0, le=MAX_COUNT)]
Text = Annotated[str, Field(max_length=5000)]

_DAY_IN_TEXT = re.compile(r"(?<![0-9A-Za-z-])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9A-Za-z-])")


def _days_in_text(value: str) -> str:
    """Free text whose dates written as YYYY-MM-DD are days of the calendar (a note
    saying "signed 2006-02-30" records a mistake someone will copy)."""
    for match in _DAY_IN_TEXT.finditer(value):
        year, month, day = (int(g) for g in match.groups())
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValueError(
                f"{match.group()!r} in the text is not a date (no such day); correct it"
            ) from None
    return value


#: Free text that may mention dates (notes, a dataset's title and description).
Notes = Annotated[str, Field(max_length=5000), AfterValidator(_days_in_text)]


def _tuple_of(item: Any) -> Any:
    return Annotated[tuple[item, ...], BeforeValidator(_split_multi)]


# ----------------------------------------------------------------------------- citations


@dataclass(frozen=True)
class Citation:
    """A source id with an optional locator: ``tp2008:2226-2231`` or ``who2020:p. 12``."""

    source: str
    locator: str | None = None

    @classmethod
    def parse(cls, value: object) -> Citation:
        if isinstance(value, Citation):
            return value
        if isinstance(value, dict):
            source, locator = value.get("source"), value.get("locator")
            if not isinstance(source, str) or set(value) - {"source", "locator"}:
                raise ValueError(
                    "a citation is a source id, optionally followed by ':locator' "
                    "(as a mapping: source and locator)"
                )
            return cls(_check_slug(source.strip()), None if locator is None else str(locator))
        if not isinstance(value, str) or not value.strip():
            raise ValueError("a citation is a source id, optionally followed by ':locator'")
        return _citation_in_text(value.strip())

    def __str__(self) -> str:
        return self.source if self.locator is None else f"{self.source}:{self.locator}"


@functools.lru_cache(maxsize=8192)
def _citation_in_text(text: str) -> Citation:
    """The citation a stripped text means (:meth:`Citation.parse`), read once per text:
    the same few sources are cited by thousands of rows, and a citation never changes."""
    source, _, locator = text.partition(":")
    return Citation(_check_slug(source.strip()), locator.strip() or None)


CitationField = Annotated[
    Citation,
    BeforeValidator(Citation.parse),
    PlainSerializer(str, return_type=str),
    Field(json_schema_extra={"type": "string", "examples": ["tp2008:2226-2231"]}),
]

# ----------------------------------------------------------------------------- places

UNKNOWN = "unknown"
AREA_PREFIX = "area:"


def parse_place(value: object) -> str:
    """Normalise a route place.

    A place is a country (``GRC``, ``GR``, ``Greece``), an area (``area:cri-san-jose`` or
    the bare area id) or ``unknown`` with an optional label (``unknown: Western demand-side
    countries``). Returns ``ISO3``, ``area:<id>`` or ``unknown[:<label>]``.
    """
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a place is required: a country code, an area id or 'unknown'")
    text = value.strip()
    head, sep, rest = text.partition(":")
    if head.strip().lower() == UNKNOWN:
        label = rest.strip()
        return f"{UNKNOWN}:{label}" if sep and label else UNKNOWN
    if head.strip().lower() == "area" and sep:
        return AREA_PREFIX + _check_slug(rest.strip())
    try:
        return normalise_country(text)
    except ValueError:
        if _SLUG.match(text) and ("-" in text or "_" in text or text.islower()):
            return AREA_PREFIX + text
        raise


Place = Annotated[
    str,
    BeforeValidator(parse_place),
    Field(
        description=(
            "A country (ISO alpha-3, alpha-2 or name), an area id (optionally 'area:<id>') "
            "or 'unknown[: label]' for an endpoint the source does not name"
        )
    ),
]


def place_kind(place: str) -> NodeKind:
    """The node kind a normalised place refers to."""
    if place.startswith(AREA_PREFIX):
        return NodeKind.AREA
    if place == UNKNOWN or place.startswith(UNKNOWN + ":"):
        return NodeKind.UNKNOWN_PLACE
    return NodeKind.COUNTRY


def node_id(kind: NodeKind | str, id_: str) -> str:
    """The graph node id of a record: ``"{kind}:{id}"``."""
    return f"{kind}:{id_}"


def place_node(place: str) -> str:
    """Node id of a normalised route place (country code, ``area:<id>`` or ``unknown``)."""
    kind = place_kind(place)
    if kind is NodeKind.AREA:
        return node_id(kind, place.removeprefix(AREA_PREFIX))
    if kind is NodeKind.UNKNOWN_PLACE:
        label = place.partition(":")[2] or UNKNOWN
        return node_id(kind, label)
    return node_id(kind, place)


# ----------------------------------------------------------------------------- base


@dataclass(frozen=True)
class Ref:
    """A field that points at other records and the relationship it makes in the graph.

    ``inbound`` edges run from the referenced record to this one (``Agency -LEADS->
    Mechanism``); others run from this record out. ``link`` fields hold nested link
    records whose extra fields become edge properties.
    """

    field: str
    targets: tuple[NodeKind, ...]
    relation: Relation
    inbound: bool = False
    link: bool = False


class Base(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        use_enum_values=False,
        populate_by_name=True,
    )


class Record(Base):
    """Fields every record has."""

    KIND: ClassVar[NodeKind]
    SECTION: ClassVar[str]
    REFS: ClassVar[tuple[Ref, ...]] = ()
    DESCRIPTION: ClassVar[str] = ""

    id: Slug = Field(description="Stable identifier, unique within its kind")
    name: Text | None = Field(default=None, description="Name a person would recognise")
    sources: _tuple_of(CitationField) = Field(  # type: ignore[valid-type]
        default=(), description="Citations: source id, optionally ':locator' (page, lines)"
    )
    valid_from: FuzzyDate | None = Field(default=None, description="Start (YYYY[-MM[-DD]])")
    valid_to: FuzzyDate | None = Field(default=None, description="End (YYYY[-MM[-DD]])")
    verification: Verification = Field(
        default=Verification.VERIFIED,
        description="verified (read in the cited source), unverified or disputed",
    )
    notes: Notes | None = None

    @property
    def node_id(self) -> str:
        return node_id(self.KIND, self.id)

    @property
    def label(self) -> str:
        return self.name or self.id

    @model_validator(mode="after")
    def _period_in_order(self) -> Record:
        check_period(self.valid_from, self.valid_to)
        return self


def check_period(valid_from: FuzzyDate | None, valid_to: FuzzyDate | None) -> None:
    """A record's period is in order: ``valid_to`` is not wholly before ``valid_from``.

    Raises :class:`ValueError` with the message a record gets; the column-wise reader
    calls this once per distinct pair of dates.
    """
    if valid_from is not None and valid_to is not None and valid_to.end < valid_from.start:
        raise ValueError(f"valid_to ({valid_to}) is before valid_from ({valid_from})")


def _citations_ref() -> Ref:
    return Ref("sources", (NodeKind.SOURCE,), Relation.CITES)


class Link(Base):
    """A nested record that becomes an edge (a membership, a party to an agreement)."""

    TARGET_FIELD: ClassVar[str] = "country"

    sources: _tuple_of(CitationField) = ()  # type: ignore[valid-type]
    verification: Verification = Verification.VERIFIED
    notes: Notes | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {cls.TARGET_FIELD: data}
        return data


def _expectation(value: object) -> str:
    return str(parse_application(value))


#: A profile applied (``osce-nrm``, or ``osce-nrm from 2013-04-06``; as a mapping
#: ``{profile: osce-nrm, from: 2013-04-06}``), kept as its text form.
Expectation = Annotated[
    str,
    BeforeValidator(_expectation),
    Field(
        json_schema_extra={"examples": ["osce-nrm", "eu-directive-2011-36-art19 from 2013-04-06"]}
    ),
]


class Connection(Link):
    """A dated arrangement between an agency or body and another (a platform that reports
    to a hotline, a police unit connected to INTERPOL's ICSE database)."""

    TARGET_FIELD: ClassVar[str] = "to"

    to: Slug = Field(description="The agency, mechanism or network at the other end")
    valid_from: FuzzyDate | None = None
    valid_to: FuzzyDate | None = None

    @model_validator(mode="after")
    def _in_order(self) -> Connection:
        check_period(self.valid_from, self.valid_to)
        return self


# ----------------------------------------------------------------------------- records


def unknown_profiles(expects: Iterable[str], own: Iterable[OwnProfile]) -> str | None:
    """What is wrong with the profile names ``expects`` applies, when one is neither in
    data/rules.yaml nor among the dataset's ``own`` (``None``: all are known)."""
    known = set(default_profiles()) | {p.id for p in own}
    wrong = [n for n in (parse_application(e).profile for e in expects) if n not in known]
    if not wrong:
        return None
    hint = did_you_mean(wrong[0], known)
    return (
        f"no profile {wrong[0]!r}"
        + (f" ({hint})" if hint else "")
        + f"; profiles: {', '.join(sorted(known))}"
    )


class OwnProfile(Base):
    """A dataset's own expectation profile (beside those of data/rules.yaml)."""

    id: Slug
    name: Text
    expects: _tuple_of(Slug) = Field(  # type: ignore[valid-type]
        description="The expected structures (names from data/rules.yaml: structures)"
    )
    source: Text = Field(description="The instrument or line that sets the expectation")
    why: Text | None = None
    every_state: bool = Field(default=False, description="Applies to every State the dataset names")
    valid_from: FuzzyDate | None = Field(
        default=None,
        validation_alias=AliasChoices("valid_from", "from"),
        description="From when it applies",
    )

    @field_validator("expects")
    @classmethod
    def _known_structures(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        known = default_structures()
        wrong = [v for v in value if v not in known]
        if wrong or not value:
            raise ValueError(
                ("expects nothing" if not value else f"no structure {wrong[0]!r}")
                + f"; known structures: {', '.join(sorted(known))}"
            )
        return value


class Include(Base):
    """Another dataset whose records this one takes in (see :mod:`coordgraph.include`).

    Written ``reference`` (everything in it) or as a mapping ``{dataset: reference, only:
    [cets-197, ecowas]}`` (those records, with the records they refer to). In a
    spreadsheet cell or a CSV folder's ``datapackage.json`` the same is written
    ``reference`` or ``reference: cets-197 | ecowas``; several includes are separated by
    ``;``.
    """

    dataset: str = Field(
        min_length=1,
        max_length=500,
        description="A bundled dataset's name, or a path relative to this dataset's file",
    )
    only: _tuple_of(Slug) = Field(  # type: ignore[valid-type]
        default=(),
        description="Ids of the records to take (with what they refer to); all when empty",
    )

    @model_validator(mode="before")
    @classmethod
    def _text_form(cls, data: Any) -> Any:
        if isinstance(data, str):
            name, only = split_include_text(data)
            return {"dataset": name, "only": only} if only else {"dataset": name}
        return data

    def __str__(self) -> str:
        if not self.only:
            return self.dataset
        return f"{self.dataset}: " + f" {MULTI_SEPARATOR} ".join(self.only)


def split_include_text(text: str) -> tuple[str, tuple[str, ...]]:
    """``reference: a | b`` -> ``("reference", ("a", "b"))``; a drive letter (``C:\\``) is
    part of the path, not a separator."""
    text = text.strip()
    cut = text.find(":")
    if cut == 1 and len(text) > 2 and text[2] in "\\/":
        cut = text.find(":", 2)
    if cut < 0:
        return text, ()
    ids = _split_multi(text[cut + 1 :])
    assert isinstance(ids, tuple)
    return text[:cut].strip(), ids


def _includes(value: object) -> object:
    """A text of several includes separated by ``;`` (spreadsheets, datapackage.json)."""
    if isinstance(value, str):
        return tuple(part for part in (p.strip() for p in value.split(";")) if part)
    return value


class DatasetInfo(Base):
    """What the dataset is: shown by ``summary`` and in reports."""

    name: Slug
    title: Notes
    description: Notes | None = None
    licence: str | None = None
    synthetic: bool = False
    homepage: str | None = None
    as_of: FuzzyDate | None = Field(
        default=None,
        description=(
            "The date the dataset speaks for (when it was compiled); commands default to it"
        ),
    )
    include: Annotated[tuple[Include, ...], BeforeValidator(_includes)] = Field(
        default=(),
        description=(
            "Datasets whose records this one takes in, e.g. [reference]; its own record of "
            "the same instrument wins where the two disagree"
        ),
    )

    # profiles come before expects: expects is checked against them
    profiles: tuple[OwnProfile, ...] = Field(
        default=(), description="The dataset's own expectation profiles"
    )
    expects: _tuple_of(Expectation) = Field(  # type: ignore[valid-type]
        default=(),
        description=(
            "Expectation profiles that apply to every State the dataset names "
            "(data/rules.yaml: profiles, or the dataset's own)"
        ),
    )

    @field_validator("expects")
    @classmethod
    def _known_profiles(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        if "profiles" not in info.data:  # the profiles failed: said there
            return value
        problem = unknown_profiles(value, info.data["profiles"])
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("include")
    @classmethod
    def _distinct_includes(cls, value: tuple[Include, ...]) -> tuple[Include, ...]:
        names = [i.dataset for i in value]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"included twice: {', '.join(dupes)}")
        return value


class Source(Record):
    KIND = NodeKind.SOURCE
    SECTION = "sources"
    DESCRIPTION = "A document that records cite."

    title: Text
    author: Text | None = None
    publisher: Text | None = None
    date: FuzzyDate | None = None
    not_before: FuzzyDate | None = Field(
        default=None,
        description="For an undated document: the earliest date it can have been written "
        "(e.g. the date of the newest document it cites)",
    )
    url: str | None = None
    locator: str | None = Field(default=None, description="Section, page or file of the whole")
    licence: str | None = None
    synthetic: bool = Field(default=False, description="True for generated, not real, data")


class CountryInfo(Record):
    KIND = NodeKind.COUNTRY
    SECTION = "countries"
    REFS = (_citations_ref(),)
    DESCRIPTION = (
        "Optional details on a State or territory. Countries referenced anywhere exist "
        "without a record; records here add names or notes."
    )

    id: CountryCode


class Area(Record):
    KIND = NodeKind.AREA
    SECTION = "areas"
    REFS = (
        Ref("country", (NodeKind.COUNTRY,), Relation.LOCATED_IN),
        _citations_ref(),
    )
    DESCRIPTION = "A place below the State: province, district, city, border area."

    country: CountryCode
    type: AreaKind = Field(
        default=AreaKind.OTHER,
        validation_alias=AliasChoices("type", "kind"),
        description="province, district, city, border_area, region, site or other",
    )


class Agency(Record):
    KIND = NodeKind.AGENCY
    SECTION = "agencies"
    REFS = (
        Ref("country", (NodeKind.COUNTRY,), Relation.LOCATED_IN),
        Ref("parent", (NodeKind.AGENCY,), Relation.PART_OF),
        Ref(
            "reports_to",
            (NodeKind.AGENCY, NodeKind.MECHANISM),
            Relation.REPORTS_TO,
            link=True,
        ),
        Ref(
            "connected_to",
            (NodeKind.NETWORK, NodeKind.AGENCY, NodeKind.MECHANISM),
            Relation.CONNECTED_TO,
            link=True,
        ),
        _citations_ref(),
    )
    DESCRIPTION = (
        "A ministry, police unit, NGO, IGO, hotline operator or company. reports_to names "
        "where it sends reports (a platform to a hotline, a hotline to the police); "
        "connected_to the databases or networks it is connected to (INTERPOL's ICSE "
        "database); each with its dates."
    )

    type: AgencyKind = Field(
        default=AgencyKind.OTHER,
        validation_alias=AliasChoices("type", "kind"),
        description="ministry, law_enforcement, ngo, igo, hotline, company, ...",
    )
    acronym: str | None = None
    country: CountryCode | None = None
    parent: Slug | None = None
    reports_to: _tuple_of(Connection) = Field(  # type: ignore[valid-type]
        default=(), description="Where it sends reports (agencies or mechanisms), with dates"
    )
    connected_to: _tuple_of(Connection) = Field(  # type: ignore[valid-type]
        default=(),
        description="Databases or networks it is connected to (a network's id), with dates",
    )


class Mechanism(Record):
    KIND = NodeKind.MECHANISM
    SECTION = "mechanisms"
    REFS = (
        Ref("country", (NodeKind.COUNTRY,), Relation.OPERATES_IN),
        Ref("area", (NodeKind.AREA,), Relation.OPERATES_IN),
        Ref("network", (NodeKind.NETWORK,), Relation.OPERATES_IN),
        Ref("leads", (NodeKind.AGENCY,), Relation.LEADS, inbound=True),
        Ref("members", (NodeKind.AGENCY,), Relation.MEMBER_OF, inbound=True),
        Ref("parent", (NodeKind.MECHANISM,), Relation.PART_OF),
        Ref("coordinates_with", (NodeKind.MECHANISM,), Relation.COORDINATES_WITH),
        Ref("replaces", (NodeKind.MECHANISM,), Relation.REPLACES),
        Ref("reports_to", (NodeKind.MECHANISM,), Relation.REPORTS_TO),
        Ref("oversees", (NodeKind.MECHANISM,), Relation.OVERSEES),
        Ref("reaches", (NodeKind.MECHANISM,), Relation.REACHES),
        Ref(
            "connected_to",
            (NodeKind.NETWORK, NodeKind.AGENCY, NodeKind.MECHANISM),
            Relation.CONNECTED_TO,
            link=True,
        ),
        _citations_ref(),
    )
    DESCRIPTION = (
        "A coordinating body, task force, referral mechanism, rapporteur, local team or "
        "hotline hub. valid_from is when it was established; replaces names the bodies it "
        "took over from (each ends when this one starts, unless its own end is recorded)."
    )

    type: MechanismType
    level: Level
    acronym: str | None = None
    country: CountryCode | None = None
    area: Slug | None = None
    network: Slug | None = None
    scope: _tuple_of(Tag) = Field(default=(), description="Issue-scope tags")  # type: ignore[valid-type]
    leads: _tuple_of(Slug) = ()  # type: ignore[valid-type]
    members: _tuple_of(Slug) = ()  # type: ignore[valid-type]
    parent: Slug | None = None
    coordinates_with: _tuple_of(Slug) = ()  # type: ignore[valid-type]
    replaces: _tuple_of(Slug) = Field(  # type: ignore[valid-type]
        default=(), description="Mechanisms this one replaced (they end when it starts)"
    )
    status: MechanismStatus = MechanismStatus.ACTIVE
    status_as_of: FuzzyDate | None = Field(
        default=None, description="When the status was observed (e.g. a review's date)"
    )
    function: BodyFunction | None = Field(
        default=None, description="What it does, when not its type's default (data/rules.yaml)"
    )
    reports_to: _tuple_of(Slug) = Field(  # type: ignore[valid-type]
        default=(), description="Bodies it answers to (a working group to its steering group)"
    )
    oversees: _tuple_of(Slug) = Field(  # type: ignore[valid-type]
        default=(), description="Bodies it supervises or evaluates (an oversight committee)"
    )
    independent: bool | None = Field(
        default=None,
        description=(
            "For a rapporteur or monitoring body: independent of the bodies it monitors "
            "(false: it is the coordinating body, or answers to it); leave out when the "
            "source does not say"
        ),
    )
    child_procedure: bool | None = Field(
        default=None,
        description=(
            "Has a procedure specific to children (referral, identification, guardianship); "
            "leave out when the source does not say"
        ),
    )
    child_protection_tie: bool | None = Field(
        default=None,
        description=(
            "Works with the national child-protection structure (a coordinating body); "
            "leave out when the source does not say"
        ),
    )
    evaluated: FuzzyDate | None = Field(
        default=None, description="When it was last evaluated or reviewed"
    )
    reaches: _tuple_of(Slug) = Field(  # type: ignore[valid-type]
        default=(), description="Local mechanisms a national body reaches (works through)"
    )
    connected_to: _tuple_of(Connection) = Field(  # type: ignore[valid-type]
        default=(),
        description="Databases or networks it is connected to (a network's id), with dates",
    )

    @model_validator(mode="after")
    def _not_above_itself(self) -> Mechanism:
        for name in ("reports_to", "oversees", "reaches"):
            if self.id in getattr(self, name):
                raise ValueError(f"{name}: a body cannot name itself")
        return self

    @model_validator(mode="after")
    def _works_in_one_place(self) -> Mechanism:
        if self.network is not None and (self.country is not None or self.area is not None):
            raise ValueError(
                "a mechanism works in a country (or an area of it) or for a network, not both"
            )
        if self.id in self.coordinates_with:
            raise ValueError(f"{self.id!r} coordinates with itself")
        return self


class ActionPlan(Record):
    KIND = NodeKind.ACTION_PLAN
    SECTION = "action_plans"
    REFS = (
        Ref("country", (NodeKind.COUNTRY,), Relation.ADOPTED_BY),
        Ref("shared_with", (NodeKind.COUNTRY,), Relation.ADOPTED_BY),
        Ref("network", (NodeKind.NETWORK,), Relation.ADOPTED_BY),
        Ref("area", (NodeKind.AREA,), Relation.OPERATES_IN),
        Ref("leads", (NodeKind.AGENCY,), Relation.LEADS, inbound=True),
        Ref("mechanism", (NodeKind.MECHANISM,), Relation.IMPLEMENTED_BY),
        Ref("replaces", (NodeKind.ACTION_PLAN,), Relation.REPLACES),
        _citations_ref(),
    )
    DESCRIPTION = (
        "A national, sub-national (area, level) or regional plan of action, or one shared "
        "by two or more States (shared_with). valid_from/valid_to are the years it covers; "
        "adopted is when it was adopted; evaluated when it was evaluated; mechanism the "
        "structure that coordinates it."
    )

    country: CountryCode | None = None
    shared_with: _tuple_of(CountryCode) = Field(  # type: ignore[valid-type]
        default=(), description="Other States that adopted the same plan"
    )
    network: Slug | None = None
    area: Slug | None = Field(default=None, description="The area of a sub-national plan")
    level: Level = Field(
        default=Level.NATIONAL, description="national, subnational, local or regional"
    )
    replaces: _tuple_of(Slug) = ()  # type: ignore[valid-type]
    scope: _tuple_of(Tag) = ()  # type: ignore[valid-type]
    leads: _tuple_of(Slug) = ()  # type: ignore[valid-type]
    mechanism: Slug | None = None
    adopted: FuzzyDate | None = None
    evaluated: FuzzyDate | None = None
    evaluation: Text | None = None
    budget: bool | None = Field(
        default=None,
        description="Has a budget to finance it (false: none); leave out when not stated",
    )
    timetable: bool | None = Field(
        default=None,
        description=(
            "Sets a timetable for its objectives (false: none); leave out when not stated"
        ),
    )

    @model_validator(mode="after")
    def _owner(self) -> ActionPlan:
        if (self.country is None) == (self.network is None):
            raise ValueError("an action plan belongs to exactly one of country or network")
        if self.shared_with and self.country is None:
            raise ValueError("shared_with needs the plan's first State in country")
        if self.country is not None and self.country in self.shared_with:
            raise ValueError(f"{self.country} is both country and shared_with")
        if self.adopted and self.evaluated and self.evaluated.end < self.adopted.start:
            raise ValueError(f"evaluated ({self.evaluated}) is before adopted ({self.adopted})")
        if self.adopted and self.valid_to and self.adopted.start > self.valid_to.end:
            raise ValueError(
                f"adopted ({self.adopted}) is after valid_to ({self.valid_to}), when the plan "
                "had ended"
            )
        return self


class Membership(Link):
    """A State's membership of a network, with dates."""

    country: CountryCode
    joined: FuzzyDate | None = None
    left: FuzzyDate | None = None

    @model_validator(mode="after")
    def _in_order(self) -> Membership:
        if self.joined and self.left and self.left.end < self.joined.start:
            raise ValueError(f"left ({self.left}) is before joined ({self.joined})")
        return self


class Network(Record):
    KIND = NodeKind.NETWORK
    SECTION = "networks"
    REFS = (
        Ref("members", (NodeKind.COUNTRY,), Relation.MEMBER_OF, inbound=True, link=True),
        Ref("agencies", (NodeKind.AGENCY,), Relation.MEMBER_OF, inbound=True),
        Ref("secretariat", (NodeKind.AGENCY,), Relation.LEADS, inbound=True),
        Ref("parent", (NodeKind.NETWORK,), Relation.PART_OF),
        _citations_ref(),
    )
    DESCRIPTION = (
        "A regional body or process (COMMIT, RCM, ECOWAS, a contact-point network) or an "
        "inter-agency group. members are States, agencies are member organisations."
    )

    type: NetworkKind = Field(
        default=NetworkKind.OTHER,
        validation_alias=AliasChoices("type", "kind"),
        description="intergovernmental, regional_process, contact_point_network, ...",
    )
    acronym: str | None = None
    scope: _tuple_of(Tag) = ()  # type: ignore[valid-type]
    members: _tuple_of(Membership) = ()  # type: ignore[valid-type]
    members_complete: bool = Field(
        default=True,
        description="False when the source names only some members (e.g. 'six States')",
    )
    member_count: Count | None = Field(
        default=None, description="How many States the source says are members"
    )
    agencies: _tuple_of(Slug) = ()  # type: ignore[valid-type]
    secretariat: Slug | None = None
    parent: Slug | None = None
    requires_focal_point: bool = Field(
        default=False, description="Members are expected to designate a focal point"
    )
    coordinating: bool = Field(
        default=True, description="Coordinates action (checked for duplication)"
    )
    function: BodyFunction | None = Field(
        default=None, description="What it does, when not its type's default (data/rules.yaml)"
    )
    same_as: Slug | None = Field(
        default=None,
        description=(
            "The id of the same network in an included dataset (e.g. the reference layer), "
            "when this dataset names it differently: the two are merged under this id"
        ),
    )
    expects: _tuple_of(Expectation) = Field(  # type: ignore[valid-type]
        default=(),
        description=(
            "Expectation profiles that apply to its members (data/rules.yaml: profiles), "
            "each optionally 'from YYYY-MM-DD'"
        ),
    )


class Party(Link):
    """A State party to an agreement: party from ratification, accession or succession;
    with only a signature recorded, from signature; no longer a party after withdrawal."""

    country: CountryCode
    signed: FuzzyDate | None = None
    ratified: FuzzyDate | None = Field(
        default=None,
        description="Ratification, acceptance or approval (or a definitive signature)",
    )
    acceded: FuzzyDate | None = Field(default=None, description="Accession (instead of ratifying)")
    succeeded: FuzzyDate | None = Field(
        default=None,
        description="Succession: a new State's notice that it is bound as its predecessor was",
    )
    withdrawn: FuzzyDate | None = Field(default=None, description="Withdrawal takes effect")
    consent: ConsentForm | None = Field(
        default=None,
        description=(
            "How it consented, as the depositary marks it: ratification, acceptance, "
            "approval, accession, succession or definitive_signature"
        ),
    )
    reservations: Text | None = Field(
        default=None, description="Its reservations, as the depositary gives them"
    )
    declarations: Text | None = Field(
        default=None, description="Its declarations, as the depositary gives them"
    )
    reservation_sources: _tuple_of(CitationField) = Field(  # type: ignore[valid-type]
        default=(), description="Where its reservations and declarations are read"
    )
    excludes: _tuple_of(Tag) = Field(  # type: ignore[valid-type]
        default=(),
        description=(
            "Forms of exploitation or provisions its reservations exclude for it (e.g. "
            "labour, return_procedure); a reservation to the dispute clause excludes nothing"
        ),
    )

    @field_validator("excludes")
    @classmethod
    def _excludable(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            if item not in EXCLUDABLE:
                raise ValueError(
                    f"{item!r} is not a form of exploitation or a provision; use one of "
                    + ", ".join(sorted(EXCLUDABLE))
                )
        if len(set(value)) != len(value):
            raise ValueError("a form or provision is excluded twice")
        return value

    @model_validator(mode="after")
    def _in_order(self) -> Party:
        if self.signed and self.ratified and self.ratified.end < self.signed.start:
            raise ValueError(f"ratified ({self.ratified}) is before signed ({self.signed})")
        became = [d for d in (self.ratified, self.acceded, self.succeeded) if d is not None]
        if len(became) > 1:
            raise ValueError(
                "a State becomes a party once: give one of ratified, acceded or succeeded"
            )
        first = became[0] if became else self.signed
        if first and self.withdrawn and self.withdrawn.end < first.start:
            raise ValueError(f"withdrawn ({self.withdrawn}) is before it became a party ({first})")
        if self.excludes and not (self.reservations or self.declarations):
            raise ValueError(
                "excludes needs the text it rests on: give the reservation in reservations "
                "(or the declaration in declarations)"
            )
        if self.reservation_sources and not (self.reservations or self.declarations):
            raise ValueError("reservation_sources cites a reservation that is not recorded")
        return self


class Agreement(Record):
    KIND = NodeKind.AGREEMENT
    SECTION = "agreements"
    REFS = (
        Ref("parties", (NodeKind.COUNTRY,), Relation.PARTY_TO, inbound=True, link=True),
        Ref("network", (NodeKind.NETWORK,), Relation.PART_OF),
        Ref("amends", (NodeKind.AGREEMENT,), Relation.AMENDS),
        Ref("replaces", (NodeKind.AGREEMENT,), Relation.REPLACES),
        _citations_ref(),
    )
    DESCRIPTION = (
        "A bilateral or multilateral agreement or MoU. It links its parties from entry "
        "into force when that is recorded; an MoU, or an agreement whose entry into force "
        "is not recorded, from signature (the finding says which); not while it is a draft "
        "or recorded as not in force, and after such a date its status is unknown."
    )

    type: AgreementKind = Field(
        validation_alias=AliasChoices("type", "kind"),
        description="bilateral or multilateral",
    )
    form: AgreementForm = AgreementForm.UNKNOWN
    parties: _tuple_of(Party) = ()  # type: ignore[valid-type]
    parties_complete: bool = Field(
        default=True,
        description=(
            "False when the source does not list every party (the default for a "
            "multilateral agreement with no party listed)"
        ),
    )
    party_count: Count | None = None
    signed: FuzzyDate | None = None
    in_force: FuzzyDate | None = Field(default=None, description="Entry into force")
    not_in_force_on: FuzzyDate | None = Field(
        default=None,
        description="A date on which the source says it was not in force (an observation "
        "on that date: afterwards its status is unknown until a later date is recorded)",
    )
    status: AgreementStatus = Field(
        default=AgreementStatus.ADOPTED, description="adopted, or draft (not adopted)"
    )
    drafted: FuzzyDate | None = Field(default=None, description="Date of the draft")
    amends: _tuple_of(Slug) = Field(  # type: ignore[valid-type]
        default=(), description="Agreements this one amends (they stay in effect)"
    )
    replaces: _tuple_of(Slug) = Field(  # type: ignore[valid-type]
        default=(), description="Agreements this one replaces (they end when it starts)"
    )
    scope: AgreementScope = Field(
        description="Whom it covers: children, women_and_children, all_persons or unknown"
    )
    purposes: _tuple_of(AgreementPurpose) = ()  # type: ignore[valid-type]
    exploitation: _tuple_of(ExploitationForm) = Field(  # type: ignore[valid-type]
        default=(),
        description=(
            "Forms of exploitation it covers (the route purposes, or 'all'); leave out "
            "when the source does not say"
        ),
    )
    provisions: _tuple_of(AgreementProvision) = Field(  # type: ignore[valid-type]
        default=(),
        description=(
            "What it provides for: guardianship, individual_case_assessment, "
            "family_tracing, separated_children, return_procedure, victim_assistance, "
            "information_exchange, joint_investigation, focal_points, joint_commission; "
            "leave out when the source does not say"
        ),
    )
    meetings: _tuple_of(FuzzyDate) = Field(  # type: ignore[valid-type]
        default=(),
        description=(
            "Dates of the recorded meetings of its joint commission or follow-up body (cite "
            "the source that records them); when none falls within the staleness horizon "
            "before the date asked, a link through it is possibly dormant"
        ),
    )
    network: Slug | None = None
    requires_focal_point: bool = Field(
        default=False, description="Parties are expected to designate a focal point"
    )
    function: BodyFunction | None = Field(
        default=None,
        description=(
            "What it does, when not the default (data/rules.yaml): e.g. legal_basis for a "
            "universal instrument with no operational channel of its own"
        ),
    )
    same_as: Slug | None = Field(
        default=None,
        description=(
            "The id of the same instrument in an included dataset (e.g. the reference layer), "
            "when this dataset names it differently: the two are merged under this id"
        ),
    )
    acronym: str | None = Field(
        default=None,
        description="The short name findings use for it (CETS 197, the Palermo protocol)",
    )

    @model_validator(mode="before")
    @classmethod
    def _open_party_list(cls, data: Any) -> Any:
        """A multilateral agreement with no party listed, or fewer than its
        ``party_count``, does not claim to list every party: unless it says otherwise,
        its party list is incomplete (DESIGN.md section 9: incomplete lists stay
        incomplete)."""
        if not isinstance(data, dict) or data.get("parties_complete") not in (None, ""):
            return data
        kind = data.get("type", data.get("kind"))
        parties = data.get("parties") or ()
        count = data.get("party_count")
        short = str(count).isdigit() and int(str(count)) > len(parties)
        if str(kind) == AgreementKind.MULTILATERAL and (not parties or short):
            return {**data, "parties_complete": False}
        return data

    @field_validator("parties")
    @classmethod
    def _distinct_parties(cls, value: tuple[Party, ...]) -> tuple[Party, ...]:
        seen = [p.country for p in value]
        if len(set(seen)) == len(seen):
            return value
        dupes = sorted({c for c in seen if seen.count(c) > 1})
        if dupes:
            raise ValueError(f"party listed twice: {', '.join(dupes)}")
        return value

    @model_validator(mode="after")
    def _agreement_rules(self) -> Agreement:
        if self.type is AgreementKind.BILATERAL and len(self.parties) != 2:
            raise ValueError(
                f"a bilateral agreement has exactly two parties, this one has {len(self.parties)}"
            )
        if self.signed and self.in_force and self.in_force.end < self.signed.start:
            raise ValueError(f"in_force ({self.in_force}) is before signed ({self.signed})")
        if ALL_EXPLOITATION in self.exploitation and len(self.exploitation) > 1:
            raise ValueError("exploitation: 'all' stands alone; list forms or write [all]")
        if self.in_force and self.valid_to and self.valid_to.end < self.in_force.start:
            raise ValueError(f"valid_to ({self.valid_to}) is before in_force ({self.in_force})")
        if self.status is AgreementStatus.DRAFT and (self.signed or self.in_force):
            raise ValueError("a draft has no signature or entry into force; use drafted")
        return self

    @property
    def party_codes(self) -> tuple[str, ...]:
        return tuple(p.country for p in self.parties)


class FocalPoint(Record):
    KIND = NodeKind.FOCAL_POINT
    SECTION = "focal_points"
    REFS = (
        Ref("country", (NodeKind.COUNTRY,), Relation.DESIGNATES, inbound=True),
        Ref("agency", (NodeKind.AGENCY,), Relation.HELD_BY),
        Ref("network", (NodeKind.NETWORK,), Relation.SERVES),
        Ref("agreement", (NodeKind.AGREEMENT,), Relation.SERVES),
        Ref("replaces", (NodeKind.FOCAL_POINT,), Relation.REPLACES),
        _citations_ref(),
    )
    DESCRIPTION = (
        "A State's designation of an agency or office as its contact for a network or "
        "agreement. status not_designated records that the source says none was named; "
        "replaces names the designations it took over from (each ends when this one starts, "
        "unless its own end is recorded)."
    )

    country: CountryCode
    agency: Slug | None = None
    office: Text | None = None
    network: Slug | None = None
    agreement: Slug | None = None
    status: FocalPointStatus = FocalPointStatus.DESIGNATED
    contact: Text | None = None
    replaces: _tuple_of(Slug) = Field(  # type: ignore[valid-type]
        default=(), description="Designations this one took over from (they end when it starts)"
    )

    @model_validator(mode="after")
    def _serves_one(self) -> FocalPoint:
        if (self.network is None) == (self.agreement is None):
            raise ValueError("a focal point serves exactly one of network or agreement")
        return self

    @property
    def serves(self) -> str:
        if self.network:
            return f"{NodeKind.NETWORK}:{self.network}"
        return f"{NodeKind.AGREEMENT}:{self.agreement}"


class Route(Record):
    KIND = NodeKind.ROUTE
    SECTION = "routes"
    REFS = (_citations_ref(),)
    DESCRIPTION = (
        "A trafficking route: origin, ordered transits, destination. A place is a country, "
        "an area or 'unknown'. valid_from/valid_to give the period it was documented."
    )

    #: The fields that hold the route's places, in travel order (``transits`` is a
    #: list); :func:`coordgraph.routes.table.route_stops` reads them.
    PLACES: ClassVar[tuple[str, str, str]] = ("origin", "transits", "destination")
    origin: Place
    transits: _tuple_of(Place) = ()  # type: ignore[valid-type]
    destination: Place
    victims: _tuple_of(Victim) = Field(  # type: ignore[valid-type]
        default=(), description="girls, boys, children, women, men, adults"
    )
    purposes: _tuple_of(Purpose) = ()  # type: ignore[valid-type]
    mode: Mode = Mode.PHYSICAL
    volume: Count | None = Field(default=None, description="Number of cases recorded")


class Coverage(Record):
    KIND = NodeKind.COVERAGE
    SECTION = "coverage"
    REFS = (
        Ref("countries", (NodeKind.COUNTRY,), Relation.COVERS),
        Ref("network", (NodeKind.NETWORK,), Relation.COVERS),
        _citations_ref(),
    )
    DESCRIPTION = (
        "A statement that the dataset lists every record of one kind for some States or a "
        "network over a period (valid_from/valid_to), with the source that says so. Only such "
        "a statement, or a record that states an absence, turns 'not recorded' into 'none'."
    )

    lists: CoverageOf = Field(
        description=(
            "agreements, focal_points, mechanisms or action_plans (member and party lists say "
            "their own completeness: members_complete, parties_complete)"
        )
    )
    types: _tuple_of(Slug) = Field(  # type: ignore[valid-type]
        default=(),
        description=(
            "Only these types of the kind (e.g. bilateral, referral_mechanism); all if empty"
        ),
    )
    countries: _tuple_of(CountryCode) = Field(  # type: ignore[valid-type]
        default=(), description="The States whose records it claims in full"
    )
    network: Slug | None = Field(default=None, description="A network: its members' records")
    scope: _tuple_of(Tag) = Field(  # type: ignore[valid-type]
        default=(), description="Only records of this issue scope; all if empty"
    )

    @model_validator(mode="after")
    def _says_what_and_why(self) -> Coverage:
        if not self.countries and self.network is None:
            raise ValueError("a coverage statement names its countries or its network")
        if not self.sources:
            raise ValueError("a coverage statement cites the source that says the list is complete")
        allowed = _COVERAGE_TYPES[self.lists]
        wrong = [t for t in self.types if t not in allowed]
        if wrong:
            raise ValueError(
                f"types of {self.lists}: {', '.join(wrong)} unknown "
                f"(known: {', '.join(sorted(allowed))})"
            )
        return self


_COVERAGE_TYPES: dict[CoverageOf, frozenset[str]] = {
    CoverageOf.AGREEMENTS: frozenset(str(k) for k in AgreementKind),
    CoverageOf.FOCAL_POINTS: frozenset(),
    CoverageOf.MECHANISMS: frozenset(str(k) for k in MechanismType),
    CoverageOf.ACTION_PLANS: frozenset(str(k) for k in Level),
}


RECORD_TYPES: tuple[type[Record], ...] = (
    Source,
    CountryInfo,
    Area,
    Agency,
    Network,
    Agreement,
    Mechanism,
    ActionPlan,
    FocalPoint,
    Coverage,
    Route,
)

SECTIONS: dict[str, type[Record]] = {cls.SECTION: cls for cls in RECORD_TYPES}
