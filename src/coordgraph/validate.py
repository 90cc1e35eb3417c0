"""Pass two of validation: references between records and the rules of the graph.

Pass one (pydantic) checks each record alone: types, codes, dates, a bilateral agreement's
two parties. This pass checks what needs the whole dataset: every id a record points at
exists, no mechanism is its own ancestor, route areas exist, every citation names a source
(also the citations inside the parties of an agreement and the members of a network). It
also checks rules that span fields or records, each with its own message (see
docs/bad-inputs.md): a multilateral agreement with fewer than two parties, a party count
below the parties listed, ``not_in_force_on`` on or after entry into force without the end
being recorded, ``valid_to`` before ``signed``, a member or agency listed twice, a focal point
for a network or agreement its State is not a member of or party to at the focal point's
dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from coordgraph.dates import FuzzyDate
from coordgraph.errors import Problem, ValidationFailed
from coordgraph.model import (
    AREA_PREFIX,
    SECTIONS,
    UNKNOWN,
    ActionPlan,
    Agency,
    Agreement,
    Area,
    Citation,
    FocalPoint,
    Link,
    Mechanism,
    Network,
    OwnProfile,
    Record,
    Ref,
    Route,
    Source,
    place_kind,
    unknown_profiles,
)
from coordgraph.suggest import did_you_mean
from coordgraph.vocab import ALL_EXPLOITATION, AgreementKind, ExploitationForm, NodeKind, Relation

if TYPE_CHECKING:
    import polars as pl

    from coordgraph.dataset import Dataset
    from coordgraph.routes.table import RouteTable
    from coordgraph.taxonomy import Taxonomy

__all__ = [
    "check_references",
    "known_ids",
    "plausibility_warnings",
    "ref_values",
    "route_problems",
    "validate_dataset",
]


def ref_values(record: Record, ref: Ref) -> list[str]:
    """The ids a reference field holds (a single id, a tuple, citations or link records)."""
    value = getattr(record, ref.field)
    if value is None:
        return []
    items: Iterable[object] = value if isinstance(value, tuple) else (value,)
    out: list[str] = []
    for item in items:
        if isinstance(item, Citation):
            out.append(item.source)
        elif isinstance(item, Link):
            out.append(str(getattr(item, item.TARGET_FIELD)))
        else:
            out.append(str(item))
    return out


Where = dict[tuple[str, str], tuple[str, int | None, dict[str, int]]]
#: Where the nested items of a record came from: (section, id) -> (field, index) -> place.
Origins = dict[tuple[str, str], dict[tuple[str, int], tuple[str, int | None]]]


def check_references(
    dataset: Dataset,
    where: Where | None = None,
    origins: Origins | None = None,
    *,
    routes_checked: bool = False,
    partial: Iterable[Record] = (),
) -> list[Problem]:
    """Every reference and graph-rule problem of a dataset (empty when it is sound).

    ``where`` gives the file, row and field rows of every record read (also of records
    that failed pass one: a reference to them is not reported again as dangling).
    ``routes_checked`` skips :func:`route_problems`, when the reader has just found none.
    ``partial`` are records that failed pass one, without the values that failed: their
    references and scope tags are checked too, so one run reports them with the rest
    (the rules across records wait until they are whole).
    """
    from coordgraph.taxonomy import default_taxonomy

    where = where or {}
    taxonomy = default_taxonomy()
    ids = known_ids(dataset, where)
    problems: list[Problem] = []
    at, at_item = _locators(where, origins)

    known_for: dict[tuple[NodeKind, ...], set[str]] = {}
    for record in [*dataset.structure(), *partial]:
        problems.extend(_record_references(record, ids, known_for, taxonomy, at, at_item))
    for cls in (Mechanism, Network, Agency):
        problems.extend(_cycles(dataset.of(cls), at))
    problems.extend(_cross_record_rules(dataset, at, at_item))
    for source in [*dataset.of(Source), *(r for r in partial if isinstance(r, Source))]:
        for citation in source.sources:
            if citation.source not in ids[NodeKind.SOURCE]:
                file, row = at(source, "sources")
                problems.append(
                    _dangling(source.id, _CITES, citation.source, ids[NodeKind.SOURCE], file, row)
                )
    if dataset.route_count and not routes_checked:
        problems.extend(route_problems(dataset.route_table, ids, _route_locator(where)))
    return problems


def _record_references(
    record: Record,
    ids: dict[NodeKind, set[str]],
    known_for: dict[tuple[NodeKind, ...], set[str]],
    taxonomy: Taxonomy,
    at: At,
    at_item: AtItem,
) -> list[Problem]:
    """The dangling references, unknown scope tags and link citations of one record."""
    problems: list[Problem] = []
    for ref in record.REFS:
        if ref.targets == (NodeKind.COUNTRY,):
            continue  # country codes were checked when the record was read
        if ref.targets not in known_for:
            known_for[ref.targets] = set().union(*(ids.get(t, set()) for t in ref.targets))
        known = known_for[ref.targets]
        for value in ref_values(record, ref):
            if value not in known:
                file, row = at(record, ref.field)
                problems.append(_dangling(record.id, ref, value, known, file, row))
    scope = getattr(record, "scope", None)
    if isinstance(scope, tuple):
        file, row = at(record, "scope")
        for tag in scope:
            if tag not in taxonomy:
                problems.append(
                    Problem(
                        file,
                        row,
                        "scope",
                        f"{tag!r} is not a scope tag of the taxonomy",
                        _hint(tag, set(taxonomy.includes)),
                    )
                )
    for ref in record.REFS:
        if ref.link:
            problems.extend(_link_citations(record, ref.field, ids[NodeKind.SOURCE], at_item))
    return problems


#: How a source cites another (sources are no reference field of their own: a source
#: citing a source is not an edge of the graph, but what it cites must exist).
_CITES = Ref("sources", (NodeKind.SOURCE,), Relation.CITES)


def _locators(where: Where, origins: Origins | None) -> tuple[At, AtItem]:
    """``at(record, field)`` and ``at_item(record, field, index)``: file and row."""
    origins = origins or {}

    def at(record: Record, field: str | None = None) -> tuple[str, int | None]:
        file, row, rows = where.get((record.SECTION, record.id), (record.SECTION, None, {}))
        return file, rows.get(field, row) if field else row

    def at_item(record: Record, field: str, index: int) -> tuple[str, int | None]:
        place = origins.get((record.SECTION, record.id), {}).get((field, index))
        return place if place is not None else at(record, field)

    return at, at_item


def _route_locator(where: Where) -> Callable[[str, str], tuple[str, int | None]]:
    def at_route(route_id: str, field: str) -> tuple[str, int | None]:
        file, row, rows = where.get((Route.SECTION, route_id), (Route.SECTION, None, {}))
        return file, rows.get(field, row)

    return at_route


def known_ids(dataset: Dataset, where: Where | None = None) -> dict[NodeKind, set[str]]:
    """The ids of every kind of record a reference can point at: the records'
    and, from ``where``, those of records read but refused (a reference to one of
    those is not reported again as dangling)."""
    targets = {t for cls in SECTIONS.values() for ref in cls.REFS for t in ref.targets}
    ids: dict[NodeKind, set[str]] = {
        cls.KIND: {r.id for r in dataset.of(cls)}
        for cls in SECTIONS.values()
        if cls.KIND in targets
    }
    for section, raw_id in where or {}:
        cls = SECTIONS.get(section)
        if cls is not None and raw_id and cls.KIND in ids:
            ids[cls.KIND].add(raw_id)
    return ids


def _dangling(
    record_id: str, ref: Ref, value: str, known: set[str], file: str, row: int | None
) -> Problem:
    target = " or ".join(str(t) for t in ref.targets)
    return Problem(
        file,
        row,
        ref.field,
        f"{record_id!r} refers to {target} {value!r}, which does not exist",
        _hint(value, known),
    )


def route_problems(
    table: RouteTable,
    ids: dict[NodeKind, set[str]],
    at: Callable[[str, str], tuple[str, int | None]],
) -> list[Problem]:
    """The rules of routes that need other records, checked column by column: every
    citation names a source, every area exists, a route leads somewhere else.

    ``ids`` are the known ids by kind (:func:`known_ids`); ``at(route id, field)`` gives
    the file and row of a route's field. Only the routes that break a rule are looked
    at one by one (to word the problem), so a million sound routes cost a few column
    operations.
    """
    import polars as pl

    df = table.df
    problems: list[Problem] = []
    for ref in Route.REFS:
        if ref.targets == (NodeKind.COUNTRY,):
            continue
        known = set().union(*(ids.get(t, set()) for t in ref.targets))
        id_of = {c: _ref_id(ref, c) for c in table.distinct(ref.field)}
        bad = [c for c, v in id_of.items() if v not in known]
        for route_id, cell in _cells(df, ref.field, bad).iter_rows():
            file, row = at(route_id, ref.field)
            problems.append(_dangling(route_id, ref, id_of[cell], known, file, row))
    areas = ids.get(NodeKind.AREA, set())
    kinds: dict[str, NodeKind] = {}
    for field_name in Route.PLACES:
        distinct = table.distinct(field_name)
        kinds.update((p, place_kind(p)) for p in distinct if p not in kinds)
        bad = [
            p
            for p in distinct
            if kinds[p] is NodeKind.AREA and p.removeprefix(AREA_PREFIX) not in areas
        ]
        for route_id, place in _cells(df, field_name, bad).iter_rows():
            file, row = at(route_id, field_name)
            area = place.removeprefix(AREA_PREFIX)
            problems.append(
                Problem(
                    file,
                    row,
                    field_name,
                    f"{place!r} is neither a known country nor a known area",
                    _hint(area, areas),
                )
            )
    not_country = [p for p, k in kinds.items() if k is not NodeKind.COUNTRY]
    nowhere = (
        df.filter(pl.col("origin").is_in(not_country))
        .filter(pl.col("origin") == pl.col("destination"))
        .filter(pl.col("transits").list.len() == 0)
        if not_country
        else df.clear()
    )
    for route_id in nowhere.get_column("id").to_list():
        file, row = at(route_id, "destination")
        problems.append(Problem(file, row, "destination", "a route must lead somewhere else"))
    problems.extend(_transit_at_an_end(df, at))
    return problems


def _transit_at_an_end(
    df: pl.DataFrame, at: Callable[[str, str], tuple[str, int | None]]
) -> list[Problem]:
    """A transit that is the route's own origin or destination (also when one was
    given by name and the other by code: both are normalised by now). Unknown places
    are not compared: two unknowns need not be one place."""
    import polars as pl

    if df.is_empty() or df.get_column("transits").list.len().max() in (0, None):
        return []
    known = ~pl.col("transits").str.starts_with(UNKNOWN)
    stops = (
        df.select("id", "origin", "destination", "transits")
        .filter(pl.col("transits").list.len() > 0)
        .explode("transits")
        .filter(known)
        .filter(
            (pl.col("transits") == pl.col("origin")) | (pl.col("transits") == pl.col("destination"))
        )
    )
    problems = []
    reported: set[str] = set()
    for route_id, origin, _destination, transit in stops.iter_rows():
        if route_id in reported:
            continue
        reported.add(route_id)
        end = "origin" if transit == origin else "destination"
        file, row = at(route_id, "transits")
        problems.append(
            Problem(
                file,
                row,
                "transits",
                f"transit {transit} is also the route's {end}",
                "list only the places between origin and destination",
            )
        )
    return problems


def _cells(df: pl.DataFrame, field: str, values: list[str]) -> pl.DataFrame:
    """(route id, value) for every cell (list item) of a column that is in ``values``."""
    import polars as pl

    if not values:
        return pl.DataFrame({"id": [], "cell": []}, schema={"id": pl.String, "cell": pl.String})
    out = df.select(pl.col("id"), pl.col(field).alias("cell"))
    if out.schema["cell"] == pl.List(pl.String):
        out = out.explode("cell")
    return out.filter(pl.col("cell").is_in(values))


def _ref_id(ref: Ref, cell: str) -> str:
    """The id a reference cell names (a citation's source)."""
    return Citation.parse(cell).source if ref.relation is Relation.CITES else cell


At = Callable[[Record, str | None], tuple[str, int | None]]
AtItem = Callable[[Record, str, int], tuple[str, int | None]]


def _link_citations(
    record: Record, field: str, sources: set[str], at_item: AtItem
) -> list[Problem]:
    problems = []
    for index, item in enumerate(getattr(record, field, ()) or ()):
        cited = [("sources", c) for c in getattr(item, "sources", ())]
        cited += [("reservation_sources", c) for c in getattr(item, "reservation_sources", ())]
        for name, citation in cited:
            if citation.source not in sources:
                file, row = at_item(record, field, index)
                target = getattr(item, item.TARGET_FIELD, "")
                problems.append(
                    Problem(
                        file,
                        row,
                        f"{field}.{index}.{name}",
                        f"{record.id!r} cites Source {citation.source!r} for {target}, "
                        "which does not exist",
                        _hint(citation.source, sources),
                    )
                )
    return problems


def _overlap(
    a_start: FuzzyDate | None,
    a_end: FuzzyDate | None,
    b_start: FuzzyDate | None,
    b_end: FuzzyDate | None,
) -> bool:
    """Whether two periods (open ends open) can share a day."""
    if a_end is not None and b_start is not None and a_end.end < b_start.start:
        return False
    return not (b_end is not None and a_start is not None and b_end.end < a_start.start)


def _period(start: FuzzyDate | None, end: FuzzyDate | None) -> str:
    if start is None and end is None:
        return "at any date"
    return f"{start or '…'} to {end or '…'}"


def _cross_record_rules(dataset: Dataset, at: At, at_item: AtItem) -> list[Problem]:
    problems: list[Problem] = []
    for agreement in dataset.of(Agreement):
        problems.extend(_agreement_rules(agreement, at))
        problems.extend(_exclusions(agreement, at_item))
    for network in dataset.of(Network):
        problems.extend(_members_twice(network, at_item))
        for field in ("agencies",):
            problems.extend(_listed_twice(network, field, at))
    for mechanism in dataset.of(Mechanism):
        for field in ("leads", "members", "coordinates_with"):
            problems.extend(_listed_twice(mechanism, field, at))
    networks = {n.id: n for n in dataset.of(Network)}
    agreements = {a.id: a for a in dataset.of(Agreement)}
    agencies = {a.id: a for a in dataset.of(Agency)}
    areas = {a.id: a for a in dataset.of(Area)}
    for fp in dataset.of(FocalPoint):
        problems.extend(_focal_point_membership(fp, networks, agreements, at))
        problems.extend(_focal_point_agency(fp, agencies, at))
    for network in dataset.of(Network):
        problems.extend(_member_count(network, at))
        problems.extend(_network_expectations(network, dataset.info.profiles, at))
    for mechanism in dataset.of(Mechanism):
        problems.extend(_mechanism_area(mechanism, areas, at))
    return problems


def _network_expectations(network: Network, own: tuple[OwnProfile, ...], at: At) -> list[Problem]:
    """A profile a network expects of its members exists: in data/rules.yaml or among
    the dataset's own."""
    problem = unknown_profiles(network.expects, own)
    if problem is None:
        return []
    file, row = at(network, "expects")
    return [Problem(file, row, "expects", f"network {network.id!r}: {problem}")]


def _member_count(network: Network, at: At) -> list[Problem]:
    """The count is of members now: a member recorded as having left is not counted."""
    current = {m.country for m in network.members if m.left is None}
    listed = len(current)
    if network.member_count is None or network.member_count >= listed:
        return []
    left = " who have not left" if len(current) < len({m.country for m in network.members}) else ""
    file, row = at(network, "member_count")
    return [
        Problem(
            file,
            row,
            "member_count",
            f"member_count ({network.member_count}) is less than the {listed} members listed{left}",
            "correct the count, or the members if the count is the source's",
        )
    ]


def _focal_point_agency(fp: FocalPoint, agencies: dict[str, Agency], at: At) -> list[Problem]:
    """A State designates one of its own agencies (an agency of no State, an IGO's
    office, can serve any State)."""
    agency = agencies.get(fp.agency) if fp.agency is not None else None
    if agency is None or agency.country is None or agency.country == fp.country:
        return []
    file, row = at(fp, "agency")
    return [
        Problem(
            file,
            row,
            "agency",
            f"focal point {fp.id!r} of {fp.country}: agency {agency.id!r} belongs to "
            f"{agency.country}",
            "name an agency of the designating State, or correct the focal point's country",
        )
    ]


def _mechanism_area(mechanism: Mechanism, areas: dict[str, Area], at: At) -> list[Problem]:
    area = areas.get(mechanism.area) if mechanism.area is not None else None
    if area is None or mechanism.country is None or area.country == mechanism.country:
        return []
    file, row = at(mechanism, "area")
    return [
        Problem(
            file,
            row,
            "area",
            f"mechanism {mechanism.id!r} works in {mechanism.country}, but its area "
            f"{area.id!r} is in {area.country}",
            "correct the area or the country",
        )
    ]


def _agreement_rules(agreement: Agreement, at: At) -> list[Problem]:
    problems: list[Problem] = []
    parties = len(agreement.parties)
    if agreement.type is AgreementKind.MULTILATERAL and agreement.parties_complete and parties < 2:
        file, row = at(agreement, "parties")
        problems.append(
            Problem(
                file,
                row,
                "parties",
                f"a multilateral agreement has at least two parties; this one lists {parties}",
                "list every party, or set parties_complete: false if the source names only some",
            )
        )
    if agreement.party_count is not None and agreement.party_count < parties:
        file, row = at(agreement, "party_count")
        problems.append(
            Problem(
                file,
                row,
                "party_count",
                f"party_count ({agreement.party_count}) is less than the {parties} parties listed",
            )
        )
    elif (
        agreement.type is AgreementKind.MULTILATERAL
        and agreement.party_count is not None
        and agreement.party_count < 2
    ):
        file, row = at(agreement, "party_count")
        problems.append(
            Problem(
                file,
                row,
                "party_count",
                f"a multilateral agreement has at least two parties; party_count is "
                f"{agreement.party_count}",
            )
        )
    in_force = agreement.in_force
    observed = getattr(agreement, "not_in_force_on", None)
    if isinstance(in_force, FuzzyDate) and isinstance(observed, FuzzyDate):
        ceased = agreement.valid_to is not None and agreement.valid_to.start <= observed.end
        if observed.start >= in_force.end and not ceased:
            file, row = at(agreement, "not_in_force_on")
            problems.append(
                Problem(
                    file,
                    row,
                    "not_in_force_on",
                    f"not_in_force_on ({observed}) is on or after entry into force "
                    f"({in_force}), but no end is recorded",
                    "if the agreement ceased, give valid_to (when it ended); otherwise "
                    "correct one of the dates",
                )
            )
    signed = agreement.signed
    if isinstance(observed, FuzzyDate) and signed is not None and observed.end < signed.start:
        file, row = at(agreement, "not_in_force_on")
        problems.append(
            Problem(
                file,
                row,
                "not_in_force_on",
                f"not_in_force_on ({observed}) is before signed ({signed}): the agreement "
                "did not exist yet",
                "an observation of the agreement is dated on or after its signature; "
                "correct one of the dates",
            )
        )
    if (
        signed is not None
        and agreement.valid_to is not None
        and agreement.valid_to.end < signed.start
    ):
        file, row = at(agreement, "valid_to")
        problems.append(
            Problem(
                file,
                row,
                "valid_to",
                f"valid_to ({agreement.valid_to}) is before signed ({signed})",
            )
        )
    return problems


def _exclusions(agreement: Agreement, at_item: AtItem) -> list[Problem]:
    """A party's reservation excludes only what the agreement covers: a form of
    exploitation among its ``exploitation`` (unless that is ``all`` or not recorded), a
    provision among its ``provisions`` (unless not recorded)."""
    if not any(party.excludes for party in agreement.parties):
        return []  # most agreements: no party excludes anything
    forms = {str(f) for f in agreement.exploitation}
    provisions = {str(p) for p in agreement.provisions}
    exploitation_forms = {str(f) for f in ExploitationForm}
    problems: list[Problem] = []
    for index, party in enumerate(agreement.parties):
        for item in party.excludes:
            if item in exploitation_forms:
                known, what, field = forms, "forms of exploitation", "exploitation"
                if not forms or ALL_EXPLOITATION in forms:
                    continue
            else:
                known, what, field = provisions, "provisions", "provisions"
                if not provisions:
                    continue
            if item not in known:
                file, row = at_item(agreement, "parties", index)
                problems.append(
                    Problem(
                        file,
                        row,
                        f"parties.{index}.excludes",
                        f"{party.country} excludes {item!r}, which {agreement.id!r} does not "
                        f"cover (its {what}: {', '.join(sorted(known))})",
                        f"exclude one of its {field}, or add {item!r} to them if it covers it",
                    )
                )
    return problems


def _members_twice(network: Network, at_item: AtItem) -> list[Problem]:
    problems: list[Problem] = []
    for index, member in enumerate(network.members):
        for other in network.members[:index]:
            if other.country == member.country and _overlap(
                other.joined, other.left, member.joined, member.left
            ):
                file, row = at_item(network, "members", index)
                problems.append(
                    Problem(
                        file,
                        row,
                        f"members.{index}",
                        f"{member.country} is listed twice as a member of {network.id!r} "
                        "for the same period",
                        "keep one entry, or give joined/left dates that do not overlap",
                    )
                )
                break
    return problems


def _listed_twice(record: Record, field: str, at: At) -> list[Problem]:
    values = [str(v) for v in getattr(record, field, ()) or ()]
    dupes = sorted({v for v in values if values.count(v) > 1})
    if not dupes:
        return []
    file, row = at(record, field)
    return [
        Problem(file, row, field, f"{', '.join(dupes)} listed twice in {field} of {record.id!r}")
    ]


def _focal_point_membership(
    fp: FocalPoint, networks: dict[str, Network], agreements: dict[str, Agreement], at: At
) -> list[Problem]:
    if fp.network is not None and fp.network in networks:
        network = networks[fp.network]
        if not network.members_complete or not network.members:
            return []
        spells = [m for m in network.members if m.country == fp.country]
        if any(_overlap(m.joined, m.left, fp.valid_from, fp.valid_to) for m in spells):
            return []
        field, what = "network", f"a member of network {network.id!r}"
        spell_text = "; ".join(_period(m.joined, m.left) for m in spells)
    elif fp.agreement is not None and fp.agreement in agreements:
        agreement = agreements[fp.agreement]
        if not agreement.parties_complete or not agreement.parties:
            return []
        if fp.country in agreement.party_codes:
            return []
        field, what, spell_text = "agreement", f"a party to {agreement.id!r}", ""
    else:
        return []
    file, row = at(fp, field)
    when = (
        ""
        if fp.valid_from is None and fp.valid_to is None
        else (f" from {_period(fp.valid_from, fp.valid_to)}")
    )
    detail = f" (member {spell_text})" if spell_text else ""
    return [
        Problem(
            file,
            row,
            field,
            f"focal point {fp.id!r}: {fp.country} is not {what}{when}{detail}",
            f"add the {'membership' if field == 'network' else 'party'}, correct the dates, "
            f"or set {'members' if field == 'network' else 'parties'}_complete: false if the "
            "source does not list every one",
        )
    ]


def _cycles(records: tuple[Record, ...], at: object) -> list[Problem]:
    parent: dict[str, str | None] = {r.id: getattr(r, "parent", None) for r in records}
    by_id = {r.id: r for r in records}
    problems: list[Problem] = []
    reported: set[str] = set()
    for start in parent:
        seen: list[str] = []
        node: str | None = start
        while node is not None and node in parent and node not in seen:
            seen.append(node)
            node = parent[node]
        if node is not None and node in seen:
            cycle = seen[seen.index(node) :]
            if reported.isdisjoint(cycle):
                reported.update(cycle)
                first = by_id[min(cycle)]
                file, row = at(first, "parent")  # type: ignore[operator]
                chain = " -> ".join([*sorted(cycle), min(cycle)])
                problems.append(Problem(file, row, "parent", f"parent links form a cycle: {chain}"))
    return problems


def _hint(value: str, known: set[str]) -> str | None:
    return did_you_mean(value, known)


def validate_dataset(dataset: Dataset) -> None:
    """Raise :class:`ValidationFailed` if a dataset built in code breaks a reference rule."""
    problems = check_references(dataset)
    if problems:
        raise ValidationFailed(problems)


#: Dates that record what has happened (a signature, a source, an observation): a day
#: after today among them is a mistake more often than a plan. Ends, entry into force
#: and withdrawal can be scheduled, and are not checked.
_PAST_DATES: dict[type[Record], tuple[str, ...]] = {
    Source: ("date", "not_before"),
    Agreement: ("signed", "not_in_force_on", "drafted"),
    ActionPlan: ("adopted", "evaluated"),
    Mechanism: ("status_as_of",),
}
_PAST_PARTY_DATES = ("signed", "ratified", "acceded")


def plausibility_warnings(
    dataset: Dataset,
    where: Where | None = None,
    origins: Origins | None = None,
    *,
    today: dt.date | None = None,
) -> list[Problem]:
    """What is valid but hardly what was meant: a signature, a source or a route's first
    observation dated after today, and ids of one kind that differ only by case.

    ``validate`` reports these as warnings (errors with ``--strict``); nothing else is
    held up by them. A route first observed after today does not count in today's
    findings, which is why its warning says so.
    """
    import polars as pl

    today = today or dt.date.today()
    where = where or {}
    at, at_item = _locators(where, origins)
    out: list[Problem] = []

    def future(file: str, row: int | None, field: str, value: FuzzyDate, note: str) -> None:
        out.append(
            Problem(
                file,
                row,
                field,
                f"{field.rsplit('.', 1)[-1]} ({value}) is after today ({today}){note}",
                "a record states what has happened: check the year",
            )
        )

    for cls, fields in _PAST_DATES.items():
        for record in dataset.of(cls):
            for name in fields:
                value = getattr(record, name, None)
                if isinstance(value, FuzzyDate) and value.start > today:
                    future(*at(record, name), name, value, "")
    for agreement in dataset.of(Agreement):
        for index, party in enumerate(agreement.parties):
            for name in _PAST_PARTY_DATES:
                value = getattr(party, name)
                if value is not None and value.start > today:
                    file, row = at_item(agreement, "parties", index)
                    future(file, row, f"parties.{index}.{name}", value, "")
    if dataset.route_count:
        table = dataset.route_table
        late = [
            text
            for text in table.distinct("valid_from")
            if text and FuzzyDate.parse(text).start > today
        ]
        if late:
            at_route = _route_locator(where)
            rows = table.df.filter(pl.col("valid_from").is_in(late)).select("id", "valid_from")
            for route_id, text in rows.iter_rows():
                future(
                    *at_route(route_id, "valid_from"),
                    "valid_from",
                    FuzzyDate.parse(text),
                    ": the route is left out of today's findings",
                )
    out.extend(_ids_differing_by_case(dataset, at, _route_locator(where)))
    return out


def _ids_differing_by_case(
    dataset: Dataset, at: At, at_route: Callable[[str, str], tuple[str, int | None]]
) -> list[Problem]:
    out = []
    for cls in SECTIONS.values():
        records: dict[str, Record] = {}
        if cls is Route:
            ids = dataset.route_table.ids() if dataset.route_count else []
        else:
            records = {r.id: r for r in dataset.of(cls)}
            ids = list(records)
        first: dict[str, str] = {}
        for record_id in ids:
            key = record_id.casefold()
            if key not in first:
                first[key] = record_id
                continue
            file, row = at_route(record_id, "id") if cls is Route else at(records[record_id], "id")
            out.append(
                Problem(
                    file,
                    row,
                    "id",
                    f"{record_id!r} and {first[key]!r} differ only by case: two records "
                    f"in {cls.SECTION}, or one written two ways?",
                    "if they are one, keep one id; references are matched exactly",
                )
            )
    return out
