"""The report as Markdown, its pictures beside it as PNG files.

Every text from the dataset is written by :func:`coordgraph.io.safe.markdown_text`, so
a name holding ``<script>``, ``[a](javascript:...)`` or ``|`` is shown as written and is
never markup; only http(s) source addresses become links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from coordgraph.findings import Finding
from coordgraph.io.safe import markdown_link, markdown_text
from coordgraph.report.content import ReportContent
from coordgraph.text.findings import rule_words
from coordgraph.text.tables import action_changes, action_pairs, action_title

__all__ = ["report_markdown"]


def _md(text: object) -> str:
    """Dataset text for Markdown: never markup (:func:`coordgraph.io.safe.markdown_text`);
    an ampersand that starts no entity is left as itself, which Markdown shows as is."""
    return _AMP.sub("&", markdown_text(text))


_AMP = re.compile(r"&amp;(?![#\w]+;)")


def report_markdown(c: ReportContent) -> str:
    """The whole report as one Markdown document."""
    md = [f"# {_md(c.title)}", ""]
    if c.synthetic:
        md += [f"**{_md(c.say('report.synthetic'))}**", ""]
    md += _summary(c)
    if c.description:
        md += [_md(c.description), ""]
    md += _states(c)
    md += _networks(c)
    md += _actions(c)
    md += _routes(c)
    md += _sources_and_rules(c)
    return "\n".join(md) + "\n"


def _summary(c: ReportContent) -> list[str]:
    """The count line, gaps by kind and severity, the three most important, what
    changed, and what the dataset holds."""
    md = [f"## {_md(c.say('report.summary'))}", "", _md(c.headline), ""]
    sev = " | ".join(_md(c.say("severity." + s)) for s in ("high", "medium", "low"))
    md += [
        f"| {_md(c.say('report.kind_of_gap'))} | {sev} | {_md(c.say('report.total'))} |",
        "|---|---|---|---|---|",
    ]
    md += [
        f"| {_md(name)} | " + " | ".join(map(str, by_severity)) + f" | {total} |"
        for name, by_severity, total in c.kinds
    ]
    md.append("")
    if c.top:
        md += [f"**{_md(c.say('report.top'))}**", ""]
        md += [
            f"{i}. **{_md(c.name_of(f))}** ({_md(c.say('severity.' + str(f.severity)))}){c.colon}"
            f"{_md(c.message(f))}"
            for i, f in enumerate(c.top, 1)
        ]
        md.append("")
    md += _change(c)
    return [
        *md,
        c.say("report.explorer.md", link="[explorer.html](explorer.html)"),
        "",
        _md(
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
        ),
        "",
    ]


def _change(c: ReportContent) -> list[str]:
    if c.change is None:
        return []
    md = [f"**{_md(c.say('report.changed'))}** {_md(c.change.line(c.lang))}", ""]
    md += [f"- {_md(item)}" for item in c.change_items()]
    md.append("")
    return md


def _finding_items(findings: Iterable[Finding], c: ReportContent) -> list[str]:
    """Findings as a list: severity and name, the message, then what nearly linked the
    pair and the other facts as sub-items; the rule as a footnote in the full form."""
    findings = list(findings)
    nearly = c.say("report.nearly")
    twins = c.twins(findings)
    md = []
    for f in findings:
        note = f"[^r{c.rule_number(f.rule)}]" if c.full else ""
        md.append(
            f"- **{_md(c.name_of(f))}**{note} ({_md(c.say('severity.' + str(f.severity)))})"
            f"{c.colon}{_md(c.message(f))}"
        )
        # what nearly linked the pair, as report.html says it (and the terminal)
        md += [
            f"  - {_md(nearly)}{c.colon}{_md(c.text(x))}"
            for x in f.near_misses
            if x not in f.message and (c.full or f.kind != "route_linked")
        ]
        md += [f"  - {_md(k)}{c.colon}{_md(v)}" for k, v in c.fields(f, twin=f in twins)]
        if f.sources:
            md.append(f"  - {_md(c.say('report.sources'))}{c.colon}{_md(c.cited(f))}")
    return md


def _expected_rows(rows: list[tuple[str, str, str]], c: ReportContent) -> list[str]:
    """What the State is expected to have, and what the records show."""
    if not rows:
        return []
    heads = [_md(c.say(k)) for k in ("expected.head", "expected.status", "expected.record")]
    md = ["| " + " | ".join(heads) + " |", "|---|---|---|"]
    md += [
        f"| {_md(what)} | {_md(status)} | {_md(record or '-')} |" for what, status, record in rows
    ]
    return [*md, ""]


def _states(c: ReportContent) -> list[str]:
    md = [f"## {_md(c.say('report.by_state'))}", ""]
    for page in c.state_pages():
        md += [f"### {_md(c.state_head(page))}", ""]
        md += _expected_rows(c.expected_rows(page.state), c)
        if page.told:
            md += [*_finding_items(page.told, c), ""]
        md += [line for text in c.page_lines(page) for line in (_md(text), "")]
    quiet = c.quiet_line()
    if quiet:
        md += [_md(quiet), ""]
    return md


def _networks(c: ReportContent) -> list[str]:
    """Per network, coordinating ones first: its picture, its members' focal point,
    body and plan; then the networks left out, with why."""
    if not c.networks and not c.left_out:
        return []
    md = [f"## {_md(c.say('report.networks'))}", ""]
    none = c.say("report.none_recorded")
    heads = ("report.member", "report.focal_point", "report.coordinating_body", "report.plan")
    for cov in c.networks:
        members = c.say(
            "report.network.members" if cov.complete else "report.network.members_incomplete",
            name=cov.label,
            n=len(cov.member_codes),
        )
        md += [f"### {_md(members)}", ""]
        pic = f"network-{cov.network}.png"
        if pic in c.pictures:
            md += [f"![{_md(cov.label)}]({pic})", ""]
        md += ["| " + " | ".join(_md(c.say(k)) for k in heads) + " |", "|---|---|---|---|"]
        for code in cov.member_codes:
            m = cov.members[code]
            cells = [
                f"{c.state(code)} ({code})",
                c.say("focal_point." + str(m["focal_point"]).replace(" ", "_")),
                ", ".join(m["national_coordinating_body"]) or none,
                ", ".join(m["action_plan_in_effect"]) or none,
            ]
            md.append("| " + " | ".join(_md(x) for x in cells) + " |")
        md.append("")
    if c.left_out:
        items = "; ".join(f"{name} ({c.say(key, **params)})" for name, key, params in c.left_out)
        md += [_md(c.say("report.left", items=items)), ""]
    return md


def _actions(c: ReportContent) -> list[str]:
    """The actions that would close the most gaps, as report.html says them."""
    if not c.actions:
        return []
    md = [f"## {_md(c.say('report.actions'))}", ""]
    for i, action in enumerate(c.actions, 1):
        why = c.action(action)[1]
        md.append(
            f"{i}. **{_md(action_title(action, c.lang))}**{c.colon}"
            f"{_md(action_changes(action, c.lang))}. {_md(why)}"
        )
        md += [f"   - {_md(x)}" for x in action_pairs(action, c.lang, most=3)]
    md.append("")
    return md


def _routes(c: ReportContent) -> list[str]:
    md = [f"## {_md(c.say('report.routes'))}", ""]
    for name, alt in (("map.png", "report.map"), ("routes.png", "report.routes_picture")):
        if name in c.pictures:
            md += [f"![{_md(c.say(alt))}]({name})", ""]
    for note in c.notes:
        md += [_md(note), ""]
    return md


def _sources_and_rules(c: ReportContent) -> list[str]:
    """The sources (publisher, date, web address) and the rules cited as footnotes."""
    from coordgraph.report.included import included_section

    head = "report.sources.heading" if c.full else "report.cited"
    md = included_section(c.included, c.lang)[1] + [f"## {_md(c.say(head))}", ""]
    for s in c.shown_sources():
        bits = [
            s.publisher or s.author or c.say("report.publisher_unknown"),
            str(s.date or c.say("report.no_date")),
        ]
        md.append(
            f"- **{_md(s.id)}**: {_md(s.title)}. {_md(', '.join(bits))}."
            + (f" {markdown_link(s.url)}" if s.url else "")
        )
    md.append("")
    if c.rules and c.full:
        md += [f"## {_md(c.say('report.rules'))}", ""]
        md += [
            f"[^r{i}]: `{_md(rule)}`" + (f": {_md(rule_words(rule))}" if c.lang == "en" else "")
            for i, rule in enumerate(c.rules, 1)
        ]
    return md
