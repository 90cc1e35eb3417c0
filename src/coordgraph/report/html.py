"""The report as one self-contained HTML file: pictures embedded, prints to A4.

Every text from the dataset is escaped (:func:`html.escape`), so a name holding
``<script>`` is shown, never run; only http(s) addresses become links.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable

from coordgraph.countries import country_name
from coordgraph.findings import Finding
from coordgraph.io.safe import web_url
from coordgraph.report.content import ReportContent
from coordgraph.text.findings import extra_fields, heading, rule_words, title

__all__ = ["report_html"]

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

#: the one-letter name of each link kind in a network's member x member table
_LINK_LETTERS = {
    "bilateral_agreement": "B",
    "multilateral_agreement": "M",
    "focal_point_channel": "F",
    "legal_basis": "LB",
    "local_link": "L",
    "none": "·",
}


def _e(text: object) -> str:
    return html.escape(str(text))


def _img(data: bytes, alt: str) -> str:
    b64 = base64.b64encode(data).decode("ascii")
    return f"<img alt='{html.escape(alt, quote=True)}' src='data:image/png;base64,{b64}'>"


def report_html(c: ReportContent) -> str:
    """The whole report as one HTML page."""
    h = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(c.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(c.title)}</h1>",
    ]
    if c.synthetic:
        h.append("<p class='high'>Synthetic data: not real facts.</p>")
    h += _summary(c)
    if c.description:
        h.append(f"<p>{_e(c.description)}</p>")
    h += _states(c)
    h += _networks(c)
    h += _actions(c)
    h += _routes(c)
    h += _sources_and_rules(c)
    h.append(
        f"<p class='small'>Made by coordgraph on {c.made_on.isoformat()} from the "
        f"dataset {_e(c.dataset_name)}, situation as of {c.day.isoformat()}.</p>"
    )
    h.append("</body></html>")
    return "\n".join(h)


def _summary(c: ReportContent) -> list[str]:
    """The one-screen summary: the count line, gaps by kind and severity, the three
    most important, what changed, and what the dataset holds."""
    kind_rows = "".join(
        f"<tr><td>{_e(name)}</td>{''.join(f'<td>{n}</td>' for n in by_severity)}"
        f"<td>{total}</td></tr>"
        for name, by_severity, total in c.kinds
    )
    h = [
        "<section class='summary' id='summary'><h2>Summary</h2>",
        f"<p class='kpi'>{_e(c.headline)}</p>",
        "<table><colgroup><col><col style='width:5.5em'><col style='width:5.5em'>"
        "<col style='width:5.5em'><col style='width:5.5em'></colgroup><tr><th>kind of gap</th>"
        "<th>high</th><th>medium</th><th>low</th><th>total</th></tr>"
        + kind_rows
        + "<tr><th>all gaps</th>"
        + "".join(f"<th>{n}</th>" for n in c.severities)
        + f"<th>{c.gaps}</th></tr></table>",
    ]
    if c.top:
        h.append("<p><b>The three most important gaps</b></p><ol>")
        h += [
            f"<li><b>{_e(title(f, c.labels))}</b> ({f.severity}): {_e(f.message)}</li>"
            for f in c.top
        ]
        h.append("</ol>")
    if c.change is not None:
        h.append(f"<p><b>What changed.</b> {_e(c.change.line)}</p><ul>")
        for word, group in (("new", c.change.opened), ("closed", c.change.closed)):
            h += [
                f"<li>{word}: {_e(title(f, c.labels))} — {_e(heading(str(f.kind)).lower())}</li>"
                for f in group[:8]
            ]
            if len(group) > 8:
                h.append(f"<li>… and {len(group) - 8} more {word}</li>")
        h.append("</ul>")
    else:
        h.append("<p class='small'>To see what changed, run the report with --since DATE.</p>")
    h.append(
        f"<p class='small'>Dataset {_e(c.dataset_name)}: {c.total_records} "
        f"records ({_e(c.records)}), {c.verified} verified; "
        f"{c.countries} countries; {c.source_count} sources. "
        f"{_e(c.scope)} Licences: {_e(c.licences.rstrip('.') or 'not stated')}.</p>"
    )
    h.append(_EXPLORER_LINK)
    h.append("</section>")
    return h


def _finding_table(findings: Iterable[Finding], c: ReportContent) -> str:
    """Findings as a table, each with its rule as a footnote."""
    rows = [
        "<table class='findings'><colgroup><col class='sev'><col><col class='src'></colgroup>"
        "<tr><th>severity</th><th>finding</th><th>sources</th></tr>"
    ]
    for f in findings:
        n = c.rule_number(f.rule)
        extra = "".join(f"<div class='fields'>{_e(k)}: {_e(v)}</div>" for k, v in extra_fields(f))
        near = "".join(
            f"<div class='fields'>nearly: {_e(x)}</div>"
            for x in f.near_misses
            if x not in f.message
        )
        rows.append(
            f"<tr><td class='sev {f.severity}'>{f.severity}</td><td><b>"
            f"{_e(title(f, c.labels))}</b><sup><a href='#rule-{n}' "
            f"title='rule: {_e(f.rule)} ({_e(rule_words(f.rule))})'>{n}</a>"
            f"</sup><br>{_e(f.message)}{near}{extra}</td>"
            f"<td>{_e(', '.join(f.sources) or '-')}</td></tr>"
        )
    rows.append("</table>")
    return "\n".join(rows)


def _states(c: ReportContent) -> list[str]:
    h = ["<h2>Gaps by State</h2>"]
    for state in c.states:
        n = len(state.findings)
        h.append(
            f"<section class='state' id='state-{_e(state.code)}'><h3>{_e(state.name)}: "
            f"{n} gap{'s' if n != 1 else ''}</h3>{_finding_table(state.findings, c)}</section>"
        )
    return h


def _networks(c: ReportContent) -> list[str]:
    """Per network: its members' focal point, body and plan, the member x member table
    (2 to 16 members) and its picture."""
    h = ["<h2>Networks</h2>"] if c.networks else []
    for cov in c.networks:
        h.append(f"<h3>{_e(cov.label)} ({len(cov.member_codes)} members)</h3>")
        head = (
            "<tr><th>member</th><th>focal point</th><th>coordinating body</th>"
            "<th>plan of action</th></tr>"
        )
        body = []
        for code in cov.member_codes:
            m = cov.members[code]
            cells = [
                f"{m['name']} ({code})",
                str(m["focal_point"]),
                ", ".join(m["national_coordinating_body"]) or "none recorded",
                ", ".join(m["action_plan_in_effect"]) or "none recorded",
            ]
            body.append("<tr>" + "".join(f"<td>{_e(x)}</td>" for x in cells) + "</tr>")
        h.append("<table>" + head + "".join(body) + "</table>")
        rows = cov.matrix()
        if 2 <= len(cov.member_codes) <= 16:
            h.append(
                "<table class='matrix'>"
                + "<tr>"
                + "".join(f"<th>{_e(x)}</th>" for x in rows[0])
                + "</tr>"
                + "".join(
                    "<tr>" + "".join(f"<td>{_e(_LINK_LETTERS.get(x, x))}</td>" for x in r) + "</tr>"
                    for r in rows[1:]
                )
                + "</table><p class='small'>Links between members for child victims: "
                "B bilateral agreement, M multilateral agreement, F focal-point channel, "
                "L local link, LB legal basis only (no operational channel), · none.</p>"
            )
        pic = f"network-{cov.network}.png"
        if pic in c.pictures:
            h.append(_img(c.pictures[pic], f"{cov.label}: members by focal-point status"))
    return h


def _actions(c: ReportContent) -> list[str]:
    if not c.actions:
        return []
    h = ["<h2>Actions that would close the most gaps</h2><ol>"]
    for action in c.actions:
        states = ", ".join(country_name(code) for code in action.states)
        h.append(
            f"<li><b>{_e(action.kind)}: {_e(states)}</b>: newly links "
            f"{action.weight}; {_e(action.why)}</li>"
        )
    h.append("</ol>")
    return h


def _routes(c: ReportContent) -> list[str]:
    h = ["<h2>Routes</h2>"]
    for name, alt in (("map.png", "route map"), ("routes.png", "routes by State of origin")):
        if name in c.pictures:
            h.append(_img(c.pictures[name], alt))
    h += [f"<p class='small'>{_e(note)}</p>" for note in c.notes]
    return h


def _sources_and_rules(c: ReportContent) -> list[str]:
    """The sources (publisher, date, web address) and the rules cited as footnotes."""
    from coordgraph.report.included import included_section

    h = included_section(c.included)[0] + ["<h2>Sources</h2><ul>"]
    for s in c.sources:
        bits = [s.publisher or s.author or "publisher not recorded", str(s.date or "n.d.")]
        link = (
            f" <a href='{html.escape(url, quote=True)}'>{_e(url)}</a>"
            if (url := web_url(s.url))
            else ""
        )
        h.append(
            f"<li id='src-{_e(s.id)}'><b>{_e(s.id)}</b>: "
            f"{_e(s.title)}. {_e(', '.join(bits))}.{link}</li>"
        )
    h.append("</ul>")
    if c.rules:
        h.append("<h2>Rules behind the findings</h2><ol class='small'>")
        h += [
            f"<li id='rule-{i}'><code>{_e(rule)}</code>: "
            f"{_e(rule_words(rule))} (docs/findings.md)</li>"
            for i, rule in enumerate(c.rules, 1)
        ]
        h.append("</ol>")
    return h
