"""The report as Markdown, its pictures beside it as PNG files.

Every text from the dataset is written by :func:`coordgraph.io.safe.markdown_text`, so
a name holding ``<script>``, ``[a](javascript:...)`` or ``|`` is shown as written and is
never markup; only http(s) source addresses become links.
"""

from __future__ import annotations

from collections.abc import Iterable

from coordgraph.countries import country_name
from coordgraph.findings import Finding
from coordgraph.io.safe import markdown_link, markdown_text
from coordgraph.report.content import ReportContent
from coordgraph.text.findings import extra_fields, heading, rule_words, title

__all__ = ["report_markdown"]


def _md(text: object) -> str:
    """Dataset text for Markdown: never markup (:func:`coordgraph.io.safe.markdown_text`)."""
    return markdown_text(text)


def report_markdown(c: ReportContent) -> str:
    """The whole report as one Markdown document."""
    md = [f"# {_md(c.title)}", ""]
    if c.synthetic:
        md += ["**Synthetic data: not real facts.**", ""]
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
    md = ["## Summary", "", _md(c.headline), ""]
    md += ["| kind of gap | high | medium | low | total |", "|---|---|---|---|---|"]
    md += [
        f"| {_md(name)} | " + " | ".join(map(str, by_severity)) + f" | {total} |"
        for name, by_severity, total in c.kinds
    ]
    md.append("")
    if c.top:
        md += ["**The three most important gaps**", ""]
        md += [
            f"{i}. **{_md(title(f, c.labels))}** ({f.severity}): {_md(f.message)}"
            for i, f in enumerate(c.top, 1)
        ]
        md.append("")
    if c.change is not None:
        md += [f"**What changed.** {_md(c.change.line)}", ""]
        for word, group in (("new", c.change.opened), ("closed", c.change.closed)):
            md += [
                f"- {word}: {_md(title(f, c.labels))} — {_md(heading(str(f.kind)).lower())}"
                for f in group[:8]
            ]
            if len(group) > 8:
                md.append(f"- … and {len(group) - 8} more {word}")
        md.append("")
    return [
        *md,
        "Interactive version, year by year: [explorer.html](explorer.html) (opens offline).",
        "",
        f"Dataset {_md(c.dataset_name)}: {c.total_records} records ({_md(c.records)}), "
        f"{c.verified} verified; {c.countries} countries; "
        f"{c.source_count} sources. {_md(c.scope)}",
        "",
    ]


def _finding_rows(findings: Iterable[Finding], c: ReportContent) -> list[str]:
    """Findings as table rows, each with its rule as a footnote."""
    md = ["| severity | finding | sources |", "|---|---|---|"]
    for f in findings:
        # what nearly linked the pair, as report.html says it (and the terminal)
        near = "".join(f"<br>nearly: {_md(x)}" for x in f.near_misses if x not in f.message)
        extra = "".join(f"<br>{_md(k)}: {_md(v)}" for k, v in extra_fields(f))
        md.append(
            f"| {f.severity} | **{_md(title(f, c.labels))}**[^r{c.rule_number(f.rule)}]"
            f"<br>{_md(f.message)}{near}{extra} | {_md(', '.join(f.sources) or '-')} |"
        )
    return md


def _expected_rows(rows: list[tuple[str, str, str]]) -> list[str]:
    """What the State is expected to have, and what the records show."""
    if not rows:
        return []
    md = ["| expected | status | record |", "|---|---|---|"]
    md += [
        f"| {_md(what)} | {_md(status)} | {_md(record or '-')} |" for what, status, record in rows
    ]
    return [*md, ""]


def _states(c: ReportContent) -> list[str]:
    md = ["## Gaps by State", ""]
    for state in c.states:
        md += [f"### {_md(state.name)}: {len(state.findings)} gaps", ""]
        md += [*_expected_rows(state.expected), *_finding_rows(state.findings, c), ""]
    return md


def _networks(c: ReportContent) -> list[str]:
    """Per network: its members' focal point, body and plan, and its picture."""
    md = ["## Networks", ""] if c.networks else []
    for cov in c.networks:
        md += [f"### {_md(cov.label)} ({len(cov.member_codes)} members)", ""]
        md += ["| member | focal point | coordinating body | plan of action |", "|---|---|---|---|"]
        for code in cov.member_codes:
            m = cov.members[code]
            cells = [
                f"{m['name']} ({code})",
                str(m["focal_point"]),
                ", ".join(m["national_coordinating_body"]) or "none recorded",
                ", ".join(m["action_plan_in_effect"]) or "none recorded",
            ]
            md.append("| " + " | ".join(_md(x) for x in cells) + " |")
        md.append("")
        pic = f"network-{cov.network}.png"
        if pic in c.pictures:
            md += [f"![{_md(cov.label)}]({pic})", ""]
    return md


def _actions(c: ReportContent) -> list[str]:
    if not c.actions:
        return []
    md = ["## Actions that would close the most gaps", ""]
    for i, action in enumerate(c.actions, 1):
        states = ", ".join(country_name(code) for code in action.states)
        md.append(
            f"{i}. **{_md(action.kind)}: {_md(states)}**: newly links "
            f"{action.weight}; {_md(action.why)}"
        )
    md.append("")
    return md


def _routes(c: ReportContent) -> list[str]:
    md = ["## Routes", ""]
    for name, alt in (("map.png", "route map"), ("routes.png", "routes by State of origin")):
        if name in c.pictures:
            md += [f"![{alt}]({name})", ""]
    for note in c.notes:
        md += [_md(note), ""]
    return md


def _sources_and_rules(c: ReportContent) -> list[str]:
    """The sources (publisher, date, web address) and the rules cited as footnotes."""
    from coordgraph.report.included import included_section

    md = included_section(c.included)[1] + ["## Sources", ""]
    for s in c.sources:
        bits = [s.publisher or s.author or "publisher not recorded", str(s.date or "n.d.")]
        md.append(
            f"- **{_md(s.id)}**: {_md(s.title)}. {_md(', '.join(bits))}."
            + (f" {markdown_link(s.url)}" if s.url else "")
        )
    md.append("")
    if c.rules:
        md += ["## Rules behind the findings", ""]
        md += [
            f"[^r{i}]: `{_md(rule)}`: {_md(rule_words(rule))}" for i, rule in enumerate(c.rules, 1)
        ]
    return md
