"""Build the meeting report: a one-screen summary, then one section per State, then one per
network, the pictures, the sources with publisher, date and address, and the rules used.

Counts come from the same functions as the commands: record counts from
:func:`coordgraph.summary.summarise` on the whole dataset (as ``coordgraph summary``
prints them), gaps from :func:`coordgraph.analyses.find_gaps` (as ``coordgraph gaps all``
with the same options). Every text taken from a dataset is escaped, in the HTML and in
the Markdown alike, so a name holding ``<script>`` is shown, never run.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from coordgraph.analyses import coverage, find_gaps
from coordgraph.countries import country_name
from coordgraph.dataset import Dataset
from coordgraph.dates import parse_as_of
from coordgraph.explorer import explorer_html
from coordgraph.findings import Finding
from coordgraph.io.atomic import OutputFolder
from coordgraph.io.safe import markdown_link, markdown_text, web_url
from coordgraph.lookup import states_of_finding
from coordgraph.model import RECORD_TYPES, Route
from coordgraph.plain import counts_line, extra_fields, heading, rule_words, title
from coordgraph.report.included import included_section
from coordgraph.routes.detail import route_labels
from coordgraph.summary import summarise

__all__ = ["write_report"]

_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,'DejaVu Sans',sans-serif;max-width:1000px;margin:1.5em auto;
 padding:0 1em;color:#222;line-height:1.4;overflow-wrap:anywhere}
h1{font-size:1.6em;margin:.2em 0} h2{border-bottom:2px solid #ddd;padding-bottom:.2em;
 margin-top:1.6em} h3{margin:1.2em 0 .4em}
table{border-collapse:collapse;width:100%;table-layout:fixed;font-size:.88em;margin:.6em 0}
th,td{border:1px solid #ccc;padding:.25em .45em;vertical-align:top;text-align:left;
 overflow-wrap:anywhere;word-break:break-word}
th{background:#f0f0f0;overflow-wrap:normal;word-break:normal}
col.sev{width:6.5em} col.src{width:24%}
.high{color:#b2182b;font-weight:bold} .medium{color:#c2571a} .low{color:#666}
.summary{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;background:#fafafa}
.summary ol{margin:.3em 0 .3em 1.2em;padding:0} .kpi{font-size:1.1em}
img{max-width:100%;height:auto;border:1px solid #eee;display:block;margin:.6em 0}
.small{font-size:.85em;color:#555} .fields{font-size:.85em;color:#444;margin:.2em 0 0}
sup a{text-decoration:none} .matrix td,.matrix th{text-align:center;padding:.15em}
.matrix{font-size:.75em} a{color:#1f5fa8}
@page{size:A4;margin:14mm 12mm}
@media print{
 body{max-width:none;margin:0;padding:0;font-size:9.5pt}
 h2{break-after:avoid} table,img,.summary,section.state{break-inside:avoid-page}
 img{max-height:240mm;width:auto;max-width:100%}
 a{color:inherit;text-decoration:none}
}
"""


_EXPLORER_LINK = (
    "<p>Interactive version, year by year (map, focal-point network and findings; opens "
    "offline): <a href='explorer.html'>explorer.html</a>, beside this file.</p>"
)


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    return buf.getvalue()


def _md(text: object) -> str:
    """Dataset text for Markdown: never markup (:func:`coordgraph.io.safe.markdown_text`)."""
    return markdown_text(text)


class _Rules:
    """Footnote numbers for rule ids, in order of first use."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    def number(self, rule: str) -> int:
        if rule not in self.ids:
            self.ids.append(rule)
        return self.ids.index(rule) + 1


def _finding_rows(
    findings: Iterable[Finding], labels: dict[str, str], rules: _Rules
) -> tuple[str, list[str]]:
    """An HTML table and Markdown rows for findings, rule names as footnotes."""
    rows = [
        "<table class='findings'><colgroup><col class='sev'><col><col class='src'></colgroup>"
        "<tr><th>severity</th><th>finding</th><th>sources</th></tr>"
    ]
    md = ["| severity | finding | sources |", "|---|---|---|"]
    for f in findings:
        n = rules.number(f.rule)
        extra = "".join(
            f"<div class='fields'>{html.escape(k)}: {html.escape(str(v))}</div>"
            for k, v in extra_fields(f)
        )
        near = "".join(
            f"<div class='fields'>nearly: {html.escape(x)}</div>"
            for x in f.near_misses
            if x not in f.message
        )
        rows.append(
            f"<tr><td class='sev {f.severity}'>{f.severity}</td><td><b>"
            f"{html.escape(title(f, labels))}</b><sup><a href='#rule-{n}' "
            f"title='rule: {html.escape(f.rule)} ({html.escape(rule_words(f.rule))})'>{n}</a>"
            f"</sup><br>{html.escape(f.message)}{near}{extra}</td>"
            f"<td>{html.escape(', '.join(f.sources) or '-')}</td></tr>"
        )
        extra_md = "".join(f"<br>{_md(k)}: {_md(v)}" for k, v in extra_fields(f))
        md.append(
            f"| {f.severity} | **{_md(title(f, labels))}**[^r{n}]<br>{_md(f.message)}"
            f"{extra_md} | {_md(', '.join(f.sources) or '-')} |"
        )
    rows.append("</table>")
    return "\n".join(rows), md


def write_report(
    dataset: Dataset,
    out_dir: Path,
    *,
    as_of: dt.date | str | None = None,
    since: dt.date | str | None = None,
    verified_only: bool = False,
    overwrite: bool = False,
    inputs: tuple[Path, ...] = (),
) -> dict[str, Path]:
    """Write ``report.html`` (self-contained, prints to A4) and ``report.md`` (pictures
    beside it) into ``out_dir``.

    ``dataset`` is the whole dataset (its record counts are those of ``coordgraph
    summary``); with ``verified_only`` the analyses use its verified records only, as
    ``gaps`` does without ``--include-unverified``. ``since`` adds what changed between
    that date and ``as_of``.

    The folder is written as :class:`~coordgraph.io.atomic.OutputFolder` does: a
    non-empty folder coordgraph did not create is refused unless ``overwrite``, and
    files coordgraph did not write are never replaced.
    """
    from coordgraph.render import NothingToDraw, plot_map, plot_network, plot_routes

    day = dataset.day_asked(as_of)
    before = parse_as_of(since) if since is not None else None
    used = dataset.only_verified() if verified_only else dataset
    G = used.to_networkx()
    summary = summarise(dataset)
    everything = find_gaps(G, as_of=day)
    findings = [f for f in everything if f.is_gap]
    labels = {r.node_id: r.label for cls in RECORD_TYPES if cls is not Route for r in used.of(cls)}
    labels.update(route_labels(G))
    rules = _Rules()
    info = summary["dataset"]

    pictures: dict[str, bytes] = {}
    notes: list[str] = []
    for name, draw in (("map.png", plot_map), ("routes.png", plot_routes)):
        try:
            pictures[name] = _png(draw(G, as_of=day)[0])
        except NothingToDraw as exc:
            notes.append(str(exc))
    covers = []
    for net in used.networks:
        cov = coverage(G, network=net.id, as_of=day)
        if cov.member_codes:
            covers.append(cov)
            try:
                pictures[f"network-{net.id}.png"] = _png(
                    plot_network(G, network=net.id, as_of=day)[0]
                )
            except NothingToDraw as exc:
                notes.append(str(exc))

    title_text = f"{info['title']}: coordination gaps as of {day.isoformat()}"
    h: list[str] = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title_text)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(title_text)}</h1>",
    ]
    md: list[str] = [f"# {_md(title_text)}", ""]
    if info.get("synthetic"):
        h.append("<p class='high'>Synthetic data: not real facts.</p>")
        md += ["**Synthetic data: not real facts.**", ""]

    # ---- one-screen summary
    records = ", ".join(f"{v} {k}" for k, v in summary["records"].items() if v)
    verified = summary["verification"].get("verified", 0)
    scope = (
        f"Findings use the {verified} verified records only (add --include-unverified for all)."
        if verified_only
        else "Findings use every record, verified or not."
    )
    sev = Counter(str(f.severity) for f in findings)
    kinds = Counter(str(f.kind) for f in findings)
    kind_rows = "".join(
        "<tr><td>{}</td>{}<td>{}</td></tr>".format(
            html.escape(heading(k)),
            "".join(
                f"<td>{sum(1 for f in findings if str(f.kind) == k and str(f.severity) == s)}</td>"
                for s in ("high", "medium", "low")
            ),
            n,
        )
        for k, n in kinds.most_common()
    )
    top3 = sorted(findings, key=Finding.sort_key)[:3]
    headline = counts_line(findings, dataset=info["name"], as_of=day.isoformat())
    h.append("<section class='summary' id='summary'><h2>Summary</h2>")
    h.append(f"<p class='kpi'>{html.escape(headline)}</p>")
    h.append(
        "<table><colgroup><col><col style='width:5.5em'><col style='width:5.5em'>"
        "<col style='width:5.5em'><col style='width:5.5em'></colgroup><tr><th>kind of gap</th>"
        "<th>high</th><th>medium</th><th>low</th><th>total</th></tr>"
        + kind_rows
        + "<tr><th>all gaps</th>"
        + "".join(f"<th>{sev[s]}</th>" for s in ("high", "medium", "low"))
        + f"<th>{len(findings)}</th></tr></table>"
    )
    md += ["## Summary", "", _md(headline), ""]
    md += ["| kind of gap | high | medium | low | total |", "|---|---|---|---|---|"]
    for k, n in kinds.most_common():
        cells = [
            sum(1 for f in findings if str(f.kind) == k and str(f.severity) == s)
            for s in ("high", "medium", "low")
        ]
        md.append(f"| {_md(heading(k))} | " + " | ".join(map(str, cells)) + f" | {n} |")
    md.append("")
    if top3:
        h.append("<p><b>The three most important gaps</b></p><ol>")
        md += ["**The three most important gaps**", ""]
        for i, f in enumerate(top3, 1):
            h.append(
                f"<li><b>{html.escape(title(f, labels))}</b> ({f.severity}): "
                f"{html.escape(f.message)}</li>"
            )
            md.append(f"{i}. **{_md(title(f, labels))}** ({f.severity}): {_md(f.message)}")
        h.append("</ol>")
        md.append("")
    if before is not None:
        then = {f.key: f for f in find_gaps(G, as_of=before) if f.is_gap}
        now = {f.key: f for f in findings}
        opened = [now[k] for k in now if k not in then]
        closed = [then[k] for k in then if k not in now]
        line = (
            f"Since {before.isoformat()}: {len(opened)} new gaps, {len(closed)} closed "
            f"({len(then)} then, {len(now)} now)."
        )
        h.append(f"<p><b>What changed.</b> {html.escape(line)}</p><ul>")
        md += [f"**What changed.** {_md(line)}", ""]
        for word, group in (("new", opened), ("closed", closed)):
            for f in group[:8]:
                h.append(
                    f"<li>{word}: {html.escape(title(f, labels))} — "
                    f"{html.escape(heading(str(f.kind)).lower())}</li>"
                )
                md.append(
                    f"- {word}: {_md(title(f, labels))} — {_md(heading(str(f.kind)).lower())}"
                )
            if len(group) > 8:
                h.append(f"<li>… and {len(group) - 8} more {word}</li>")
                md.append(f"- … and {len(group) - 8} more {word}")
        h.append("</ul>")
        md.append("")
    else:
        h.append("<p class='small'>To see what changed, run the report with --since DATE.</p>")
    h.append(
        f"<p class='small'>Dataset {html.escape(info['name'])}: {summary['total_records']} "
        f"records ({html.escape(records)}), {verified} verified; "
        f"{len(summary['countries'])} countries; {len(summary['sources'])} sources. "
        f"{html.escape(scope)} Licences: "
        f"{html.escape(', '.join(summary['licences']).rstrip('.') or 'not stated')}.</p>"
    )
    h.append(_EXPLORER_LINK)
    h.append("</section>")
    md += [
        "Interactive version, year by year: [explorer.html](explorer.html) (opens offline).",
        "",
        f"Dataset {_md(info['name'])}: {summary['total_records']} records ({_md(records)}), "
        f"{verified} verified; {len(summary['countries'])} countries; "
        f"{len(summary['sources'])} sources. {_md(scope)}",
        "",
    ]
    if info.get("description"):
        h.append(f"<p>{html.escape(info['description'])}</p>")
        md += [_md(info["description"]), ""]

    # ---- per State
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
    h.append("<h2>Gaps by State</h2>")
    md += ["## Gaps by State", ""]
    for code in order:
        name = "Not tied to one State" if code == "-" else f"{country_name(code)} ({code})"
        group = sorted(by_state[code], key=Finding.sort_key)
        table, rows = _finding_rows(group, labels, rules)
        h.append(
            f"<section class='state' id='state-{html.escape(code)}'><h3>{html.escape(name)}: "
            f"{len(group)} gap{'s' if len(group) != 1 else ''}</h3>{table}</section>"
        )
        md += [f"### {_md(name)}: {len(group)} gaps", "", *rows, ""]

    # ---- per network
    if covers:
        h.append("<h2>Networks</h2>")
        md += ["## Networks", ""]
    for cov in covers:
        h.append(f"<h3>{html.escape(cov.label)} ({len(cov.member_codes)} members)</h3>")
        md += [f"### {_md(cov.label)} ({len(cov.member_codes)} members)", ""]
        head = (
            "<tr><th>member</th><th>focal point</th><th>coordinating body</th>"
            "<th>plan of action</th></tr>"
        )
        body = []
        md += ["| member | focal point | coordinating body | plan of action |", "|---|---|---|---|"]
        for c in cov.member_codes:
            m = cov.members[c]
            member_cells = [
                f"{m['name']} ({c})",
                str(m["focal_point"]),
                ", ".join(m["national_coordinating_body"]) or "none recorded",
                ", ".join(m["action_plan_in_effect"]) or "none recorded",
            ]
            body.append(
                "<tr>" + "".join(f"<td>{html.escape(x)}</td>" for x in member_cells) + "</tr>"
            )
            md.append("| " + " | ".join(_md(x) for x in member_cells) + " |")
        h.append("<table>" + head + "".join(body) + "</table>")
        md.append("")
        rows_m = cov.matrix()
        if 2 <= len(cov.member_codes) <= 16:
            short = {
                "bilateral_agreement": "B",
                "multilateral_agreement": "M",
                "focal_point_channel": "F",
                "local_link": "L",
                "none": "·",
            }
            h.append(
                "<table class='matrix'>"
                + "<tr>"
                + "".join(f"<th>{html.escape(x)}</th>" for x in rows_m[0])
                + "</tr>"
                + "".join(
                    "<tr>"
                    + "".join(f"<td>{html.escape(short.get(x, x))}</td>" for x in r)
                    + "</tr>"
                    for r in rows_m[1:]
                )
                + "</table><p class='small'>Links between members for child victims: "
                "B bilateral agreement, M multilateral agreement, F focal-point channel, "
                "L local link, · none.</p>"
            )
        pic = f"network-{cov.network}.png"
        if pic in pictures:
            h.append(_img(pictures[pic], f"{cov.label}: members by focal-point status"))
            md += [f"![{_md(cov.label)}]({pic})", ""]

    # ---- actions
    from coordgraph.planning import plan_actions

    plan = plan_actions(used, as_of=day, top=5)
    if plan:
        h.append("<h2>Actions that would close the most gaps</h2><ol>")
        md += ["## Actions that would close the most gaps", ""]
        for i, action in enumerate(plan, 1):
            states = ", ".join(country_name(c) for c in action.states)
            h.append(
                f"<li><b>{html.escape(action.kind)}: {html.escape(states)}</b>: newly links "
                f"{action.weight}; {html.escape(action.why)}</li>"
            )
            md.append(
                f"{i}. **{_md(action.kind)}: {_md(states)}**: newly links "
                f"{action.weight}; {_md(action.why)}"
            )
        h.append("</ol>")
        md.append("")

    # ---- pictures
    h.append("<h2>Routes</h2>")
    md += ["## Routes", ""]
    for name, alt in (("map.png", "route map"), ("routes.png", "routes by State of origin")):
        if name in pictures:
            h.append(_img(pictures[name], alt))
            md += [f"![{alt}]({name})", ""]
    for note in notes:
        h.append(f"<p class='small'>{html.escape(note)}</p>")
        md += [_md(note), ""]

    # ---- reference instruments used, sources and rules
    included_html, included_md = included_section(summary.get("included"))
    h += included_html
    md += included_md
    h.append("<h2>Sources</h2><ul>")
    md += ["## Sources", ""]
    for s in dataset.sources:
        bits = [s.publisher or s.author or "publisher not recorded", str(s.date or "n.d.")]
        link = (
            f" <a href='{html.escape(url, quote=True)}'>{html.escape(url)}</a>"
            if (url := web_url(s.url))
            else ""
        )
        h.append(
            f"<li id='src-{html.escape(s.id)}'><b>{html.escape(s.id)}</b>: "
            f"{html.escape(s.title)}. {html.escape(', '.join(bits))}.{link}</li>"
        )
        md.append(
            f"- **{_md(s.id)}**: {_md(s.title)}. {_md(', '.join(bits))}."
            + (f" {markdown_link(s.url)}" if s.url else "")
        )
    h.append("</ul>")
    md.append("")
    if rules.ids:
        h.append("<h2>Rules behind the findings</h2><ol class='small'>")
        md += ["## Rules behind the findings", ""]
        for i, rule in enumerate(rules.ids, 1):
            h.append(
                f"<li id='rule-{i}'><code>{html.escape(rule)}</code>: "
                f"{html.escape(rule_words(rule))} (docs/findings.md)</li>"
            )
            md.append(f"[^r{i}]: `{_md(rule)}`: {_md(rule_words(rule))}")
        h.append("</ol>")
    h.append(
        f"<p class='small'>Made by coordgraph on {dt.date.today().isoformat()} from the "
        f"dataset {html.escape(info['name'])}, situation as of {day.isoformat()}.</p>"
    )
    h.append("</body></html>")

    out = Path(out_dir)
    with OutputFolder(out, overwrite=overwrite, command="report", inputs=inputs) as folder:
        folder.write_text("report.html", "\n".join(h))
        folder.write_text("report.md", "\n".join(md) + "\n")
        folder.write_text("explorer.html", explorer_html(G, as_of=day))
        for name, data in pictures.items():
            folder.write_bytes(name, data)
    return {
        "html": out / "report.html",
        "markdown": out / "report.md",
        "explorer": out / "explorer.html",
    }


def _img(data: bytes, alt: str) -> str:
    b64 = base64.b64encode(data).decode("ascii")
    return f"<img alt='{html.escape(alt, quote=True)}' src='data:image/png;base64,{b64}'>"
