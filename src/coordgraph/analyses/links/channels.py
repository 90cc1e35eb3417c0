"""Channels in the link rule: focal points of both States in a network or agreement
they share (:func:`focal_point_channel`), and direct links between their local
mechanisms (:func:`local_links`)."""

from __future__ import annotations

from coordgraph.analyses.links.agreements import Entry
from coordgraph.analyses.links.index import LinkIndex
from coordgraph.findings import LinkKind
from coordgraph.lookup import declined, designated, label
from coordgraph.taxonomy import Rules, default_rules
from coordgraph.vocab import NodeKind

__all__ = ["focal_point_channel", "is_channel", "local_links"]


def is_channel(attrs: dict[str, object], rules: Rules | None = None) -> bool:
    """Whether a network or agreement has a coordination or focal-point function, so a
    missing focal point in it is worth offering as a near-miss channel (a project or
    programme such as LUTRENA or YPP is not)."""
    if attrs.get("requires_focal_point"):
        return True
    if attrs.get("kind") == NodeKind.AGREEMENT:
        return False
    rules = rules or default_rules()
    return str(attrs.get("type")) in rules.coordinating_network_kinds and bool(
        attrs.get("coordinating", True)
    )


def focal_point_channel(
    index: LinkIndex, target: str, a: str, b: str, kinds: frozenset[LinkKind]
) -> Entry:
    """Whether both States have a focal point in one network or agreement they share.

    Near-misses (one State without a focal point) are offered only for a network or
    agreement with a coordination or focal-point function (:func:`is_channel`).
    """
    facts, rules = index.facts, index.rules
    if not (
        rules.exists(target)
        and facts.is_member(a, target, rules)
        and facts.is_member(b, target, rules)
    ):
        return Entry()
    fps = {
        c: [fp for fp in facts.focal_points_for(c, target) if designated(rules, fp)] for c in (a, b)
    }
    name = label(facts.G, target)
    if fps[a] and fps[b]:
        if LinkKind.FOCAL_POINT_CHANNEL not in kinds:
            return Entry()
        return Entry(
            found=(
                LinkKind.FOCAL_POINT_CHANNEL,
                [target, fps[a][0], fps[b][0]],
                f"focal points of {a} and {b} in {name}",
            )
        )
    if facts.G.nodes[target].get("kind") != NodeKind.NETWORK or not is_channel(facts.attrs(target)):
        return Entry()
    near: list[str] = []
    data_gap = False
    for c in (a, b):
        if fps[c]:
            continue
        recorded = facts.focal_points_for(c, target)
        if any(declined(facts.attrs(fp)) for fp in recorded):
            near.append(f"{c} is in {name} but recorded as not designating a focal point")
        else:
            near.append(f"{c} is in {name} but no focal point is recorded for it")
            data_gap = True
    return Entry(near="\n".join(near), data_gap=data_gap)


def local_links(index: LinkIndex, a: str, b: str) -> list[tuple[LinkKind, list[str], str]]:
    """Direct links between working local mechanisms of States ``a`` and ``b``."""
    G = index.facts.G
    return [
        (LinkKind.LOCAL_LINK, [u, v], f"{label(G, u)} works directly with {label(G, v)}")
        for u, v in index.local_links.get(frozenset((a, b)), [])
    ]
