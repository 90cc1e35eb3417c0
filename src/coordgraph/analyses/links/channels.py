"""Channels in the link rule: focal points of both States in a network or agreement
they share (:func:`focal_point_channel`), and direct links between their local
mechanisms (:func:`local_links`)."""

from __future__ import annotations

from coordgraph.analyses.links.agreements import Entry, possible_members
from coordgraph.analyses.links.index import LinkIndex
from coordgraph.findings import LinkKind
from coordgraph.lookup import declined, designated, label
from coordgraph.taxonomy import Rules, default_rules
from coordgraph.vocab import NodeKind

__all__ = [
    "designated_for",
    "focal_point_channel",
    "is_channel",
    "local_links",
    "not_a_channel",
    "possible_channels",
]


def is_channel(attrs: dict[str, object], rules: Rules | None = None) -> bool:
    """Whether a network or agreement can carry cases between two States: its function
    (recorded, else its type's default in ``data/rules.yaml``) is operational.

    A monitoring network (the EU network of national rapporteurs), a policy forum or a
    project (LUTRENA, YPP) is not a channel, even when it expects focal points; a body
    whose function is not recorded is not counted as one either."""
    rules = rules or default_rules()
    operational = rules.is_operational(rules.function_of(attrs))
    if attrs.get("kind") == NodeKind.AGREEMENT:
        return operational and bool(attrs.get("requires_focal_point"))
    return operational


def _operational(attrs: dict[str, object]) -> bool:
    rules = default_rules()
    return rules.is_operational(rules.function_of(attrs))


def not_a_channel(attrs: dict[str, object], name: str, rules: Rules | None = None) -> str:
    """The near-miss for a network (or agreement) both States have focal points in but
    that carries no cases: "EU NREM: a network for monitoring and reporting, not a
    channel for cases"."""
    rules = rules or default_rules()
    does = rules.function_words(rules.function_of(attrs))
    if attrs.get("kind") != NodeKind.NETWORK:
        return f"{name}: an instrument ({does}), not a channel for cases"
    return f"{name}: a network for {does}, not a channel for cases"


def designated_for(index: LinkIndex, state: str, target: str) -> list[str]:
    """The focal points of a State in a network or agreement designated on the day of the
    index (once per State and target, kept in the index)."""
    key = ("designated", state, target)
    found = index.memo.get(key)
    if found is None:
        facts, rules = index.facts, index.rules
        found = index.memo[key] = [
            fp for fp in facts.focal_points_for(state, target) if designated(rules, fp)
        ]
    return found


def focal_point_channel(
    index: LinkIndex, target: str, a: str, b: str, kinds: frozenset[LinkKind]
) -> Entry:
    """Whether both States have a focal point in one network or agreement they share,
    and it is a channel for cases (:func:`is_channel`).

    Near-misses (one State without a focal point) are offered only for a network that
    is a channel; a network that is not one is named as such when both have focal
    points in it (what it does decides what it can do for a child, DESIGN.md section 9).
    """
    facts = index.facts
    if not (index.exists(target) and index.member(a, target) and index.member(b, target)):
        return Entry()
    fps = {c: designated_for(index, c, target) for c in (a, b)}
    name = label(facts.G, target)
    attrs = facts.attrs(target)
    is_network = attrs.get("kind") == NodeKind.NETWORK
    if fps[a] and fps[b] and not is_network and not _operational(attrs):
        # contacts named under a legal basis (the Palermo protocol): no channel for cases
        return Entry(near=not_a_channel(attrs, name), data_gap=True)
    if fps[a] and fps[b] and is_network and not is_channel(attrs):
        # a fact, but not one that says the two States lack a channel: what else links
        # them is still open
        return Entry(near=not_a_channel(attrs, name), data_gap=True)
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
    if not is_network or not is_channel(attrs):
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


def possible_channels(index: LinkIndex, a: str, b: str) -> list[tuple[str, str]]:
    """Channel networks that may link two States but whose members are not all recorded
    (``members_complete`` false, or fewer members than ``member_count``): each State is a
    recorded member or a member of the network's parent on the day (ECOWAS's network of
    national focal institutions, part of ECOWAS), and not both are recorded members. A
    data gap: whether both are in it, with a focal point, the sources do not say."""
    facts, rules = index.facts, index.rules
    out: list[tuple[str, str]] = []
    for net, region in index.incomplete_networks:
        if not rules.exists(net):
            continue
        recorded = facts.members_of.get(net, {})
        if a in recorded and b in recorded:
            continue
        why = possible_members(index, net, region, a, b)
        if why is None:
            continue
        out.append(
            (
                net,
                f"possibly linked by {label(facts.G, net)} (a channel whose members are not "
                f"all recorded: {why})",
            )
        )
    return sorted(out)
