"""Findings: what an analysis reports, with the evidence a planner needs to act on it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "ROUTE_KINDS",
    "ROUTE_STATUS",
    "Finding",
    "FindingKind",
    "GapType",
    "LinkKind",
    "Severity",
    "jsonable",
]


#: each severity's rank, least first (looked up for every finding when sorting)
_RANKS = {"info": 0, "low": 1, "medium": 2, "high": 3}


class Severity(StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _RANKS[self]


class FindingKind(StrEnum):
    # routes
    ROUTE_LINKED = "route_linked"
    ROUTE_UNLINKED = "route_unlinked"
    ROUTE_UNRESOLVED = "route_unresolved"
    # duplicates
    DUPLICATE_MECHANISMS = "duplicate_mechanisms"
    DUPLICATE_ACTION_PLANS = "duplicate_action_plans"
    OVERLAPPING_NETWORKS = "overlapping_networks"
    # focal points
    MEMBER_WITHOUT_FOCAL_POINT = "member_without_focal_point"
    ENDPOINT_WITHOUT_FOCAL_POINT = "endpoint_without_focal_point"
    ORPHAN_FOCAL_POINT = "orphan_focal_point"
    MEMBERSHIP_INCOMPLETE = "membership_incomplete"
    # recommendation 12.2.2: local officials at both ends of a child route
    LOCAL_OFFICIALS_LINKED = "local_officials_linked"
    LOCAL_OFFICIALS_UNLINKED = "local_officials_unlinked"
    # plans of action
    PLAN_NOT_EVALUATED = "plan_not_evaluated"
    PLAN_WITHOUT_STRUCTURE = "plan_without_structure"
    # what a State is expected to have (expectation profiles, data/rules.yaml)
    STRUCTURE_PRESENT = "structure_present"
    STRUCTURE_MISSING = "structure_missing"
    STRUCTURE_INCOMPLETE = "structure_incomplete"


#: The link status of a route-pair finding, by its kind (the kinds
#: :func:`~coordgraph.analyses.unlinked_routes` gives), worst first: a State pair's
#: status is its worst route finding's.
ROUTE_STATUS: dict[FindingKind, str] = {
    FindingKind.ROUTE_UNLINKED: "unlinked",
    FindingKind.ROUTE_UNRESOLVED: "unresolved",
    FindingKind.ROUTE_LINKED: "linked",
}

#: The kinds of route-pair finding.
ROUTE_KINDS = frozenset(ROUTE_STATUS)


class GapType(StrEnum):
    """Whether a gap is in the cooperation or in what the sources tell.

    ``policy``: on the facts recorded, the link or structure is missing (an agreement
    not in force or outside its scope, a focal point recorded as not designated, no link
    of any kind recorded between the two States). ``data``: something may be there that
    the sources do not settle (parties or members not all recorded, status unknown since
    an observation, a focal point, scope, victims or date not recorded).
    """

    POLICY = "policy"
    DATA = "data"


class LinkKind(StrEnum):
    """How two places on a route are linked, strongest first.

    ``legal_basis``: an agreement in force that binds both and covers the route, but
    whose function is not operational (a universal or regional instrument such as the
    Palermo protocol: a legal basis, with no channel for cases of its own; DESIGN.md
    section 10). It is weaker than any operational link, so a pair it links with a
    focal-point channel as well is linked by the channel.
    """

    BILATERAL_AGREEMENT = "bilateral_agreement"
    MULTILATERAL_AGREEMENT = "multilateral_agreement"
    FOCAL_POINT_CHANNEL = "focal_point_channel"
    LOCAL_LINK = "local_link"
    LEGAL_BASIS = "legal_basis"
    LOCAL_MECHANISMS = "local_mechanisms"
    NATIONAL_REFERRAL = "national_referral"
    NONE = "none"

    @property
    def strength(self) -> int:
        return _LINK_STRENGTH[self]


#: each kind of link's place in :class:`LinkKind` (0: strongest)
_LINK_STRENGTH = {k: i for i, k in enumerate(LinkKind)}


GAP_KINDS = frozenset(
    k
    for k in FindingKind
    if k
    not in (
        FindingKind.ROUTE_LINKED,
        FindingKind.LOCAL_OFFICIALS_LINKED,
        FindingKind.STRUCTURE_PRESENT,
    )
)


@dataclass(frozen=True)
class Finding:
    """One result of an analysis.

    Attributes
    ----------
    kind
        What was found (:class:`FindingKind`).
    rule
        The rule that fired, a stable dotted id (``routes.agreement_not_in_force``).
    severity
        ``info`` for a link that holds, ``low`` to ``high`` for gaps.
    subjects
        Graph node ids the finding is about (``Country:ALB``, ``Route:mda-rus``).
    message
        One sentence that says what and why.
    evidence
        Node ids of the records that support it (agreements, networks, focal points).
    sources
        Citations of the subjects and evidence (``source:locator``).
    link_kind
        For route findings, the strongest link found (``none`` when unlinked).
    near_misses
        For unlinked pairs, what almost linked them, one sentence each.
    as_of
        The day the analysis looked at.
    volume
        Cases on the route(s) concerned, when recorded; findings are ranked by it.
    details
        Further structured facts (routes, leg, shared scope tags, ...).
    criteria_met, criteria_missing, criteria_unknown
        For cross-border route pairs, the link criteria (``in_force``,
        ``victims_covered``, ``exploitation_covered``, ``operational_channel``,
        ``child_specific_provisions``, ``return_procedure``) that are met, that the
        records say are missing, and that the sources do not settle (data gaps).
    gap_type
        For gaps, ``policy`` or ``data`` (:class:`GapType`); ``None`` for a link that holds.
    """

    kind: FindingKind
    rule: str
    severity: Severity
    subjects: tuple[str, ...]
    message: str
    evidence: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    link_kind: LinkKind | None = None
    near_misses: tuple[str, ...] = ()
    as_of: dt.date | None = None
    volume: int | None = None
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    criteria_met: tuple[str, ...] = ()
    criteria_missing: tuple[str, ...] = ()
    criteria_unknown: tuple[str, ...] = ()
    gap_type: GapType | None = None

    @property
    def is_gap(self) -> bool:
        """A gap kind, or a link that holds but misses a criterion (severity above info)."""
        return self.kind in GAP_KINDS or self.severity is not Severity.INFO

    @property
    def worst_missing(self) -> str | None:
        """The most basic criterion missing (criteria are ordered), for colouring links."""
        return self.criteria_missing[0] if self.criteria_missing else None

    @property
    def key(self) -> tuple[str, tuple[str, ...], str | None]:
        """Identity for comparing result sets across engines: (kind, subjects, link kind)."""
        return (str(self.kind), self.subjects, str(self.link_kind) if self.link_kind else None)

    def sort_key(self) -> tuple[int, int, str, tuple[str, ...]]:
        return (-self.severity.rank, -(self.volume or 0), str(self.kind), self.subjects)

    def to_dict(self, *, details: bool = True) -> dict[str, Any]:
        """A JSON-ready dict; the layout is documented in docs/findings.md and stable.
        ``details=False`` leaves ``details`` empty (for a caller that reads only some
        of them, through :func:`jsonable`)."""
        return {
            "kind": str(self.kind),
            "rule": self.rule,
            "severity": str(self.severity),
            "subjects": list(self.subjects),
            "message": self.message,
            "evidence": list(self.evidence),
            "sources": list(self.sources),
            "link_kind": str(self.link_kind) if self.link_kind else None,
            "near_misses": list(self.near_misses),
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "volume": self.volume,
            "details": jsonable(self.details) if details else {},
            "criteria_met": list(self.criteria_met),
            "criteria_missing": list(self.criteria_missing),
            "criteria_unknown": list(self.criteria_unknown),
            "worst_missing": self.worst_missing,
            "gap_type": str(self.gap_type) if self.gap_type else None,
        }


#: the types JSON holds as they are (exactly these: a subclass such as an enum is not)
_AS_IS = frozenset({str, int, float, bool, type(None)})


#: what :func:`jsonable` has made of each dict (by ``id``), kept beside the dict
Memo = dict[int, tuple[Any, Any]]


def jsonable(value: Any, *, memo: Memo | None = None) -> Any:
    """A value of a finding's details as JSON holds it: dicts with text keys in key
    order, sets sorted, tuples as lists, dates as ISO text, anything else as its text.

    ``memo`` (for a writer converting many findings in turn) remembers each dict
    converted, so a dict many findings share (the dates of a record) is converted once;
    the dicts must not change while it is in use."""
    if type(value) in _AS_IS:
        return value
    if isinstance(value, dict):
        if memo is not None:
            done = memo.get(id(value))
            if done is not None and done[0] is value:
                return done[1]
        out = {
            str(k): v if type(v) in _AS_IS else jsonable(v, memo=memo)
            for k, v in sorted(value.items())
        }
        if memo is not None:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[id(value)] = (value, out)
        return out
    if isinstance(value, list | tuple | set | frozenset):
        items = [v if type(v) in _AS_IS else jsonable(v, memo=memo) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


#: dicts a memo holds before it starts again (a bound on what it keeps alive)
_MEMO_SIZE = 1 << 16
