"""Coverage of a regional network: member x member links, and each member's structures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from coordgraph.analyses.absence import list_complete
from coordgraph.analyses.context import Context, context_for
from coordgraph.analyses.links import LinkRule
from coordgraph.errors import DataError
from coordgraph.findings import LinkKind
from coordgraph.lookup import CHILD_GROUPS, declined, working
from coordgraph.time_rules import Undated
from coordgraph.vocab import Level, MechanismType, NodeKind, Relation

__all__ = ["Coverage", "coverage"]


@dataclass(frozen=True)
class Coverage:
    """What a regional body sees of its members on one date.

    ``links[(a, b)]`` is the strongest link between two members for child victims;
    ``members[code]`` says whether the State has a focal point in the network, a
    national coordinating body and a national plan of action in effect. ``complete`` is
    false when the member list cannot say who the members are on the day
    (:func:`~coordgraph.analyses.absence.list_complete`): ``member_codes`` are then the
    members recorded, not all of them.
    """

    network: str
    label: str
    as_of: dt.date
    member_codes: tuple[str, ...]
    links: dict[tuple[str, str], LinkKind]
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    complete: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "network": self.network,
            "label": self.label,
            "as_of": self.as_of.isoformat(),
            "members_complete": self.complete,
            "members": [{"country": c, **self.members[c]} for c in self.member_codes],
            "links": [
                {"a": a, "b": b, "link_kind": str(k)} for (a, b), k in sorted(self.links.items())
            ],
        }

    def matrix(self) -> list[list[str]]:
        """Rows of the member x member table (first row and column are the codes)."""
        codes = list(self.member_codes)
        rows = [["", *codes]]
        for a in codes:
            row = [a]
            for b in codes:
                row.append("-" if a == b else str(self.links[(min(a, b), max(a, b))]))
            rows.append(row)
        return rows


def coverage(
    G: nx.MultiDiGraph,
    *,
    network: str,
    as_of: dt.date | str | None = None,
    undated: Undated | str = Undated.ATTESTED,
    stale_after: float | None = None,
    context: Context | None = None,
) -> Coverage:
    """Member x member link kinds and per-member structures for one network.

    Members, links, focal points, bodies and plans follow the date rules of
    :mod:`coordgraph.time_rules`, as in ``gaps``: a State counts as a member from its
    joining date, and two members are linked exactly when ``gaps routes`` would link a
    route between them for child victims.

    ``context`` is the :class:`~coordgraph.analyses.context.Context` of ``G`` on the day
    when the caller has it (the report reads every network, and the findings, from one):
    the graph's indexes and the link rule are then built once, not once per network.

    Raises
    ------
    DataError
        If the network id is not in the graph.
    """
    node = f"{NodeKind.NETWORK}:{network}"
    if node not in G:
        nets = sorted(n.partition(":")[2] for n, k in G.nodes(data="kind") if k == NodeKind.NETWORK)
        raise DataError(f"no network {network!r} in this dataset; networks: {', '.join(nets)}")
    ctx = context_for(G, context, as_of=as_of, undated=undated, stale_after=stale_after)
    facts, rules, day = ctx.facts, ctx.rules, ctx.day
    link_rule = ctx.once(LinkRule)
    codes = tuple(facts.active_members(node, rules)) if rules.exists(node) else ()
    matrix: dict[tuple[str, str], LinkKind] = {}
    for i, a in enumerate(codes):
        for b in codes[i + 1 :]:
            result = link_rule.between(a, b, CHILD_GROUPS, kinds=frozenset(LinkKind))
            matrix[(a, b)] = result.link_kind
    members: dict[str, dict[str, Any]] = {}
    for code in codes:
        fps = facts.focal_points_for(code, node)
        if any(facts.designated(fp, rules) for fp in fps):
            fp_status = "designated"
        elif any(declined(facts.attrs(fp)) for fp in fps):
            fp_status = "not designated"
        else:
            fp_status = "not recorded"
        country = f"{NodeKind.COUNTRY}:{code}"
        bodies = [
            u
            for u, _, rel in G.in_edges(country, data="relation")
            if rel == Relation.OPERATES_IN
            and G.nodes[u].get("kind") == NodeKind.MECHANISM
            and G.nodes[u].get("level") == Level.NATIONAL
            and G.nodes[u].get("type")
            in (MechanismType.COORDINATING_BODY, MechanismType.TASK_FORCE)
            and working(rules, u)
        ]
        plans = [
            u
            for u, _, rel in G.in_edges(country, data="relation")
            if rel == Relation.ADOPTED_BY and rules.exists(u)
        ]
        members[code] = {
            "name": G.nodes[country].get("label", code),
            "focal_point": fp_status,
            "national_coordinating_body": [G.nodes[b].get("label", b) for b in sorted(bodies)],
            "action_plan_in_effect": [G.nodes[p].get("label", p) for p in sorted(plans)],
        }
    name = str(G.nodes[node].get("label", network))
    complete = list_complete(facts, rules, node)
    return Coverage(network, name, day, codes, matrix, members, complete=complete)
