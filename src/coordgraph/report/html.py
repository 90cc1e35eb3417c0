"""The report as one self-contained HTML file: pictures embedded, prints to A4.

Every text from the dataset is escaped (:func:`html.escape`), so a name holding
``<script>`` is shown, never run; only http(s) addresses become links.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable
from typing import TYPE_CHECKING

from coordgraph.findings import Finding
from coordgraph.io.safe import web_url
from coordgraph.report.content import ReportContent

if TYPE_CHECKING:
    from coordgraph.analyses.coverage import Coverage
from coordgraph.text.findings import rule_words
from coordgraph.text.tables import action_changes, action_pairs, action_title

__all__ = ["report_html"]

_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,'DejaVu Sans',sans-serif;max-width:1000px;margin:1.5em auto;
 padding:0 1em;color:#222;line-height:1.4;overflow-wrap:anywhere}
h1{font-size:1.6em;margin:.2em 0} h2{border-bottom:2px solid #ddd;padding-bottom:.2em;
 margin-top:1.6em} h3{margin:1.2em 0 .4em}
table{border-collapse:collapse;width:100%;table-layout:fixed;font-size:.88em;margin:.6em 0}
.keep table.findings{margin-bottom:0} table.more{margin-top:0}
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
ul.sources{columns:2;column-gap:2em;font-size:.85em;padding-left:1.2em}
ul.sources li{break-inside:avoid}
@media print{
 body{max-width:none;margin:0;padding:0;font-size:9pt}
 h1,h2,h3{break-after:avoid} tr,img,li{break-inside:avoid-page}
 .keep{break-inside:avoid-page} table.more{margin-top:0;border-top:0}
 ol.actions li{break-inside:auto} ol.actions .fields{break-inside:avoid-page}
 img{max-height:110mm;width:auto;max-width:100%}
 a{color:inherit;text-decoration:none}
}
"""

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
        f"<!doctype html><html lang='{_e(c.lang)}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_e(c.title)}</title><style>{_CSS}</style></head>"
        "<body>",
        f"<h1>{_e(c.title)}</h1>",
    ]
    if c.synthetic:
        h.append(f"<p class='high'>{_e(c.say('report.synthetic'))}</p>")
    h += _summary(c)
    if c.description:
        h.append(f"<p>{_e(c.description)}</p>")
    h += _states(c)
    h += _networks(c)
    h += _actions(c)
    h += _routes(c)
    h += _sources_and_rules(c)
    h.append(
        "<p class='small'>"
        + _e(
            c.say(
                "report.made",
                made=c.made_on.isoformat(),
                name=c.dataset_name,
                day=c.day.isoformat(),
            )
        )
        + "</p>"
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
    sev = "".join(f"<th>{_e(c.say('severity.' + s))}</th>" for s in ("high", "medium", "low"))
    h = [
        f"<section class='summary' id='summary'><h2>{_e(c.say('report.summary'))}</h2>",
        f"<p class='kpi'>{_e(c.headline)}</p>",
        "<table><colgroup><col><col style='width:6.5em'><col style='width:6.5em'>"
        "<col style='width:6.5em'><col style='width:6.5em'></colgroup>"
        f"<tr><th>{_e(c.say('report.kind_of_gap'))}</th>{sev}"
        f"<th>{_e(c.say('report.total'))}</th></tr>"
        + kind_rows
        + f"<tr><th>{_e(c.say('report.all_gaps'))}</th>"
        + "".join(f"<th>{n}</th>" for n in c.severities)
        + f"<th>{c.gaps}</th></tr></table>",
    ]
    if c.top:
        h.append(f"<p><b>{_e(c.say('report.top'))}</b></p><ol>")
        h += [
            f"<li><b>{_e(c.name_of(f))}</b> ({_e(c.say('severity.' + str(f.severity)))})"
            f"{c.colon}"
            f"{_e(c.message(f))}</li>"
            for f in c.top
        ]
        h.append("</ol>")
    h += _change(c)
    licences = c.licences.rstrip(".") or c.say("report.licences.none")
    h.append(
        "<p class='small'>"
        + _e(
            c.say(
                "report.dataset",
                name=c.dataset_name,
                total=c.total_records,
                records=c.records,
                verified=c.verified,
                countries=c.countries,
                sources=c.source_count,
                scope=c.scope,
            )
            + " "
            + c.say("report.licences", licences=licences)
        )
        + "</p>"
    )
    link = "<a href='explorer.html'>explorer.html</a>"
    h.append(f"<p>{_e(c.say('report.explorer', link='{link}')).format(link=link)}</p>")
    h.append("</section>")
    return h


def _change(c: ReportContent) -> list[str]:
    """What changed since --since: the line, then the gaps opened and closed."""
    if c.change is None:
        return [f"<p class='small'>{_e(c.say('report.changed.hint'))}</p>"]
    h = [f"<p><b>{_e(c.say('report.changed'))}</b> {_e(c.change.line(c.lang))}</p><ul>"]
    h += [f"<li>{_e(item)}</li>" for item in c.change_items()]
    h.append("</ul>")
    return h


_COLS = "<colgroup><col class='sev'><col><col class='src'></colgroup>"


def _finding_rows(findings: list[Finding], c: ReportContent) -> list[str]:
    """A table row per finding. The rule behind each is in a tooltip on its name, and in
    the full form a footnote to the annex too; two findings with one name say how they
    differ."""
    nearly = c.say("report.nearly")
    twins = c.twins(findings)
    rows = []
    for f in findings:
        extra = "".join(
            f"<div class='fields'>{_e(k)}{c.colon}{_e(v)}</div>"
            for k, v in c.fields(f, twin=f in twins)
        )
        near = "".join(
            f"<div class='fields'>{_e(nearly)}{c.colon}{_e(c.text(x))}</div>"
            for x in f.near_misses
            if x not in f.message and (c.full or f.kind != "route_linked")
        )
        rule = f"{c.say('report.rule')}{c.colon}{f.rule}"
        note = ""
        if c.full:
            n = c.rule_number(f.rule)
            note = f"<sup><a href='#rule-{n}' title='{_e(rule)}'>{n}</a></sup>"
        rows.append(
            f"<tr><td class='sev {f.severity}'>{_e(c.say('severity.' + str(f.severity)))}</td>"
            f"<td><b title='{_e(rule)}'>{_e(c.name_of(f))}</b>{note}"
            f"<br>{_e(c.message(f))}{near}{extra}</td>"
            f"<td>{_e(c.cited(f))}</td></tr>"
        )
    return rows


def _finding_table(findings: Iterable[Finding], c: ReportContent, head: str = "") -> str:
    """Findings as a table under ``head`` (headings), which never ends a printed page:
    it is kept with the table's first row, the other rows following in a table of the
    same columns."""
    rows = _finding_rows(list(findings), c)
    top = (
        f"<tr><th>{_e(c.say('report.severity'))}</th><th>{_e(c.say('report.finding'))}</th>"
        f"<th>{_e(c.say('report.sources'))}</th></tr>"
    )
    first = f"<table class='findings'>{_COLS}{top}{''.join(rows[:1])}</table>"
    out = f"<div class='keep'>{head}{first}</div>"
    if rows[1:]:
        out += f"<table class='findings more'>{_COLS}{''.join(rows[1:])}</table>"
    return out


def _expected_table(rows: list[tuple[str, str, str]], c: ReportContent) -> str:
    """What the State is expected to have, and what the records show."""
    if not rows:
        return ""
    body = "".join(
        f"<tr><td>{_e(what)}</td><td>{_e(status)}</td><td>{_e(record or '-')}</td></tr>"
        for what, status, record in rows
    )
    heads = "".join(
        f"<th>{_e(c.say(k))}</th>" for k in ("expected.head", "expected.status", "expected.record")
    )
    return f"<table class='expected'><tr>{heads}</tr>{body}</table>"


def _states(c: ReportContent) -> list[str]:
    """A page per State with findings to tell; a line for the States whose gaps are
    all of low severity (the meeting form). The section's heading is kept with the first
    State's."""
    h = []
    lead = f"<h2>{_e(c.say('report.by_state'))}</h2>"
    for page in c.state_pages():
        head = lead + f"<h3>{_e(c.state_head(page))}</h3>"
        lead = ""
        h.append(f"<section class='state' id='state-{_e(page.state.code)}'>")
        head += _expected_table(c.expected_rows(page.state), c)
        if page.told:
            h.append(_finding_table(page.told, c, head))
            h += [f"<p class='small'>{_e(line)}</p>" for line in c.page_lines(page)]
        else:
            lines = "".join(f"<p class='small'>{_e(line)}</p>" for line in c.page_lines(page))
            h.append(f"<div class='keep'>{head}{lines}</div>")
        h.append("</section>")
    quiet = c.quiet_line()
    if quiet:
        h.append(f"<p class='small'>{_e(quiet)}</p>")
    return h


def _networks(c: ReportContent) -> list[str]:
    """Per network, coordinating ones first: its picture, then its members' focal
    point, body and plan (and, in the full form, the member x member table); then the
    networks left out, with why. No heading ends a printed page."""
    if not c.networks and not c.left_out:
        return []
    h = []
    lead = f"<h2>{_e(c.say('report.networks'))}</h2>"
    for cov in c.networks:
        members = c.say(
            "report.network.members" if cov.complete else "report.network.members_incomplete",
            name=cov.label,
            n=len(cov.member_codes),
        )
        pic = f"network-{cov.network}.png"
        picture = (
            _img(c.pictures[pic], c.say("report.network.picture", name=cov.label))
            if pic in c.pictures
            else ""
        )
        h.append(f"<div class='keep'>{lead}<h3>{_e(members)}</h3>{picture}</div>")
        lead = ""
        h.append(_member_table(cov, c))
        if c.full and 2 <= len(cov.member_codes) <= 16:
            h.append(_matrix(cov, c))
    left = ""
    if c.left_out:
        items = "; ".join(f"{name} ({c.say(key, **params)})" for name, key, params in c.left_out)
        left = f"<p class='small'>{_e(c.say('report.left', items=items))}</p>"
    h.append(f"<div class='keep'>{lead}{left}</div>")
    return h


def _member_table(cov: Coverage, c: ReportContent) -> str:
    """A network's members: focal point, national coordinating body, plan of action."""
    none = c.say("report.none_recorded")
    keys = ("report.member", "report.focal_point", "report.coordinating_body", "report.plan")
    head = "<tr>" + "".join(f"<th>{_e(c.say(k))}</th>" for k in keys) + "</tr>"
    body = []
    for code in cov.member_codes:
        m = cov.members[code]
        cells = [
            f"{c.state(code)} ({code})",
            c.say("focal_point." + str(m["focal_point"]).replace(" ", "_")),
            ", ".join(m["national_coordinating_body"]) or none,
            ", ".join(m["action_plan_in_effect"]) or none,
        ]
        body.append("<tr>" + "".join(f"<td>{_e(x)}</td>" for x in cells) + "</tr>")
    return "<table>" + head + "".join(body) + "</table>"


def _matrix(cov: Coverage, c: ReportContent) -> str:
    """The member x member table of link kinds, with its key."""
    rows = cov.matrix()
    return (
        "<div class='keep'><table class='matrix'><tr>"
        + "".join(f"<th>{_e(x)}</th>" for x in rows[0])
        + "</tr>"
        + "".join(
            "<tr>" + "".join(f"<td>{_e(_LINK_LETTERS.get(x, x))}</td>" for x in r) + "</tr>"
            for r in rows[1:]
        )
        + f"</table><p class='small'>{_e(c.say('report.matrix.key'))}</p></div>"
    )


def _actions(c: ReportContent) -> list[str]:
    """The actions that would close the most gaps: what each is, in which body, what it
    changes (criteria, route pairs, routes, recorded cases), why, and per pair what links
    it today."""
    if not c.actions:
        return []
    h = [f"<h2>{_e(c.say('report.actions'))}</h2><ol class='actions'>"]
    for action in c.actions:
        why = c.action(action)[1]
        pairs = "".join(
            f"<div class='fields'>{_e(x)}</div>" for x in action_pairs(action, c.lang, most=3)
        )
        h.append(
            f"<li><b>{_e(action_title(action, c.lang))}</b>{c.colon}"
            f"{_e(action_changes(action, c.lang))}. {_e(why)}{pairs}</li>"
        )
    h.append("</ol>")
    return h


def _routes(c: ReportContent) -> list[str]:
    """The route map and the routes by State of origin, the heading kept with the first."""
    lead = f"<h2>{_e(c.say('report.routes'))}</h2>"
    h = []
    for name, alt in (("map.png", "report.map"), ("routes.png", "report.routes_picture")):
        if name in c.pictures:
            h.append(f"<div class='keep'>{lead}{_img(c.pictures[name], c.say(alt))}</div>")
            lead = ""
    if lead:
        h.append(lead)
    h += [f"<p class='small'>{_e(note)}</p>" for note in c.notes]
    return h


def _sources_and_rules(c: ReportContent) -> list[str]:
    """The sources (publisher, date, web address) and the rules cited as footnotes."""
    from coordgraph.report.included import included_section

    head = "report.sources.heading" if c.full else "report.cited"
    h = included_section(c.included, c.lang)[0] + [
        f"<h2>{_e(c.say(head))}</h2><ul class='sources'>"
    ]
    for s in c.shown_sources():
        bits = [
            s.publisher or s.author or c.say("report.publisher_unknown"),
            str(s.date or c.say("report.no_date")),
        ]
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
    if c.rules and c.full:
        h.append(f"<h2>{_e(c.say('report.rules'))}</h2><ol class='small'>")
        h += [
            f"<li id='rule-{i}'><code>{_e(rule)}</code>"
            + (f": {_e(rule_words(rule))}" if c.lang == "en" else "")
            + f" {_e(c.say('report.rules.doc'))}</li>"
            for i, rule in enumerate(c.rules, 1)
        ]
        h.append("</ol>")
    return h
