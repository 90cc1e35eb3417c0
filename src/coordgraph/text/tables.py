"""The outputs of ``coverage``, ``timeline``, ``plan``, ``datasets`` and ``networks``
as text: a table for people, JSON (and CSV for the timeline) for scripts, Markdown for
reports. Each function takes what the library computed and returns the whole text."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from coordgraph.findings import Finding, LinkKind
from coordgraph.io.safe import markdown_text

if TYPE_CHECKING:
    from coordgraph.analyses.coverage import Coverage
    from coordgraph.planning import Action

__all__ = [
    "TIMELINE_COLUMNS",
    "actions_text",
    "coverage_text",
    "datasets_text",
    "ids_text",
    "timeline_text",
    "whatif_text",
]

#: the one-letter name of each link kind in the coverage matrix
LINK_LETTERS = {
    str(LinkKind.BILATERAL_AGREEMENT): "B",
    str(LinkKind.MULTILATERAL_AGREEMENT): "M",
    str(LinkKind.FOCAL_POINT_CHANNEL): "F",
    str(LinkKind.LEGAL_BASIS): "LB",
    str(LinkKind.LOCAL_LINK): "L",
    str(LinkKind.NONE): ".",
}


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _markdown(fmt: str) -> Any:
    """How text from data is written in ``fmt``: never markup in Markdown
    (:func:`coordgraph.io.safe.markdown_text`); the table and text forms print it as is."""
    return markdown_text if fmt == "markdown" else str


def coverage_text(cov: Coverage, fmt: str) -> str:
    """A network's coverage (``json``, ``markdown`` or ``table``): the member x member
    table of link kinds, a key, then each member's focal point, body and plan."""
    if fmt == "json":
        return _json(cov.to_dict())
    md = _markdown(fmt)
    rows = cov.matrix()
    lines = [
        f"{md(cov.label)} ({md(cov.network)}), as of {cov.as_of.isoformat()}: "
        f"{len(cov.member_codes)} members"
    ]
    if fmt == "markdown":
        lines += ["", "| " + " | ".join(map(md, rows[0])) + " |", "|" + "---|" * len(rows[0])]
        lines += ["| " + " | ".join(md(LINK_LETTERS.get(c, c)) for c in r) + " |" for r in rows[1:]]
    else:
        lines += ["  ".join(f"{c:>4}" for c in rows[0])]
        lines += ["  ".join(f"{LINK_LETTERS.get(c, c):>4}" for c in r) for r in rows[1:]]
    lines += [
        "",
        "B bilateral agreement, M multilateral agreement, F focal-point channel, "
        "L local link, LB legal basis only (no operational channel), . none (child victims)",
        "",
    ]
    for code in cov.member_codes:
        m = cov.members[code]
        lines.append(
            md(
                f"{code} {m['name']}: focal point {m['focal_point']}; coordinating body: "
                f"{', '.join(m['national_coordinating_body']) or 'none recorded'}; plan: "
                f"{', '.join(m['action_plan_in_effect']) or 'none recorded'}"
            )
        )
    return "\n".join(lines) + "\n"


def _fills(action: Action) -> str:
    """What an action fills: criteria, each with the routes it fills them for."""
    grouped: dict[str, list[str]] = {}
    for f in action.to_dict()["fills"]:
        routes = grouped.setdefault(", ".join(f["criteria"]) or "criteria", [])
        routes.extend(r.partition(":")[2] for r in f["routes"] if r.partition(":")[2] not in routes)
    return "; ".join(f"{c} for {', '.join(r)}" for c, r in grouped.items())


def actions_text(chosen: Sequence[Action], fmt: str) -> str:
    """The actions ``plan`` chose (``json``, ``markdown`` or ``table``), best first."""
    if fmt == "json":
        return _json([a.to_dict() for a in chosen])
    lines = (
        ["| # | action | cost | fills | why |", "|---|---|---|---|---|"]
        if fmt == "markdown"
        else []
    )
    for i, a in enumerate(chosen, 1):
        what = f"{a.kind} {'/'.join(a.states)}" + (
            f" in {a.network.partition(':')[2]}" if a.network else ""
        )
        fills = _fills(a)
        if fmt == "markdown":
            md = markdown_text
            lines.append(f"| {i} | {md(what)} | {a.cost} | {a.weight}: {md(fills)} | {md(a.why)} |")
        else:
            n = len(a.closes)
            linked = f", newly links {n} route pair{'s' if n > 1 else ''}" if n else ""
            lines.append(f"{i}. {what} (cost {a.cost}): fills {a.weight}{linked}")
            lines.append(f"   {a.why}")
            lines.append(f"   fills: {fills}")
    if not chosen:
        lines.append(
            "No action found: every link criterion of the cross-border route pairs is met, "
            "or none of these actions fills one."
        )
    return "\n".join(lines) + "\n"


def whatif_text(before: Sequence[Finding], after: Sequence[Finding], fmt: str) -> str:
    """The findings before and after adding hypothetical records (``json``, ``markdown``
    or ``table``): how many gaps, and which findings went and came."""
    old = {f.key: f for f in before}
    new = {f.key: f for f in after}
    gone = [old[k] for k in old if k not in new]
    added = [new[k] for k in new if k not in old]
    before_gaps = sum(f.is_gap for f in old.values())
    after_gaps = sum(f.is_gap for f in new.values())
    if fmt == "json":
        return _json(
            {
                "before_gaps": before_gaps,
                "after_gaps": after_gaps,
                "removed": [f.to_dict() for f in gone],
                "added": [f.to_dict() for f in added],
            }
        )
    md = _markdown(fmt)
    lines = [f"gaps before: {before_gaps}, after: {after_gaps}"]
    lines += [f"- no longer: {md(f.message)}" for f in gone]
    lines += [f"+ now:       {md(f.message)}" for f in added]
    return "\n".join(lines) + "\n"


#: the columns of ``timeline --format csv``
TIMELINE_COLUMNS = (
    "year",
    "route_pairs",
    "linked_share",
    "duplicate_pairs",
    "missing_focal_points",
    "agreements_taking_effect",
)


def timeline_text(rows: Sequence[Mapping[str, Any]], fmt: str) -> str:
    """:func:`coordgraph.planning.timeline` rows as ``json``, ``csv`` (agreements taking
    effect counted) or ``table`` (shares in per cent, agreements named)."""
    if fmt == "json":
        return _json(list(rows))
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(TIMELINE_COLUMNS)
        for r in rows:
            w.writerow([*(r[c] for c in TIMELINE_COLUMNS[:-1]), len(r["agreements_taking_effect"])])
        return buf.getvalue()
    lines = [
        f"{'year':>5} {'pairs':>6} {'linked':>7} {'dupes':>6} {'no FP':>6}  "
        "agreements taking effect"
    ]
    lines += [
        f"{r['year']:>5} {r['route_pairs']:>6} {_percent(r['linked_share']):>7} "
        f"{r['duplicate_pairs']:>6} {r['missing_focal_points']:>6}  "
        f"{'; '.join(r['agreements_taking_effect'])[:70]}"
        for r in rows
    ]
    return "\n".join(lines) + "\n"


def _percent(share: float | None) -> str:
    """A share in per cent; a dash for a year with no route pair (no share: a CSV cell
    is left empty, JSON says null)."""
    return "-" if share is None else f"{100 * share:.0f}%"


def datasets_text(rows: Sequence[Mapping[str, Any]], fmt: str) -> str:
    """The bundled datasets (rows of :func:`coordgraph.summary.bundled_summaries`) as
    ``json`` or ``text``."""
    if fmt == "json":
        return _json(list(rows))
    lines = []
    for r in rows:
        mark = " (default)" if r["default"] else ""
        lines.append(f"{r['name']}{mark}: {r['title']}")
        lines.append(
            f"    {r['records']} records, {r['countries']} countries, {r['sources']} sources; "
            + ", ".join(f"{k} {v}" for k, v in r["verification"].items())
        )
    return "".join(line + "\n" for line in lines)


def ids_text(ids: Mapping[str, Sequence[Mapping[str, Any]]], fmt: str) -> str:
    """The ids of :func:`coordgraph.ids.list_ids` as ``json`` or ``text``."""
    if fmt == "json":
        return _json(dict(ids))
    lines = []
    for key, title in (("networks", "Networks"), ("agreements", "Agreements")):
        lines.append(f"{title} ({len(ids[key])}):")
        lines += [
            f"  {row['id']:<28} {row['name']} ({row['states']} States recorded)" for row in ids[key]
        ]
    codes = ", ".join(str(row["id"]) for row in ids["countries"])
    lines.append(f"Countries ({len(ids['countries'])}): {codes}")
    return "\n".join(lines) + "\n"
