"""What each State is expected to have, and whether the records show it.

The expectations are data (:mod:`coordgraph.expectations`, ``data/rules.yaml``): a
profile (the Stockholm/Yokohama focal point, the OSCE's national referral mechanism,
Article 19 of Directive 2011/36/EU, the 2008 thematic paper's recommendations, the
online-protection profile of the 2020 Special Rapporteur's report) names the structures
it expects and the line or article that sets them. A profile applies on the date asked

* to every State the dataset names (on a route, or with a mechanism, plan, agency, area
  or focal point) when the profile says ``every_state`` or the dataset ``expects`` it;
* to the members of a network that ``expects`` it, from the date given there;
* never before the profile's own start (Article 19 from 2013-04-06).

For each State and each structure its profiles expect, one finding:

* **present** (``structure_present``, info): a record shows it on the day, with every
  requirement met (an independent rapporteur recorded ``independent``, a plan with a
  budget, a timetable, child objectives and an evaluation);
* **incomplete** (``structure_incomplete``): it is there, but a requirement is recorded
  as missing (a policy gap: a rapporteur that is not independent of coordination, "no
  independent rapporteur") or not recorded (a data gap);
* **missing** (``structure_missing``): none is recorded. This is a policy gap only on a
  basis (DESIGN.md section 9, :mod:`coordgraph.analyses.absence`): a record that states
  the absence (a focal point ``not_designated`` for a body that carries cases, a
  mechanism recorded not functioning) or a coverage statement of the dataset; the basis
  travels as ``details["absence_basis"]``. Otherwise it is a data gap: the dataset does
  not claim to list everything of that kind. A record recorded as not working fails
  every expectation it would meet: one finding names them all (its subjects are the
  State and the record); the others' subjects are the State and the expected structure
  (``Structure:<name>``, not a graph node: what is missing has no record).

A focal point for other States to contact (Stockholm/Yokohama) is one of a body that
carries cases, or whose function is not recorded: a focal point of a monitoring network
(the EU rapporteurs') is a national rapporteur, not a contact point for cases.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from coordgraph.analyses.absence import (
    capped,
    claimed,
    coverage_basis,
    not_claimed,
    on_basis,
    re_check,
)
from coordgraph.analyses.context import Context, context_for
from coordgraph.dates import FuzzyDate
from coordgraph.errors import DataError
from coordgraph.expectations import (
    Profile,
    Structure,
    default_profiles,
    default_structures,
    parse_application,
    profiles_from_mapping,
)
from coordgraph.findings import Finding, FindingKind, GapType, Severity
from coordgraph.lookup import (
    Facts,
    cite,
    declined,
    label,
    place_node,
    set_up,
    wanted_states,
    working,
)
from coordgraph.routes.table import routes_of
from coordgraph.taxonomy import default_rules, default_taxonomy
from coordgraph.time_rules import TimeRules, Undated, dated
from coordgraph.vocab import CoverageOf, Level, MechanismType, NodeKind, Relation

__all__ = [
    "ALL_PROFILES",
    "STRUCTURE_SUBJECT",
    "Expected",
    "dataset_states",
    "expected_structures",
    "for_children",
    "profiles_of",
    "structure_gaps",
]

#: ``profile=ALL_PROFILES`` applies every profile to every State of the dataset
ALL_PROFILES = "all"
#: the prefix of a finding's subject that names an expected structure (``Structure:
#: helpline``): an entry of data/rules.yaml's ``structures``, not a node of the graph
STRUCTURE_SUBJECT = "Structure"

#: what each requirement reads as, in a finding
_REQUIREMENT_WORDS = {
    "child_procedure": "a procedure for children",
    "child_protection_tie": "a tie to the child-protection structure",
    "independent": "independence from the coordinating body",
    "evaluated": "an evaluation",
    "budget": "a budget",
    "timetable": "a timetable",
    "child_scope": "objectives specific to children",
    "reaches_local": "local mechanisms it reaches",
}
#: scope tags about children: a record whose scope is all within them is child-specific
_CHILD_ROOTS = ("child_protection", "sale_of_children", "child_labour", "csec")
_COORDINATING = frozenset({str(MechanismType.COORDINATING_BODY), str(MechanismType.TASK_FORCE)})
_LOCAL = frozenset({str(Level.LOCAL), str(Level.SUBNATIONAL)})


def _child_tags() -> frozenset[str]:
    return default_taxonomy().expand(list(_CHILD_ROOTS))


def for_children(attrs: Mapping[str, Any]) -> bool | None:
    """Whether a mechanism has a procedure for children: as recorded
    (``child_procedure``); else yes when its scope is about children only, no when its
    scope covers all victims (its procedures apply to adults and children alike, as a
    general agreement's provisions do, 001:2247-2250; 000:79, 128), and not known when
    no scope is recorded."""
    if attrs.get("child_procedure") is not None:
        return bool(attrs["child_procedure"])
    scope = tuple(attrs.get("scope") or ())
    if not scope:
        return None
    return all(tag in _child_tags() for tag in scope)


@dataclass
class Expected:
    """The structures expected of one State on the day, each with the profiles (and
    where each applies from: ``every State``, a network, the dataset) that expect it."""

    state: str
    structures: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def profiles_of(G: nx.MultiDiGraph) -> dict[str, Profile]:
    """The profiles of data/rules.yaml and the dataset's own (which win by name)."""
    own: dict[str, Any] = {}
    for entry in G.graph.get("profiles", ()) or ():
        own[str(entry["id"])] = {
            "name": entry.get("name"),
            "expects": list(entry.get("expects") or ()),
            "source": entry.get("source"),
            "why": entry.get("why"),
            "every_state": entry.get("every_state", False),
            "from": entry.get("valid_from"),
        }
    return {**default_profiles(), **profiles_from_mapping(own, default_structures())}


def dataset_states(G: nx.MultiDiGraph, facts: Facts) -> list[str]:
    """The States the dataset names: a route place, or the State of a mechanism, plan,
    agency, area or focal point (a State only listed as a party or member is not)."""
    out: set[str] = set()
    holders = (
        NodeKind.MECHANISM,
        NodeKind.ACTION_PLAN,
        NodeKind.AGENCY,
        NodeKind.AREA,
    )
    rels = (Relation.OPERATES_IN, Relation.ADOPTED_BY, Relation.LOCATED_IN)
    for kind in holders:
        for node in facts.nodes(kind):
            for _, v, rel in G.out_edges(node, data="relation"):
                if rel in rels:
                    code = facts.state_of(v) if v in G else None
                    if code:
                        out.add(code)
    out.update(code for code, fps in facts.focal_points.items() if fps)
    for place in routes_of(G).places():
        node = place_node(place)
        code = facts.state_of(node) if node in G else None
        if code:
            out.add(code)
    return sorted(out)


def _applies(profile: Profile, start: FuzzyDate | None, day: dt.date) -> bool:
    for when in (profile.start, start):
        if when is not None and not when.started_by(day):
            return False
    return True


def expected_structures(
    G: nx.MultiDiGraph,
    facts: Facts,
    rules: TimeRules,
    *,
    profile: str | None = None,
) -> dict[str, Expected]:
    """What each State is expected to have on the day the rules look at (see the module
    docstring); ``profile`` keeps one profile, :data:`ALL_PROFILES` applies every
    profile to every State of the dataset.

    Raises
    ------
    DataError
        If ``profile``, or a profile a network or the dataset names, is not known.
    """
    profiles = profiles_of(G)
    if profile not in (None, ALL_PROFILES) and profile not in profiles:
        raise DataError(f"no profile {profile!r}; profiles: {', '.join(sorted(profiles))}")
    day = rules.as_of
    states = dataset_states(G, facts)
    out: dict[str, Expected] = {}

    def expect(state: str, name: str, start: FuzzyDate | None, where: str) -> None:
        if name not in profiles:
            raise DataError(
                f"{where} expects profile {name!r}, which is not defined; "
                f"profiles: {', '.join(sorted(profiles))}"
            )
        if profile not in (None, ALL_PROFILES, name) or not _applies(profiles[name], start, day):
            return
        for structure in profiles[name].expects:
            holders = out.setdefault(state, Expected(state)).structures[structure]
            if name not in holders:
                holders.append(name)

    for name, p in sorted(profiles.items()):
        if p.every_state or profile == ALL_PROFILES:
            for state in states:
                expect(state, name, None, "every State")
    for text in G.graph.get("expects", ()) or ():
        application = parse_application(text)
        for state in states:
            if state not in application.excepted:
                expect(state, application.profile, application.start, "the dataset")
    for network in sorted(facts.nodes(NodeKind.NETWORK)):
        for text in facts.attrs(network).get("expects", ()) or ():
            application = parse_application(text)
            if not rules.exists(network):
                continue
            for state in facts.active_members(network, rules):
                if state not in application.excepted:
                    expect(state, application.profile, application.start, label(G, network))
    return out


def structure_gaps(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date | str | None = None,
    countries: Iterable[str] | None = None,
    profile: str | None = None,
    undated: Undated | str = Undated.ATTESTED,
    stale_after: float | None = None,
    context: Context | None = None,
) -> list[Finding]:
    """For each State and each structure its profiles expect on the day: present (info),
    incomplete or missing, each gap a policy or a data gap by the open-world rules.

    Parameters
    ----------
    G
        A graph from :func:`coordgraph.build_graph`.
    as_of
        The day to look at; default the dataset's date, else today.
    countries
        Keep these States (ISO alpha-3 codes or names).
    profile
        Keep one profile (its name), or ``"all"``: every profile for every State the
        dataset names. Default: the profiles that apply (see the module docstring).
    undated
        Records with no start date (see :mod:`coordgraph.time_rules`).
    stale_after
        The staleness horizon in years (default: the graph's ``stale_after``, else 5).
    context
        The facts and date rules of ``G`` on the day, shared by several analyses
        (:class:`coordgraph.analyses.context.Context`); default: built for this call.
    """
    ctx = context_for(G, context, as_of=as_of, undated=undated, stale_after=stale_after)
    facts, rules = ctx.facts, ctx.rules
    wanted = wanted_states(countries)
    structures = default_structures()
    profiles = profiles_of(G)
    look = Look(G, facts, rules)
    findings: list[Finding] = []
    # a record recorded as not working fails every expectation it would meet: one finding
    idle: dict[tuple[str, str], list[_Base]] = defaultdict(list)
    for state, expected in sorted(expected_structures(G, facts, rules, profile=profile).items()):
        if wanted is not None and state not in wanted:
            continue
        for name, by in sorted(expected.structures.items()):
            base = _Base(G, look.day, state, structures[name], [profiles[p] for p in by])
            found = look.check(base)
            if isinstance(found, Finding):
                findings.append(rules.annotate(found))
            else:
                idle[(state, found)].append(base)
    for (_state, node), bases in sorted(idle.items()):
        findings.append(rules.annotate(not_working(bases, node, rules.stale(node))))
    return sorted(findings, key=Finding.sort_key)


# ----------------------------------------------------------------------------- looking


@dataclass
class Candidate:
    """A record that shows a structure, with how each requirement reads on it."""

    node: str
    works: bool
    met: dict[str, bool | None]

    @property
    def score(self) -> tuple[int, int, int]:
        values = list(self.met.values())
        return (int(self.works), -values.count(False), -values.count(None))


class Look:
    """Looks for the records that show a structure in one State on one day."""

    def __init__(self, G: nx.MultiDiGraph, facts: Facts, rules: TimeRules) -> None:
        self.G = G
        self.facts = facts
        self.rules = rules
        self.day = rules.as_of
        self.child_tags = _child_tags()
        self.taxonomy = default_rules()
        self.function_of = self.taxonomy.function_of
        self.in_state: dict[str, list[str]] = defaultdict(list)
        for kind in (NodeKind.MECHANISM, NodeKind.AGENCY, NodeKind.ACTION_PLAN):
            for node in facts.nodes(kind):
                for _, v, rel in G.out_edges(node, data="relation"):
                    if rel in (Relation.OPERATES_IN, Relation.LOCATED_IN, Relation.ADOPTED_BY):
                        code = facts.state_of(v)
                        if code and node not in self.in_state[code]:
                            self.in_state[code].append(node)

    # ------------------------------------------------------------------ one structure

    def check(self, base: _Base) -> Finding | str:
        """The finding for one expected structure of one State; the id of its record
        when the only records of it are recorded as not working (one finding then names
        every expectation the record fails: :func:`not_working`)."""
        state, structure = base.state, base.structure
        shown_by = structure.shown_by
        if shown_by == "focal_point":
            found = self.focal_points(state, contact=True)
        elif shown_by == "connection":
            found = self.connections(state, structure)
        elif shown_by == "reports_from":
            found = self.reporting_companies(state, structure)
        else:
            found = self.records(state, structure)
        # the best record shows it; among equals the first by id (any graph, same answer)
        found.sort(key=lambda c: c.node)
        working_ = [c for c in found if c.works]
        if working_:
            best = max(working_, key=lambda c: c.score)
            return base.present(best, self.rules)
        if found:
            return max(found, key=lambda c: c.score).node
        basis = self.absence_basis(state, structure)
        return base.missing(basis, self.rules.stale(basis) if basis else None)

    def absence_basis(self, state: str, structure: Structure) -> str | None:
        """The record or coverage statement on which "none" holds (``None``: data gap)."""
        if structure.shown_by == "focal_point":
            # a focal point recorded not designated for a body that carries cases between
            # States; one of a monitoring network (the EU rapporteurs') is no contact point
            for fp in self.facts.focal_points.get(state, ()):
                attrs = self.facts.attrs(fp)
                operational = self.taxonomy.is_operational(self._served_function(fp))
                if declined(attrs) and self.rules.exists(fp) and operational:
                    return fp
            return coverage_basis(self.facts, self.rules, CoverageOf.FOCAL_POINTS, [state])
        if structure.shown_by == "mechanism" and not structure.agency_types:
            return coverage_basis(
                self.facts, self.rules, CoverageOf.MECHANISMS, [state], types=structure.types
            )
        if structure.shown_by == "plan":
            return coverage_basis(
                self.facts, self.rules, CoverageOf.ACTION_PLANS, [state], types=["national"]
            )
        return None

    # ------------------------------------------------------------------ what shows it

    def focal_points(self, state: str, *, contact: bool = False) -> list[Candidate]:
        """The State's focal points designated on the day; ``contact``: only those for
        other States to contact (Stockholm/Yokohama, 001:1906-1913): not those of a body
        recorded as not carrying cases (a monitoring network, a policy forum)."""
        return [
            Candidate(fp, True, {})
            for fp in self.facts.focal_points.get(state, ())
            if self.facts.designated(fp, self.rules) and (not contact or self._contact_point(fp))
        ]

    def _served_function(self, fp: str) -> str | None:
        served = self.facts.serves.get(fp)
        return self.function_of(self.facts.attrs(served)) if served else None

    def _contact_point(self, fp: str) -> bool:
        function = self._served_function(fp)
        return function is None or self.taxonomy.is_operational(function)

    def records(self, state: str, structure: Structure) -> list[Candidate]:
        """Mechanisms (and agencies, plans, focal points of a network of the function
        named) of the State that show the structure."""
        out: list[Candidate] = []
        for node in self.in_state.get(state, ()):
            attrs = self.facts.attrs(node)
            kind = attrs.get("kind")
            if kind == NodeKind.MECHANISM and self._mechanism_fits(node, attrs, structure):
                works = working(self.rules, node)
                if works or set_up(self.rules, node):
                    out.append(Candidate(node, works, self.requirements(node, structure)))
            elif kind == NodeKind.AGENCY and str(attrs.get("type")) in structure.agency_types:
                if self.rules.exists(node):
                    out.append(Candidate(node, True, {}))
            elif kind == NodeKind.ACTION_PLAN and self._plan_fits(node, attrs, structure):
                out.append(Candidate(node, True, self.requirements(node, structure)))
        if structure.focal_point_of:
            for fp in self.focal_points(state):
                served = self.facts.serves.get(fp.node)
                if served and self.function_of(self.facts.attrs(served)) == (
                    structure.focal_point_of
                ):
                    out.append(Candidate(fp.node, True, self._designated(fp.node, structure)))
        return out

    def _designated(self, fp: str, structure: Structure) -> dict[str, bool | None]:
        """What a designation (a focal point) says of the structure's requirements: a
        rapporteur held by the agency that leads the State's coordinating body is not
        independent of it (Bulgaria's National Commission as its equivalent mechanism);
        the rest is not recorded."""
        met: dict[str, bool | None] = dict.fromkeys(structure.requires)
        if "independent" in met:
            held = [v for _, v, r in self.G.out_edges(fp, data="relation") if r == Relation.HELD_BY]
            leads = [
                m
                for a in held
                for _, m, r in self.G.out_edges(a, data="relation")
                if r == Relation.LEADS and str(self.G.nodes[m].get("type")) in _COORDINATING
            ]
            if any(self.rules.exists(m) for m in leads):
                met["independent"] = False
        return met

    def _plan_fits(self, node: str, attrs: Mapping[str, Any], structure: Structure) -> bool:
        """A national plan in effect on the day."""
        national = str(attrs.get("level", Level.NATIONAL)) == Level.NATIONAL
        return structure.shown_by == "plan" and national and self.rules.exists(node)

    def _mechanism_fits(self, node: str, attrs: Mapping[str, Any], structure: Structure) -> bool:
        if structure.shown_by != "mechanism" or str(attrs.get("type")) not in structure.types:
            return False
        if not structure.levels:
            return True
        level = str(attrs.get("level"))
        if level in structure.levels:
            return True
        in_area = any(
            rel == Relation.OPERATES_IN and self.G.nodes[v].get("kind") == NodeKind.AREA
            for _, v, rel in self.G.out_edges(node, data="relation")
        )
        return in_area and bool(_LOCAL & set(structure.levels))

    def connections(self, state: str, structure: Structure) -> list[Candidate]:
        """The State a member of a network of the function, or one of its agencies or
        mechanisms connected to one on the day."""
        out: list[Candidate] = []
        for network in self.facts.memberships.get(state, {}):
            if self.function_of(self.facts.attrs(network)) == structure.function and (
                self.facts.is_member(state, network, self.rules)
            ):
                out.append(Candidate(network, True, {}))
        for node in self.in_state.get(state, ()):
            for _, v, _key, attrs in self.G.out_edges(node, keys=True, data=True):
                if attrs.get("relation") != Relation.CONNECTED_TO:
                    continue
                if self.function_of(self.facts.attrs(v)) == structure.function and (
                    self.holds(node, v, attrs)
                ):
                    out.append(Candidate(node, True, {}))
        return out

    def reporting_companies(self, state: str, structure: Structure) -> list[Candidate]:
        """Companies that send reports to an agency or mechanism of the State."""
        out: list[Candidate] = []
        mine = set(self.in_state.get(state, ()))
        for node in self.facts.nodes(NodeKind.AGENCY):
            if str(self.facts.attrs(node).get("type")) not in structure.agency_types:
                continue
            for _, v, attrs in self.G.out_edges(node, data=True):
                reports = attrs.get("relation") == Relation.REPORTS_TO and v in mine
                if reports and self.holds(node, v, attrs):
                    out.append(Candidate(node, True, {}))
        return out

    def holds(self, u: str, v: str, attrs: dict[str, Any]) -> bool:
        """Whether a dated relationship holds on the day (its own dates, else while both
        records it joins count)."""
        if not (self.rules.exists(u) and self.rules.exists(v)):
            return False
        start, end = TimeRules.link_spell(self.G, u, v, attrs)
        return (start is None or start <= self.day) and (end is None or end >= self.day)

    # ------------------------------------------------------------------ requirements

    def requirements(self, node: str, structure: Structure) -> dict[str, bool | None]:
        """Each requirement of the structure on this record: met, missing or unknown."""
        return {r: self.requirement(node, r) for r in structure.requires}

    def requirement(self, node: str, name: str) -> bool | None:
        attrs = self.facts.attrs(node)
        if name == "independent":
            if attrs.get("independent") is not None:
                return bool(attrs["independent"])
            return False if self._under_coordination(node) else None
        if name == "child_procedure":
            return for_children(attrs)
        if name == "child_protection_tie":
            if attrs.get("child_protection_tie") is not None:
                return bool(attrs["child_protection_tie"])
            return True if self._tied_to_child_protection(node) else None
        if name == "child_scope":
            scope = tuple(attrs.get("scope") or ())
            if not scope:
                return None
            return bool(default_taxonomy().expand(scope) & self.child_tags)
        if name == "evaluated":
            when = dated(attrs.get("evaluated"))
            return True if when is not None and when.started_by(self.day) else None
        if name == "reaches_local":
            return True if self._reaches(node) else None
        value = attrs.get(name)
        return None if value is None else bool(value)

    def _child_only(self, attrs: Mapping[str, Any]) -> bool:
        scope = tuple(attrs.get("scope") or ())
        return bool(scope) and all(tag in self.child_tags for tag in scope)

    def _linked(self, node: str) -> list[str]:
        rels = (Relation.COORDINATES_WITH, Relation.REPORTS_TO, Relation.PART_OF)
        out = [v for _, v, r in self.G.out_edges(node, data="relation") if r in rels]
        out += [u for u, _, r in self.G.in_edges(node, data="relation") if r in rels]
        return [n for n in out if self.G.nodes[n].get("kind") == NodeKind.MECHANISM]

    def _under_coordination(self, node: str) -> bool:
        above = [
            v
            for _, v, r in self.G.out_edges(node, data="relation")
            if r in (Relation.REPORTS_TO, Relation.PART_OF)
        ]
        return any(str(self.G.nodes[v].get("type")) in _COORDINATING for v in above)

    def _tied_to_child_protection(self, node: str) -> bool:
        return any(
            self._child_only(self.facts.attrs(m)) and working(self.rules, m)
            for m in self._linked(node)
        )

    def _reaches(self, node: str) -> bool:
        """It names a working local mechanism it reaches, or one is part of it."""
        named = [v for _, v, r in self.G.out_edges(node, data="relation") if r == Relation.REACHES]
        below = [
            u
            for u, _, r in self.G.in_edges(node, data="relation")
            if r == Relation.PART_OF
            and str(self.G.nodes[u].get("level")) in _LOCAL
            and self.G.nodes[u].get("kind") == NodeKind.MECHANISM
        ]
        return any(working(self.rules, m) for m in [*named, *below])


# ----------------------------------------------------------------------------- findings


@dataclass
class _Base:
    """What every finding about one expected structure of one State carries."""

    G: nx.MultiDiGraph
    day: dt.date
    state: str
    structure: Structure
    profiles: list[Profile]

    @property
    def country(self) -> str:
        return f"{NodeKind.COUNTRY}:{self.state}"

    @property
    def name(self) -> str:
        return label(self.G, self.country)

    @property
    def expected_by(self) -> str:
        name = self.structure.name
        return "; ".join(f"{p.title} ({p.cite(name)})" for p in self.profiles)

    def details(self, status: str, **more: Any) -> dict[str, Any]:
        return {
            "states": [self.state],
            "structure": self.structure.name,
            "expected": self.structure.label,
            "status": status,
            "profiles": [p.name for p in self.profiles],
            "expected_by": [f"{p.title}: {p.cite(self.structure.name)}" for p in self.profiles],
            **more,
        }

    def finding(self, kind: FindingKind, rule: str, severity: Severity, **kw: Any) -> Finding:
        # the State, and the expected structure (an entry of rules.yaml's structures, not
        # a record: what is missing has none to name); the records are the evidence
        subjects = (self.country, f"{STRUCTURE_SUBJECT}:{self.structure.name}")
        return Finding(kind, rule, severity, subjects, as_of=self.day, **kw)

    def present(self, best: Candidate, rules: TimeRules) -> Finding:
        node = best.node
        missing = [r for r, v in best.met.items() if v is False]
        unknown = [r for r, v in best.met.items() if v is None]
        met = [r for r, v in best.met.items() if v]
        what = f"{self.name} has {label(self.G, node)} ({self.structure.label})"
        common: dict[str, Any] = {
            "evidence": (node,),
            "sources": cite(self.G, [node]),
            "criteria_met": tuple(met),
            "criteria_missing": tuple(missing),
            "criteria_unknown": tuple(unknown),
        }
        if missing:
            # a record of long ago still says what it lacked, but asks to re-check
            stale = rules.stale(node)
            severity, gap_type = on_basis(stale)
            lacks = ", ".join(_REQUIREMENT_WORDS[r] for r in missing) + re_check(stale)
            head = (
                "no independent rapporteur: "
                if "independent" in missing
                else f"{self.structure.label} incomplete: "
            )
            return self.finding(
                FindingKind.STRUCTURE_INCOMPLETE,
                "structures.not_independent"
                if "independent" in missing
                else "structures.requirement_missing",
                severity,
                message=f"{self.name}: {head}{label(self.G, node)} is recorded without "
                f"{lacks}; expected by {self.expected_by}",
                details=self.details("incomplete", absence_basis=node),
                gap_type=gap_type,
                **common,
            )
        if unknown:
            words = ", ".join(_REQUIREMENT_WORDS[r] for r in unknown)
            return self.finding(
                FindingKind.STRUCTURE_INCOMPLETE,
                "structures.requirement_not_recorded",
                capped(Severity.LOW),
                message=f"{what}, but the sources do not say whether it has {words}; "
                f"expected by {self.expected_by}",
                details=self.details("requirement_not_recorded"),
                gap_type=GapType.DATA,
                **common,
            )
        return self.finding(
            FindingKind.STRUCTURE_PRESENT,
            "structures.present",
            Severity.INFO,
            message=f"{what}; expected by {self.expected_by}",
            details=self.details("present"),
            **common,
        )

    def missing(self, basis: str | None, stale: FuzzyDate | None = None) -> Finding:
        """No record shows the structure: a policy gap on a basis (a record stating the
        absence, a coverage statement), else a data gap; a basis past the staleness
        horizon makes it a data gap that asks to re-check."""
        what = _bare(self.structure.label)
        if basis is None:
            return self.finding(
                FindingKind.STRUCTURE_MISSING,
                "structures.not_recorded",
                capped(Severity.LOW),
                message=f"{self.name}: no {what} recorded, and "
                f"{not_claimed(_LISTS.get(self.structure.shown_by, 'every structure'))}; "
                f"expected by {self.expected_by}",
                details=self.details("not_recorded"),
                gap_type=GapType.DATA,
            )
        kind = self.G.nodes[basis].get("kind") if basis in self.G else None
        why = (
            claimed(self.G, basis, _LISTS.get(self.structure.shown_by, "all of its records"))
            if kind == NodeKind.COVERAGE
            else f"{label(self.G, basis)} records that none is designated"
        )
        severity, gap_type = on_basis(stale)
        return self.finding(
            FindingKind.STRUCTURE_MISSING,
            "structures.recorded_absent",
            severity,
            message=f"{self.name} has no {what}: {why}{re_check(stale)}; "
            f"expected by {self.expected_by}",
            evidence=(basis,),
            sources=cite(self.G, [basis]),
            details=self.details("recorded_absent", absence_basis=basis),
            gap_type=gap_type,
        )


def not_working(bases: list[_Base], node: str, stale: FuzzyDate | None) -> Finding:
    """A record of one State recorded as not working on the day: one finding naming
    every expected structure it would show (``bases``, each with the profiles that
    expect it), a policy gap; on evidence past the staleness horizon a data gap that
    asks to re-check (:func:`~coordgraph.analyses.absence.on_basis`). Its subjects are
    the State and the record."""
    first = bases[0]
    G, names = first.G, [b.structure.name for b in bases]
    said = f"{label(G, node)} is recorded as not working{re_check(stale)}"
    what = _either([_bare(b.structure.label) for b in bases])
    cites: dict[str, list[str]] = defaultdict(list)
    titles: dict[str, str] = {}
    for b in bases:
        for p in b.profiles:
            titles[p.name] = p.title
            if p.cite(b.structure.name) not in cites[p.name]:
                cites[p.name].append(p.cite(b.structure.name))
    expected_by = "; ".join(f"{titles[n]} ({', '.join(c)})" for n, c in cites.items())
    severity, gap_type = on_basis(stale)
    details = first.details("not_working", absence_basis=node)
    details["structures"] = names
    details["expected_each"] = [b.structure.label for b in bases]
    details["profiles_each"] = [[p.name for p in b.profiles] for b in bases]
    details["profiles"] = list(cites)
    details["expected_by"] = [e for b in bases for e in b.details("")["expected_by"]]
    return Finding(
        FindingKind.STRUCTURE_MISSING,
        "structures.not_working",
        severity,
        (first.country, node),
        f"{first.name} has no working {what}: {said}; expected by {expected_by}",
        evidence=(node,),
        sources=cite(G, [node]),
        as_of=first.day,
        details=details,
        gap_type=gap_type,
    )


def _either(words: list[str]) -> str:
    """``A``, ``A or B``, ``A, B or C``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


_LISTS = {
    "focal_point": "all of its focal points",
    "mechanism": "all of its mechanisms",
    "plan": "all of its plans of action",
    "agency": "all of its agencies",
    "connection": "all of its connections to databases",
    "reports_from": "every company that reports to its bodies",
}


def _bare(words: str) -> str:
    """``a national referral mechanism`` -> ``national referral mechanism``."""
    for article in ("a ", "an "):
        if words.startswith(article):
            return words[len(article) :]
    return words
