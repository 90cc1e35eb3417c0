"""Build the meeting report: a one-screen summary, then one section per State, then one per
network, the pictures, the sources with publisher, date and address, and the rules used.

:func:`report_content` works out what the report says (:class:`ReportContent`);
:mod:`coordgraph.report.html` and :mod:`coordgraph.report.markdown` write it out, each in
its own form, and :func:`write_report` puts the files in their folder.

Counts come from the same functions as the commands: record counts from
:func:`coordgraph.summary.summarise` on the whole dataset (as ``coordgraph summary``
prints them), gaps from :func:`coordgraph.analyses.find_gaps` (as ``coordgraph gaps all``
with the same options). Every text taken from a dataset is escaped, in the HTML and in
the Markdown alike, so a name holding ``<script>`` is shown, never run.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from coordgraph.analyses import coverage, find_gaps, structure_gaps
from coordgraph.analyses.context import Context
from coordgraph.countries import country_name
from coordgraph.dataset import Dataset
from coordgraph.dates import parse_as_of
from coordgraph.explorer import explorer_html
from coordgraph.findings import Finding, FindingKind
from coordgraph.io.atomic import OutputFolder
from coordgraph.lookup import states_of_finding
from coordgraph.model import RECORD_TYPES, Route
from coordgraph.report.content import Change, ReportContent, StateGaps
from coordgraph.routes.detail import route_labels
from coordgraph.summary import summarise
from coordgraph.taxonomy import default_rules
from coordgraph.text.findings import counts_line, heading
from coordgraph.text.i18n import say, state_name, words_of
from coordgraph.text.tables import expected_rows
from coordgraph.vocab import NodeKind

if TYPE_CHECKING:
    from coordgraph.analyses.coverage import Coverage

__all__ = ["ReportContent", "report_content", "write_report"]


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    return buf.getvalue()


def _pictures(
    G: nx.MultiDiGraph,
    used: Dataset,
    ctx: Context,
    lang: str = "en",
    found: list[Finding] | None = None,
) -> tuple[dict[str, bytes], list[str], list[Coverage]]:
    """The route map, the route rows and a network picture per network with members
    (with the reason for each that has nothing to draw), and those networks' coverage,
    read from ``ctx`` (the report's Context of ``G`` on its day). ``found``: the day's
    findings, when the caller has them (the route analysis is not run again)."""
    from coordgraph.render import NothingToDraw, plot_map, plot_network, plot_routes

    day = ctx.day
    pictures: dict[str, bytes] = {}
    notes: list[str] = []
    for name, draw in (("map.png", plot_map), ("routes.png", plot_routes)):
        try:
            pictures[name] = _png(draw(G, as_of=day, lang=lang, found=found)[0])
        except NothingToDraw as exc:
            notes.append(str(exc))
    covers = []
    # a network only an included reference layer holds (the EU, the OSCE) is context: its
    # members are not the dataset's subject, so it gets no picture or coverage table
    own = (
        None
        if used.inclusion is None
        else {r.id for r in used.inclusion.own if r.KIND is NodeKind.NETWORK}
    )
    for net in sorted(used.networks, key=lambda n: _network_order(G, n.node_id)):
        if own is not None and net.id not in own:
            continue
        cov = coverage(G, network=net.id, context=ctx)
        if cov.member_codes:
            covers.append(cov)
            try:
                pictures[f"network-{net.id}.png"] = _png(
                    plot_network(G, network=net.id, as_of=day, lang=lang, covered=cov)[0]
                )
            except NothingToDraw as exc:
                notes.append(str(exc))
    return pictures, notes, covers


def _network_order(G: nx.MultiDiGraph, node: str) -> tuple[int, str]:
    """Coordinating networks first, then forums and monitoring networks, projects last."""
    rules = default_rules()
    attrs = G.nodes[node] if node in G else {}
    function = rules.function_of(attrs)
    rank = 0 if rules.is_operational(function) else 2 if function == "project" else 1
    return rank, str(attrs.get("label", node))


def _left_out(
    dataset: Dataset, used: Dataset, shown: list[Coverage], day: dt.date
) -> list[tuple[str, str, dict[str, object]]]:
    """The networks the report shows no members of, each with why: (name, word id, its
    params)."""
    out: list[tuple[str, str, dict[str, object]]] = []
    seen = {cov.network for cov in shown}
    in_use = {n.id: n for n in used.networks}
    for net in dataset.networks:
        if net.id in seen:
            continue
        recorded = len(net.members)
        kept = len(in_use[net.id].members) if net.id in in_use else 0
        if recorded and kept < recorded and not kept:
            out.append((net.label, "report.left.unverified", {"n": recorded}))
        elif recorded:
            out.append((net.label, "report.left.not_on_day", {"day": day.isoformat()}))
        elif net.member_count:
            out.append((net.label, "report.left.none_of", {"n": net.member_count}))
        else:
            out.append((net.label, "report.left.none", {}))
    return out


def _by_state(G: nx.MultiDiGraph, findings: list[Finding], lang: str = "en") -> list[StateGaps]:
    """Gaps per State they concern, worst State first; gaps tied to none last."""
    by_state: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        for code in states_of_finding(G, f) or ["-"]:
            by_state[code].append(f)
    order = sorted(
        by_state,
        key=lambda c: (
            c == "-",
            -max(f.severity.rank for f in by_state[c]),
            -len(by_state[c]),
            country_name(c),
        ),
    )
    return [
        StateGaps(
            code,
            say(lang, "report.no_state") if code == "-" else f"{state_name(code, lang)} ({code})",
            sorted(by_state[code], key=Finding.sort_key),
        )
        for code in order
    ]


def is_reported_gap(f: Finding) -> bool:
    """A gap as the report counts it: a pair that is linked but lacks a criterion is
    listed under its States, never counted among the gaps."""
    return f.is_gap and f.kind is not FindingKind.ROUTE_LINKED


def _expected(
    G: nx.MultiDiGraph, ctx: Context, lang: str = "en"
) -> dict[str, list[tuple[str, str, str]]]:
    """Per State, each structure its expectation profiles ask for: expected vs present,
    from :func:`coordgraph.analyses.structure_gaps` (as ``gaps structures`` gives it), in
    ``lang`` (:func:`coordgraph.text.tables.expected_rows`, as the explorer shows it)."""
    return expected_rows(G, structure_gaps(ctx.G, context=ctx), lang)


def _change(ctx: Context, findings: list[Finding], before: dt.date | None) -> Change | None:
    """What changed between ``before`` and the day of ``ctx``: the analyses of the
    earlier day read the same graph's indexes (:meth:`Context.on`)."""
    if before is None:
        return None
    then = {f.key: f for f in find_gaps(ctx.G, context=ctx.on(before)) if is_reported_gap(f)}
    now = {f.key: f for f in findings}
    opened = [now[k] for k in now if k not in then]
    closed = [then[k] for k in then if k not in now]
    return Change(before, opened, closed, len(then), len(now))


def _headline(
    gaps: list[Finding], linked: list[Finding], lang: str, name: str, day: dt.date
) -> str:
    line = counts_line(gaps, lang, dataset=name, as_of=day.isoformat())
    if linked:
        line += " " + say(lang, "report.linked_apart", n=len(linked))
    return line


def _kinds(gaps: list[Finding], lang: str) -> list[tuple[str, list[int], int]]:
    """Per kind of gap (most first): its heading, its counts of high, medium, low, total."""
    kinds = Counter(str(f.kind) for f in gaps)
    return [
        (
            heading(k, lang),
            [
                sum(1 for f in gaps if str(f.kind) == k and str(f.severity) == s)
                for s in _SEVERITIES
            ],
            n,
        )
        for k, n in kinds.most_common()
    ]


_SEVERITIES = ("high", "medium", "low")


def _dataset_words(summary: dict[str, Any], lang: str, verified_only: bool) -> dict[str, Any]:
    """The closing line of the summary: what the dataset holds, and which records count."""
    verified = summary["verification"].get("verified", 0)
    return {
        "records": ", ".join(
            f"{v} {words_of(lang, 'records.one' if v == 1 else 'records', [k])}"
            for k, v in summary["records"].items()
            if v
        ),
        "total_records": summary["total_records"],
        "verified": verified,
        "countries": len(summary["countries"]),
        "source_count": len(summary["sources"]),
        "scope": (
            say(lang, "report.scope.verified", n=verified)
            if verified_only
            else say(lang, "report.scope.all")
        ),
        "licences": ", ".join(summary["licences"]),
    }


def report_content(
    dataset: Dataset,
    *,
    as_of: dt.date | str | None = None,
    since: dt.date | str | None = None,
    verified_only: bool = False,
    lang: str = "en",
    full: bool = False,
) -> tuple[ReportContent, nx.MultiDiGraph]:
    """What the report on ``dataset`` says (see :func:`write_report` for the options),
    and the graph it was read from."""
    from coordgraph.planning import plan_actions

    day = dataset.day_asked(as_of)
    before = parse_as_of(since) if since is not None else None
    used = dataset.only_verified() if verified_only else dataset
    G = used.to_networkx()
    summary = summarise(dataset)
    # one Context for every analysis of the report: the graph's indexes once, the date
    # rules of the day (and the link rule) shared by the findings and each network
    ctx = Context.of(G, as_of=day)
    everything = find_gaps(G, context=ctx)
    found = [f for f in everything if f.is_gap]
    gaps = [f for f in found if is_reported_gap(f)]
    linked = [f for f in found if not is_reported_gap(f)]
    labels = {r.node_id: r.label for cls in RECORD_TYPES if cls is not Route for r in used.of(cls)}
    labels.update(route_labels(G))
    info = summary["dataset"]
    pictures, notes, covers = _pictures(G, used, ctx, lang, everything)
    states = _by_state(G, found, lang)
    expected = _expected(G, ctx, lang)
    for state in states:
        state.expected = expected.get(state.code, [])
    content = ReportContent(
        day=day,
        dataset_name=info["name"],
        title=say(lang, "report.title", title=info["title"], day=day.isoformat()),
        synthetic=bool(info.get("synthetic")),
        description=info.get("description"),
        headline=_headline(gaps, linked, lang, info["name"], day),
        kinds=_kinds(gaps, lang),
        severities=[sum(1 for f in gaps if str(f.severity) == s) for s in _SEVERITIES],
        gaps=len(gaps),
        top=sorted(gaps, key=Finding.sort_key)[:3],
        change=_change(ctx, gaps, before),
        **_dataset_words(summary, lang, verified_only),
        states=states,
        networks=covers,
        actions=plan_actions(used, as_of=day, top=5, graph=G, found=everything),
        pictures=pictures,
        notes=notes,
        sources=list(dataset.sources),
        rules=list(dict.fromkeys(f.rule for state in states for f in state.findings)),
        labels=labels,
        included=summary.get("included"),
        lang=lang,
        country_codes={
            country_name(n.partition(":")[2]): n.partition(":")[2]
            for n in G
            if str(n).startswith("Country:")
        },
        full=full,
        left_out=_left_out(dataset, used, covers, day),
        names=sorted({str(a["acronym"]) for _, a in G.nodes(data=True) if a.get("acronym")}),
    )
    return content, G


def write_report(
    dataset: Dataset,
    out_dir: Path,
    *,
    as_of: dt.date | str | None = None,
    since: dt.date | str | None = None,
    verified_only: bool = False,
    overwrite: bool = False,
    inputs: tuple[Path, ...] = (),
    lang: str = "en",
    full: bool = False,
) -> dict[str, Path]:
    """Write ``report.html`` (self-contained, prints to A4) and ``report.md`` (pictures
    beside it) into ``out_dir``.

    ``dataset`` is the whole dataset (its record counts are those of ``coordgraph
    summary``); with ``verified_only`` the analyses use its verified records only, as
    ``gaps`` does without ``--include-unverified``. ``since`` adds what changed between
    that date and ``as_of``. ``lang`` (``en``, ``fr``) is the language of the report's
    words and the explorer's; names, titles and notes stay as the data records them.

    The report is written for a meeting: the summary, the gaps of medium or high
    severity State by State (a pair told once, under its first State), the networks
    (coordinating ones first, and those left out with why), the pictures, the actions
    and the sources cited. ``full`` adds the annex: every gap, the member x member
    tables, every source and the rules behind the findings.

    The folder is written as :class:`~coordgraph.io.atomic.OutputFolder` does: a
    non-empty folder coordgraph did not create is refused unless ``overwrite``, and
    files coordgraph did not write are never replaced.
    """
    from coordgraph.report.html import report_html
    from coordgraph.report.markdown import report_markdown

    content, G = report_content(
        dataset, as_of=as_of, since=since, verified_only=verified_only, lang=lang, full=full
    )
    out = Path(out_dir)
    with OutputFolder(out, overwrite=overwrite, command="report", inputs=inputs) as folder:
        folder.write_text("report.html", report_html(content))
        folder.write_text("report.md", report_markdown(content))
        folder.write_text("explorer.html", explorer_html(G, as_of=content.day, lang=lang))
        for name, data in content.pictures.items():
            folder.write_bytes(name, data)
    return {
        "html": out / "report.html",
        "markdown": out / "report.md",
        "explorer": out / "explorer.html",
    }
