"""The outputs of ``coverage``, ``timeline``, ``plan``, ``datasets`` and ``networks``
as text: a table for people, JSON (and CSV for the timeline) for scripts, Markdown for
reports. Each function takes what the library computed and returns the whole text."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from coordgraph.findings import Finding, LinkKind
from coordgraph.io.safe import markdown_text
from coordgraph.text.i18n import (
    action_words,
    say,
    state_name,
    states_list,
    value_word,
    words_of,
)

if TYPE_CHECKING:
    from coordgraph.analyses.coverage import Coverage
    from coordgraph.planning import Action

__all__ = [
    "TIMELINE_COLUMNS",
    "action_changes",
    "action_pairs",
    "action_title",
    "actions_text",
    "coverage_text",
    "datasets_text",
    "designation_changes",
    "designation_lines",
    "expected_rows",
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


def action_changes(action: Action, lang: str = "en") -> str:
    """What an action changes, with its units: criteria filled on how many route pairs,
    routes and recorded cases, and the pairs it newly links."""
    fills = action.fills
    if action.kind == "designate":
        return designation_changes(action, lang)
    criteria = sum(len(f["criteria"]) for f in fills)
    routes = len({r for f in fills for r in f["routes"]})
    cases = sum(f["cases"] or 0 for f in fills)
    units = [_count(lang, "plan.routes", routes)]
    if cases:
        units.append(_count(lang, "plan.cases", cases))
    said = say(
        lang,
        "plan.changes",
        criteria=_count(lang, "plan.criteria", criteria),
        pairs=_count(lang, "plan.pairs", len(fills)),
        units=", ".join(units),
    )
    if action.closes:
        said += say(lang, "plan.newly_links", pairs=_count(lang, "plan.pairs", len(action.closes)))
    return said


def designation_changes(action: Action, lang: str = "en") -> str:
    """What setting up an expected structure changes: the expectations it fills (a
    structure and a profile that expects it), and the routes of its State."""
    n = action.weight
    units = _count(lang, "plan.routes", len(action.routes)) if action.routes else None
    return say(
        lang,
        "plan.expectations.one" if n == 1 else "plan.expectations",
        n=n,
        units=units or say(lang, "plan.no_routes"),
    )


def designation_lines(action: Action, lang: str = "en") -> list[str]:
    """Per structure it sets up: the profiles that expect it and what the records say
    today (recorded absent, not working, not recorded)."""
    from coordgraph.expectations import default_profiles

    titles = {name: p.title for name, p in default_profiles().items()}
    lines = []
    for f in action.fills:
        profiles = "; ".join(titles.get(p, p) for p in f["profiles"])
        status = say(lang, f"expected.{f['status']}")
        if f.get("lacks"):
            status += " " + words_of(lang, "criterion", list(f["lacks"]))
        expected = str(f["expected"])
        if lang != "en":
            bare = expected.removeprefix("a ").removeprefix("an ")
            expected = value_word(lang, "structure", bare)
        lines.append(
            say(lang, "plan.expected_by", expected=expected, profiles=profiles, status=status)
        )
    return lines


def expected_rows(
    G: Any, findings: Iterable[Finding], lang: str = "en"
) -> dict[str, list[tuple[str, str, str]]]:
    """Per State, a row per structure its expectation profiles ask for (the findings of
    :func:`coordgraph.analyses.structure_gaps`): the structure, its status (present,
    lacking what, not working, recorded absent, not recorded) and the record that shows
    it or the absence, in ``lang``. A record not working names several structures: a row
    each. The report's tables and the explorer's view read the same rows."""
    from coordgraph.text.locale_en import WORDS

    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for f in sorted(findings, key=lambda f: f.subjects):
        if "structure" not in f.details:
            continue
        status = str(f.details.get("status"))
        words = say(lang, f"expected.{status}") if f"expected.{status}" in WORDS else status
        lacking = f.criteria_missing if status == "incomplete" else f.criteria_unknown
        if lacking and status in ("incomplete", "requirement_not_recorded"):
            words += " " + words_of(lang, "criterion", list(lacking))
        record = ", ".join(str(G.nodes[e].get("label", e)) for e in f.evidence if e in G)
        for label in f.details.get("expected_each") or [str(f.details["expected"])]:
            if lang != "en":
                bare = label.removeprefix("a ").removeprefix("an ")
                label = value_word(lang, "structure", bare)
            out[str(f.details["states"][0])].append((label, words, record))
    return dict(out)


def _count(lang: str, key: str, n: int) -> str:
    """``n`` and its noun, one or many (``1 route``, ``2 routes``)."""
    return say(lang, f"{key}.one" if n == 1 else key, n=n)


def action_pairs(action: Action, lang: str = "en", *, most: int | None = None) -> list[str]:
    """Per route pair the action changes (the first ``most``, then how many more): its
    States by name, the criteria it fills in words, and what links the pair today (two
    agreements by name, then how many more), or that nothing does."""
    if action.kind == "designate":
        return designation_lines(action, lang)
    lines = []
    for f in action.fills[:most]:
        where = " → ".join(state_name(c, lang) for c in f["states"])
        names = f["linked_by"][:2]
        if len(f["linked_by"]) > 2:
            names.append(say(lang, "plan.more_agreements", n=len(f["linked_by"]) - 2))
        today = _today(lang, f["linked_before"], "; ".join(names))
        filled = words_of(lang, "criterion", f["criteria"])
        lines.append(say(lang, "plan.pair", where=where, criteria=filled, today=today))
    if most is not None and len(action.fills) > most:
        lines.append(say(lang, "plan.more_pairs", n=len(action.fills) - most))
    return lines


def _today(lang: str, linked: bool, names: str) -> str:
    """What is between a pair's States today. ``names`` are the agreements its link
    evidence names: for a pair not linked, near misses (not in force on the day, not
    covering its victims...), named without calling them a link."""
    if linked:
        return say(lang, "plan.today.by", names=names) if names else say(lang, "plan.today.linked")
    return say(lang, "plan.today.near", names=names) if names else say(lang, "plan.today.none")


def action_title(action: Action, lang: str = "en") -> str:
    """``Designate a focal point: Benin, Nigeria, in <agreement>`` (names, not ids)."""
    what = action_words(action.kind, action.says, lang)[0] if action.says else action.kind
    states = (
        states_list(action.states, lang)
        if len(action.states) <= 5
        else say(lang, "plan.parties_n", n=len(action.states))
    )
    title = f"{what}: {states}"
    if action.target_name:
        title += say(lang, "plan.in", name=action.target_name)
    if action.after:
        title += say(lang, "plan.after", n=action.after)
    return title


def actions_text(chosen: Sequence[Action], fmt: str) -> str:
    """The actions ``plan`` chose (``json``, ``markdown`` or ``table``), best first: each
    with what it changes (criteria, route pairs, routes, recorded cases), why, and per
    route pair what links it today."""
    if fmt == "json":
        return _json([a.to_dict() for a in chosen])
    lines = (
        ["| # | action | cost | changes | why | today |", "|---|---|---|---|---|---|"]
        if fmt == "markdown"
        else []
    )
    for i, a in enumerate(chosen, 1):
        why = action_words(a.kind, a.says, "en")[1] if a.says else a.why
        if fmt == "markdown":
            md = markdown_text
            pairs = "; ".join(md(x) for x in action_pairs(a))
            lines.append(
                f"| {i} | {md(action_title(a))} | {a.cost} | {md(action_changes(a))} | {md(why)} | "
                f"{pairs} |"
            )
        else:
            lines.append(f"{i}. {action_title(a)} (cost {a.cost})")
            lines.append(f"   {action_changes(a)}")
            lines.append(f"   {why}")
            lines += [f"   - {x}" for x in action_pairs(a)]
    if not chosen:
        lines.append(
            "No action found: every link criterion of the cross-border route pairs is met, "
            "or none of these actions fills one."
        )
    else:
        lines.append(say("en", "plan.region_note"))
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
