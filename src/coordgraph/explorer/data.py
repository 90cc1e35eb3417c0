"""What the explorer shows, computed by the library: findings for every step of the
as-of slider, positions, the focal-point network and its dates, and per State what it is
expected to have and what the records show (the report's table, per step).

The page only displays this data. Every finding comes from
:func:`coordgraph.analyses.find_gaps` (per step, and per network with ``network=``), read
through the public :class:`~coordgraph.findings.Finding` fields, so the explorer, the
command line and the exports give the same findings for the same date.

Each step runs each analysis once; a network's findings are then taken from them the way
``network=`` selects them (:func:`_network_findings`), so a dataset with many networks
does not rerun the analyses for each.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import fields
from itertools import chain
from typing import Any

import networkx as nx

from coordgraph.analyses import ANALYSES, find_gaps
from coordgraph.analyses.context import Context
from coordgraph.countries import country_name
from coordgraph.dates import day_asked
from coordgraph.export.analysis import data_years, link_status
from coordgraph.export.geojson import place_point
from coordgraph.findings import Finding, FindingKind
from coordgraph.lookup import Facts, state_of, states_of_finding
from coordgraph.routes.detail import detail_node_ids, route_labels, route_stop_nodes
from coordgraph.text.i18n import (
    instrument_texts,
    page_words,
    say,
    state_name,
    translate_message,
)
from coordgraph.text.tables import expected_rows
from coordgraph.time_rules import TimeRules
from coordgraph.vocab import NodeKind, Relation

__all__ = ["DATE_MARK", "explorer_data", "finding_text", "steps_for"]

#: Relationships drawn in the focal-point network panel.
_NETWORK_RELATIONS = {
    str(Relation.MEMBER_OF),
    str(Relation.PARTY_TO),
    str(Relation.DESIGNATES),
    str(Relation.SERVES),
}
_NETWORK_KINDS = {
    str(NodeKind.NETWORK),
    str(NodeKind.AGREEMENT),
    str(NodeKind.COUNTRY),
    str(NodeKind.FOCAL_POINT),
}


def steps_for(G: nx.MultiDiGraph, as_of: dt.date) -> list[tuple[str, dt.date]]:
    """The slider's steps: the end of every year a date in the data falls in, up to
    ``as_of``, and ``as_of`` itself last (its year when it is that year's last day)."""
    steps = [(str(y), dt.date(y, 12, 31)) for y in data_years(G) if dt.date(y, 12, 31) < as_of]
    last = str(as_of.year) if (as_of.month, as_of.day) == (12, 31) else as_of.isoformat()
    steps.append((last, as_of))
    return steps


def _r(value: float) -> float:
    return round(value, 3)


#: the fields of a finding stored otherwise, or not at all
_NOT_STORED = ("as_of", "details", "message", "near_misses")

#: Stands for the step's date inside a stored message, so that a finding repeated year
#: after year is stored once; the page puts the step's date back (exactly the same text).
DATE_MARK = "\ue000"


def _finding(
    G: nx.MultiDiGraph, f: Finding, day: str, said: Callable[[str], str] = str
) -> dict[str, Any]:
    """A finding as the page shows it; countries are the States it is about
    (:func:`coordgraph.lookup.states_of_finding`, as the report files it). Its message and
    near misses are ``said`` in the page's language. Where one names ``day``, it is stored
    with :data:`DATE_MARK` instead (``"dated": true``) unless the text already holds that
    character."""
    texts, dated = _texts(f, day, said)
    # every field of the finding, so new ones reach the page (its details are not shown)
    item = f.to_dict(details=False)
    for key in ("as_of", "details"):
        item.pop(key, None)
    item.update(
        {
            "gap": f.is_gap,
            "dated": dated,
            "message": texts[0],
            "near_misses": list(texts[1:]),
            "link_status": link_status(f),
            "routes": [str(r) for r in f.details.get("routes", ())],
            "countries": sorted(states_of_finding(G, f)),
        }
    )
    return item


def _texts(f: Finding, day: str, said: Callable[[str], str]) -> tuple[tuple[str, ...], bool]:
    """The message and near misses of a finding as stored, and whether they name ``day``
    (see :func:`_finding`)."""
    texts = (said(f.message), *(said(t) for t in f.near_misses))
    dated = any(day in t for t in texts) and not any(DATE_MARK in t for t in texts)
    if dated:
        texts = tuple(t.replace(day, DATE_MARK) for t in texts)
    return texts, dated


#: the fields of a finding its stored form holds as they are (its texts are stored with
#: the step's date marked, its details are not stored)
_AS_STORED = tuple(x.name for x in fields(Finding) if x.name not in _NOT_STORED)


def _identity(
    G: nx.MultiDiGraph, f: Finding, day: str, said: Callable[[str], str]
) -> tuple[Any, ...]:
    """What :func:`_finding` makes of a finding, as a key: two findings of the same
    identity are stored as one (the same finding year after year) without writing out
    each one."""
    routes = tuple(str(r) for r in f.details.get("routes", ()))
    return (
        _texts(f, day, said),
        tuple(getattr(f, name) for name in _AS_STORED),
        routes,
        tuple(sorted(states_of_finding(G, f))),
    )


class _Table:
    """The findings the page stores (``items``), each identity (:func:`_identity`) once."""

    def __init__(self, G: nx.MultiDiGraph, said: Callable[[str], str]) -> None:
        self.G = G
        self.said = said
        self.items: list[dict[str, Any]] = []
        self.index: dict[tuple[Any, ...], int] = {}

    def refs(self, day: str) -> Callable[[Finding], int]:
        """The index in ``items`` of each finding of the step on ``day`` (stored when
        new). A finding met again on the step (in the list of each network it belongs
        to) is the same object: it is keyed once per step, not once per list."""
        seen: dict[int, tuple[Finding, int]] = {}  # the finding is held: its id stays its own

        def ref(f: Finding) -> int:
            known = seen.get(id(f))
            if known is not None:
                return known[1]
            key = _identity(self.G, f, day, self.said)
            at = self.index.get(key)
            if at is None:
                at = self.index[key] = len(self.items)
                self.items.append(_finding(self.G, f, day, self.said))
            seen[id(f)] = (f, at)
            return at

        return ref


def _positions(G: nx.MultiDiGraph, shown: set[str] | None = None) -> dict[str, list[float]]:
    """Where each place is drawn: every State and area, or only ``shown``."""
    out: dict[str, list[float]] = {}
    for n, kind in G.nodes(data="kind"):
        if kind in (NodeKind.COUNTRY, NodeKind.AREA) and (shown is None or n in shown):
            p = place_point(G, n)
            if p is not None:
                out[n] = [_r(p[0]), _r(p[1])]
    return out


def _shown(G: nx.MultiDiGraph, table: list[dict[str, Any]]) -> set[str] | None:
    """The places the map is about: those on a route and the States a finding names. A
    State only an included reference layer names (a party to the Palermo protocol) is
    context, not one of the dataset's: ``None`` (every place) when there is no route."""
    stops = {n for s in route_stop_nodes(G).values() for n in s}
    if not stops:
        return None
    named = {f"{NodeKind.COUNTRY}:{c}" for item in table for c in item.get("countries", ())}
    return stops | {f"{NodeKind.COUNTRY}:{s}" for n in stops if (s := state_of(G, n))} | named


def _countries(
    G: nx.MultiDiGraph, shown: set[str] | None = None, lang: str = "en"
) -> list[dict[str, Any]]:
    from coordgraph.routes.places import centroid, outline

    out = []
    for n, attrs in sorted(G.nodes(data=True)):
        if attrs.get("kind") != NodeKind.COUNTRY or (shown is not None and n not in shown):
            continue
        code = str(attrs.get("iso3", n.partition(":")[2]))
        point = centroid(code)
        out.append(
            {
                "id": n,
                "iso3": code,
                "label": state_name(code, lang) if lang != "en" else str(attrs.get("label", code)),
                "point": [_r(point[0]), _r(point[1])] if point else None,
                "outline": [[[_r(x), _r(y)] for x, y in ring] for ring in outline(code)],
            }
        )
    return out


def _routes(G: nx.MultiDiGraph, positions: dict[str, list[float]]) -> dict[str, Any]:
    """Every route of the graph's table (id order): label, stop nodes, known positions."""
    labels = route_labels(G)
    out: dict[str, Any] = {}
    for n, places in sorted(route_stop_nodes(G).items()):
        out[n] = {
            "label": labels[n],
            "stops": places,
            "coords": [positions[s] for s in places if s in positions],
        }
    return out


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _network(G: nx.MultiDiGraph, lang: str = "en", shown: set[str] | None = None) -> dict[str, Any]:
    """Networks and agreements, their member States and parties and focal points, with
    the days each holds (:meth:`~coordgraph.time_rules.TimeRules.link_spell`), laid out once.

    With ``shown`` (the places the data is about: :func:`_shown`), a State outside it (a
    party to the Palermo protocol the dataset names nowhere else) and its focal points
    are not drawn: each body keeps only the spells of those memberships (``more``), so
    the page can say how many other members or parties it has on the day."""
    hidden = _hidden(G, shown)
    H = nx.Graph()
    edges = []
    more: dict[str, list[list[str | None]]] = defaultdict(list)
    for u, v, attrs in G.edges(data=True):
        if attrs.get("relation") not in _NETWORK_RELATIONS:
            continue
        if not {G.nodes[u].get("kind"), G.nodes[v].get("kind")} <= _NETWORK_KINDS:
            continue
        start, end = TimeRules.link_spell(G, u, v, attrs)
        if u in hidden or v in hidden:
            if attrs["relation"] in (Relation.MEMBER_OF, Relation.PARTY_TO) and v not in hidden:
                more[v].append([_iso(start), _iso(end)])
            continue
        H.add_edge(u, v)
        edges.append(
            {"u": u, "v": v, "relation": attrs["relation"], "start": _iso(start), "end": _iso(end)}
        )
    pos = membership_layout(G, H)
    nodes = []
    for n in sorted(H.nodes):
        attrs = G.nodes[n]
        began, ends = TimeRules.record_spell(attrs)
        x, y = pos[n]
        name = str(attrs.get("label", n))
        if attrs.get("kind") == NodeKind.COUNTRY and lang != "en":
            name = state_name(n.partition(":")[2], lang)
        nodes.append(
            {
                "id": n,
                "kind": attrs.get("kind"),
                # names, never ids: a body by its acronym, else its name shortened
                "label": str(attrs.get("acronym") or _shorten(name, 32)),
                "name": name,
                "x": _r(float(x)),
                "y": _r(float(y)),
                "start": _iso(began.start) if began else None,
                "end": _iso(ends.end) if ends else None,
                **({"more": sorted(more[n], key=str)} if more.get(n) else {}),
            }
        )
    return {"nodes": nodes, "edges": edges}


def _hidden(G: nx.MultiDiGraph, shown: set[str] | None) -> set[str]:
    """The States the network panel leaves out (not among ``shown``) and the focal points
    they designate; nothing without ``shown``."""
    if shown is None:
        return set()
    states = {n for n, k in G.nodes(data="kind") if k == NodeKind.COUNTRY and n not in shown}
    points = {v for u, v, r in G.edges(data="relation") if r == Relation.DESIGNATES and u in states}
    return states | points


def _network_findings(
    G: nx.MultiDiGraph,
    facts: Facts,
    rules: TimeRules,
    parts: dict[str, list[Finding]],
    network: str,
    context: Context | None = None,
    states: Iterable[str] | None = None,
) -> list[Finding]:
    """What ``find_gaps(G, as_of=rules.as_of, network=network)`` returns, taken from
    each analysis' findings on the day (``parts``, by name in :data:`ANALYSES`).

    ``network=`` keeps route findings whose two States are members of the network on
    the day, leaves duplicates and plans as they are, and for focal points looks at that
    network alone: for a network that expects focal points and exists on the day the
    focal-point analysis is run for it (a route end's finding then names that network
    only); otherwise it gives only the focal points that serve the network.

    ``states`` (the States the route findings name: :func:`_route_states`) saves
    working them out again for each network of a step.
    """
    node = f"{NodeKind.NETWORK}:{network}"
    out: dict[str, list[Finding]] = {}
    for name, found in parts.items():
        if name == "routes":
            named = _route_states(found) if states is None else states
            # one membership question per State on the day, asked of the one rule
            members = {s for s in named if facts.is_member(s, node, rules)}
            out[name] = [f for f in found if _both_members(f, members)]
        elif name == "focal-points":
            if G.nodes[node].get("requires_focal_point") and rules.exists(node):
                out[name] = find_gaps(
                    G,
                    which=[name],
                    as_of=rules.as_of,
                    network=network,
                    undated=rules.undated,
                    context=context,
                )
            else:
                out[name] = [
                    f
                    for f in found
                    if f.kind is FindingKind.ORPHAN_FOCAL_POINT and f.evidence[:1] == (node,)
                ]
        else:
            out[name] = found
    return _merged(out.values())


def _route_states(found: Iterable[Finding]) -> set[str]:
    """The States route findings are about (their ``details["states"]``)."""
    return {s for f in found for s in f.details.get("states") or () if s}


def _both_members(f: Finding, members: set[str]) -> bool:
    """Whether a route finding is about two States, both among ``members`` (the
    network's members on the day)."""
    states = f.details.get("states") or ()
    return len(states) == 2 and all(s and s in members for s in states)


def _merged(parts: Iterable[list[Finding]]) -> list[Finding]:
    """The findings of several analyses in the order :func:`find_gaps` gives them."""
    return sorted(chain.from_iterable(parts), key=Finding.sort_key)


def finding_text(item: dict[str, Any], as_of: str) -> list[str]:
    """The message and near misses of a stored finding as shown at the step ``as_of``."""
    texts = [item["message"], *item["near_misses"]]
    return [t.replace(DATE_MARK, as_of) for t in texts] if item["dated"] else texts


def _shorten(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def membership_layout(G: nx.MultiDiGraph, H: nx.Graph) -> dict[str, tuple[float, float]]:
    """Where the network panel draws each node: the States on a circle in the order of
    their names, each network or agreement inside it toward its members (the mean of
    their places, pulled in), each focal point just outside its State. Deterministic,
    and the same at every step."""
    kind = {n: G.nodes[n].get("kind") for n in H}
    states = sorted(
        (n for n in H if kind[n] == NodeKind.COUNTRY), key=lambda n: str(G.nodes[n].get("label"))
    )
    pos: dict[str, tuple[float, float]] = {}
    for i, n in enumerate(states):
        angle = math.pi / 2 - 2 * math.pi * i / max(1, len(states))
        pos[n] = (math.cos(angle), math.sin(angle))
    bodies = sorted(n for n in H if kind[n] in (NodeKind.NETWORK, NodeKind.AGREEMENT))
    for i, n in enumerate(bodies):
        members = [pos[m] for m in H.neighbors(n) if m in pos]
        x = sum(p[0] for p in members) / len(members) if members else 0.0
        y = sum(p[1] for p in members) / len(members) if members else 0.0
        if math.hypot(x, y) < 0.05:  # members all round: spread such bodies near the middle
            angle = 2 * math.pi * i / max(1, len(bodies))
            x, y = 0.12 * math.cos(angle), 0.12 * math.sin(angle)
        pos[n] = (0.6 * x, 0.6 * y)
    rest = sorted(n for n in H if n not in pos)
    for n in rest:  # focal points: outside the State that designates them
        owners = [m for m in H.neighbors(n) if kind.get(m) == NodeKind.COUNTRY and m in pos]
        if owners:
            sx, sy = pos[owners[0]]
            k = sum(1 for m in rest if m < n and owners[0] in H.neighbors(m))
            pos[n] = (sx * (1.18 + 0.08 * k), sy * (1.18 + 0.08 * k))
        else:
            pos[n] = (0.0, 0.0)
    return pos


def _basemap(
    positions: dict[str, list[float]], lang: str = "en"
) -> tuple[list[dict[str, Any]], list[float]]:
    """Every country in view (outlines shipped with countryinfo, simplified), with its
    name, and the view: the places with a margin, as ``[west, south, east, north]``."""
    from shapely.geometry import Polygon

    from coordgraph.routes.places import countries_in, outline

    if not positions:
        return [], [-180.0, -60.0, 180.0, 80.0]
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    pad = 0.14 * max(max(xs) - min(xs), max(ys) - min(ys), 12.0) + 2.0
    view = [min(xs) - pad, max(min(ys) - pad, -85.0), max(xs) + pad, min(max(ys) + pad, 85.0)]
    # the shape of the map panel (4:3, less its title line): widen whichever side is short
    want = 1.42
    width, height = view[2] - view[0], view[3] - view[1]
    if width < want * height:
        extra = (want * height - width) / 2
        view[0], view[2] = view[0] - extra, view[2] + extra
    else:
        extra = (width / want - height) / 2
        view[1], view[3] = view[1] - extra, view[3] + extra
    out = []
    for code in countries_in((view[0], view[1], view[2], view[3])):
        rings = []
        for ring in outline(code):
            simple = Polygon(ring).simplify(0.05, preserve_topology=True)
            coords = [] if simple.is_empty else list(simple.exterior.coords)
            if len(coords) >= 4:
                rings.append([[_r(x), _r(y)] for x, y in coords])
        if rings:
            out.append({"iso3": code, "label": state_name(code, lang), "outline": rings})
    return out, [_r(v) for v in view]


def explorer_data(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date | str | None = None,
    title: str | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """Everything the explorer page shows, JSON-ready, its words in ``lang`` (``words``:
    the page's texts by id; findings' messages and countries' names in ``lang``; names
    of records as recorded).

    ``steps`` holds, for each step of the slider, the indices of its findings in
    ``findings`` (all of them, and per network id those
    ``find_gaps(G, as_of=..., network=id)`` returns). A finding whose text names the
    step's date holds :data:`DATE_MARK` in its place (see :func:`finding_text`).
    """
    day = day_asked(G.graph, as_of)
    stored = _Table(G, _translator(G, lang))
    table = stored.items
    networks = sorted(
        (n.partition(":")[2], str(a.get("label", n)))
        for n, a in G.nodes(data=True)
        if a.get("kind") == NodeKind.NETWORK
    )
    steps = []
    expected: dict[tuple[str, str, str, bool], int] = {}  # each row of a State's table, once
    # the graph's indexes built once; each step's date rules shared by its analyses
    base = Context.of(G, as_of=day)
    facts = base.facts
    for label, when in steps_for(G, day):
        iso = when.isoformat()
        ctx = base.on(when)
        parts = {name: find_gaps(G, which=[name], as_of=when, context=ctx) for name in ANALYSES}
        rules = ctx.rules
        ref = stored.refs(iso)
        states = _route_states(parts["routes"])
        steps.append(
            {
                "label": label,
                "as_of": iso,
                "expected": _expected_view(G, parts["structures"], lang, expected),
                "findings": [ref(f) for f in _merged(parts.values())],
                "networks": {
                    net: [
                        ref(f) for f in _network_findings(G, facts, rules, parts, net, ctx, states)
                    ]
                    for net, _ in networks
                },
            }
        )
    shown = _shown(G, table)
    positions = _positions(G, shown)
    basemap, view = _basemap(positions, lang)
    route_names = route_labels(G)
    labels = {
        n: route_names[n] if n in route_names else str(G.nodes[n].get("label", n))
        for n in detail_node_ids(G)
        if n in route_names or n in G
    }
    return {
        "title": title or str(G.graph.get("title") or G.graph.get("name") or "coordgraph"),
        "dataset": str(G.graph.get("name", "")),
        "as_of": day.isoformat(),
        "steps": steps,
        "findings": table,
        "networks": [{"id": n, "label": label} for n, label in networks],
        "kinds": sorted({f["kind"] for f in table}),
        "countries": _countries(G, shown, lang),
        "basemap": basemap,
        "view": view,
        "places": positions,
        "routes": _routes(G, positions),
        "network": _network(G, lang, shown),
        "expected_rows": [list(row) for row in expected],
        "labels": {
            n: state_name(n.partition(":")[2], lang)
            if n.startswith("Country:") and lang != "en"
            else text
            for n, text in labels.items()
        },
        "words": page_words(lang),
    }


def _expected_view(
    G: nx.MultiDiGraph,
    findings: list[Finding],
    lang: str,
    rows: dict[tuple[str, str, str, bool], int],
) -> dict[str, list[int]]:
    """Per State, its table of expected structures on one step (expected, status,
    record: :func:`coordgraph.text.tables.expected_rows`, the report's rows, and whether
    it is missing), each row an index into ``rows`` (filled here; the page holds each
    row once)."""
    present = say(lang, "expected.present")
    out: dict[str, list[int]] = {}
    for state, table in expected_rows(G, findings, lang).items():
        out[state] = [
            rows.setdefault((*row, not row[1].startswith(present)), len(rows)) for row in table
        ]
    return out


def _translator(G: nx.MultiDiGraph, lang: str) -> Callable[[str], str]:
    """A finding's text in ``lang`` (:func:`coordgraph.text.i18n.translate_message`),
    the names of the graph's records and routes kept as recorded."""
    if lang == "en":
        return str
    names = route_labels(G)
    data = [
        str(a.get("label", "")) for n, a in G.nodes(data=True) if a.get("kind") != NodeKind.COUNTRY
    ]
    data += [*names.values(), *(r.partition(":")[2] for r in names)]
    data += [n.partition(":")[2] for n, kind in G.nodes(data="kind") if kind != NodeKind.COUNTRY]
    data += instrument_texts()
    countries = {
        country_name(n.partition(":")[2]): n.partition(":")[2]
        for n, kind in G.nodes(data="kind")
        if kind == NodeKind.COUNTRY
    }

    def said(text: str) -> str:
        return translate_message(text, lang, data=data, countries=countries)

    return said
