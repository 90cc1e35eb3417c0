"""The analysis as of a date, in the shape exports need: per route pair and per node.

Exports never apply a rule themselves: they run :func:`coordgraph.analyses.find_gaps`
once and read each :class:`~coordgraph.findings.Finding` through its public fields
(``kind``, ``severity``, ``subjects``, ``message``, ``evidence``, ``sources``,
``link_kind``, ``near_misses``, ``as_of``, ``volume``, ``details``), so a new rule or a
new field reaches every export without a change here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx

from coordgraph.bulk import paused_gc
from coordgraph.dates import FuzzyDate, day_asked
from coordgraph.findings import ROUTE_STATUS, Finding, jsonable
from coordgraph.routes.detail import route_dates
from coordgraph.routes.table import route_node, routes_of

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "Analysis",
    "analyse",
    "data_years",
    "finding_fields",
    "link_status",
    "pair_id",
    "xml_safe",
]

#: The prefix of a route's node id.
_ROUTE = route_node("")

#: Characters XML 1.0 cannot hold (C0 controls but tab/newline/return, surrogates,
#: U+FFFE/U+FFFF). ElementTree writes them as they are, which no parser then reads.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced by U+FFFD (�).

    >>> xml_safe("Bureau\\x07 A")
    'Bureau\\ufffd A'
    """
    return _XML_ILLEGAL.sub("\ufffd", text)


def link_status(finding: Finding) -> str | None:
    """``linked``, ``unlinked`` or ``unresolved`` for a route-pair finding, else None."""
    return ROUTE_STATUS.get(finding.kind)


def pair_id(finding: Finding) -> str:
    """A stable id for a route-pair finding: the same dataset gives the same id, whatever
    the date, so a re-import updates the connection instead of adding a second one."""
    victims = finding.details.get("victims") or []
    tail = "+".join(str(v) for v in victims)
    return f"route-pair:{'>'.join(finding.subjects)}" + (f":{tail}" if tail else "")


def finding_fields(finding: Finding) -> dict[str, Any]:
    """The columns an export gives a finding, every value a string, number or list.

    Built from :meth:`Finding.to_dict`, so a field added to findings becomes a column:
    ``link_status``, ``link_kind``, ``severity``, ``finding_kind``, ``rule``,
    ``finding`` (the message), then every other field of the finding (``near_misses``,
    ``evidence``, ``sources``, ``as_of``, ``volume``, criteria, gap type...), then from
    its details ``routes``, ``roles``, ``victims`` and ``detail_<name>`` for the rest.
    """
    data = finding.to_dict(details=False)
    details = finding.details
    del data["details"], data["subjects"]
    out: dict[str, Any] = {
        "link_status": link_status(finding),
        "link_kind": data.pop("link_kind", None),
        "severity": data.pop("severity", None),
        "finding_kind": data.pop("kind", None),
        "rule": data.pop("rule", None),
        "finding": data.pop("message", None),
    }
    out.update(data)
    for key in ("routes", "roles", "victims"):
        value = details.get(key, ())
        texts = [v if isinstance(v, str) else str(jsonable(v)) for v in value]
        out[key] = sorted(texts) if isinstance(value, set | frozenset) else texts
    for key in sorted(details, key=str):
        name = f"detail_{key}"
        if key in ("routes", "roles", "victims") or name in out or isinstance(details[key], dict):
            continue
        value = jsonable(details[key])
        if isinstance(value, bool | int | float | str):
            out[name] = value
        elif isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            out[name] = [str(v) for v in value]
    return out


def _about(findings: list[Finding], *, routes: bool) -> dict[str, list[Finding]]:
    """Gap findings per node they are about (their subjects and the routes of a pair),
    in ``findings`` order: the route nodes (``routes=True``) or every other node."""
    prefix = _ROUTE
    out: dict[str, list[Finding]] = defaultdict(list)
    with paused_gc():
        for f in findings:
            if not f.is_gap:
                continue
            about = list(f.subjects)
            if routes:
                about += [str(r) for r in f.details.get("routes", ())]
            for node in dict.fromkeys(about):
                if node.startswith(prefix) is routes:
                    out[node].append(f)
    return dict(out)


@dataclass
class Analysis:
    """Every finding as of one day, indexed for exports.

    Attributes
    ----------
    as_of
        The day looked at.
    findings
        All findings, sorted (route pairs that are linked included, as ``info``).
    pairs
        Route-pair findings (linked, unlinked, unresolved) in a stable order.
    """

    as_of: dt.date
    findings: list[Finding]
    pairs: list[Finding] = field(default_factory=list)

    @functools.cached_property
    def _about_records(self) -> dict[str, list[Finding]]:
        return _about(self.findings, routes=False)

    @functools.cached_property
    def _about_routes(self) -> dict[str, list[Finding]]:
        # a million routes: indexed only when a route is asked about
        return _about(self.findings, routes=True)

    @property
    def by_node(self) -> dict[str, list[Finding]]:
        """Gap findings per graph node they are about (subjects, and the routes of a
        pair), routes included."""
        return {**self._about_records, **self._about_routes}

    def gaps_about(self, node: str) -> list[Finding]:
        """The gap findings about one node (:attr:`by_node`), in findings order."""
        about = self._about_routes if node.startswith(_ROUTE) else self._about_records
        return about.get(node, [])

    def route_pairs(self) -> pl.DataFrame:
        """Which pair findings list which route: one row per (``route`` node id, ``pair``
        index in :attr:`pairs`), in pairs order, each route once per finding."""
        import polars as pl

        routes: list[str] = []
        index: list[int] = []
        with paused_gc():
            for i, f in enumerate(self.pairs):
                listed = list(dict.fromkeys(str(r) for r in f.details.get("routes", ())))
                routes += listed
                index += [i] * len(listed)
        return pl.DataFrame(
            {"route": routes, "pair": pl.Series(index, dtype=pl.UInt32)},
            schema={"route": pl.String, "pair": pl.UInt32},
        )

    def node_summary(self, node: str) -> dict[str, Any]:
        """Gap count, highest severity, kinds and messages of the findings about a node."""
        found = self.gaps_about(node)
        worst = max((f.severity for f in found), key=lambda s: s.rank, default=None)
        return {
            "gap_findings": len(found),
            "highest_severity": str(worst) if worst else None,
            "finding_kinds": sorted({str(f.kind) for f in found}),
            "findings": [f.message for f in found],
        }


def analyse(G: nx.MultiDiGraph, *, as_of: dt.date | str | None = None) -> Analysis:
    """Run the three analyses on ``G`` as of a day and index their findings."""
    from coordgraph.analyses import find_gaps

    day = day_asked(G.graph, as_of)
    findings = find_gaps(G, as_of=day)
    pairs = sorted((f for f in findings if link_status(f) is not None), key=pair_id)
    return Analysis(day, findings, pairs)


def data_years(G: nx.MultiDiGraph) -> list[int]:
    """Every year a date in the graph (node or edge attribute) or a route of its table
    falls in, sorted."""
    years: set[int] = set()

    def collect(value: Any) -> None:
        if isinstance(value, FuzzyDate):
            years.add(value.year)
        elif isinstance(value, tuple | list):
            for v in value:
                collect(v)

    for _, attrs in G.nodes(data=True):
        for v in attrs.values():
            collect(v)
    for _, _, attrs in G.edges(data=True):
        for v in attrs.values():
            collect(v)
    years.update(d.year for d in route_dates(routes_of(G)))
    return sorted(years)
