"""Build the report: summary, findings with citations, coverage, diagrams."""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
from pathlib import Path
from typing import Any

from coordgraph.analyses import coverage, find_gaps
from coordgraph.dataset import Dataset
from coordgraph.dates import parse_as_of
from coordgraph.explorer import explorer_html
from coordgraph.findings import Finding
from coordgraph.formats import format_findings
from coordgraph.io.atomic import OutputFolder
from coordgraph.summary import summarise

__all__ = ["write_report"]

_CSS = """
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222;line-height:1.4}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:1em 0}
th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#f0f0f0} .high{color:#b2182b;font-weight:bold} .medium{color:#d6604d}
.low{color:#777} img{max-width:100%;border:1px solid #eee} .small{font-size:.85em;color:#555}
"""


_EXPLORER_LINK = (
    "<p>Interactive version, year by year (map, focal-point network and findings; opens "
    "offline): <a href='explorer.html'>explorer.html</a>, beside this file.</p>"
)


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    return buf.getvalue()


def _findings_html(findings: list[Finding]) -> str:
    rows = [
        "<table class='findings'><tr><th>severity</th><th>finding</th>"
        "<th>why</th><th>sources</th></tr>"
    ]
    for f in findings:
        why = "<br>".join(html.escape(n) for n in f.near_misses) or html.escape(f.rule)
        rows.append(
            f"<tr><td class='{f.severity}'>{f.severity}</td><td>{html.escape(f.message)}</td>"
            f"<td>{why}</td><td>{html.escape(', '.join(f.sources) or '-')}</td></tr>"
        )
    rows.append("</table>")
    return "\n".join(rows)


def write_report(
    dataset: Dataset,
    out_dir: Path,
    *,
    as_of: dt.date | str | None = None,
    overwrite: bool = False,
    inputs: tuple[Path, ...] = (),
) -> dict[str, Path]:
    """Write ``report.html`` (self-contained) and ``report.md`` (pictures beside it).

    The folder is written as :class:`~coordgraph.io.atomic.OutputFolder` does: a
    non-empty folder coordgraph did not create is refused unless ``overwrite``, and
    files coordgraph did not write are never replaced.
    """
    from coordgraph.render import plot_map, plot_network, plot_routes

    day = parse_as_of(as_of)
    G = dataset.to_networkx()
    summary = summarise(dataset)
    findings = [f for f in find_gaps(G, as_of=day) if f.is_gap]
    from coordgraph.planning import plan_actions

    plan = plan_actions(dataset, as_of=day, top=5)
    pictures: dict[str, bytes] = {
        "routes.png": _png(plot_routes(G, as_of=day)[0]),
        "map.png": _png(plot_map(G, as_of=day)[0]),
    }
    covers = []
    for net in dataset.networks:
        cov = coverage(G, network=net.id, as_of=day)
        if len(cov.member_codes) >= 2:
            covers.append(cov)
            pictures[f"network-{net.id}.png"] = _png(plot_network(G, network=net.id, as_of=day)[0])
    info = summary["dataset"]
    title = f"{info['title']}: coordination gaps as of {day.isoformat()}"
    counts = ", ".join(f"{k} {v}" for k, v in summary["records"].items() if v)
    sources = [
        f"{s['id']}: {s['title']}" + (f" ({s['date']})" if s.get("date") else "")
        for s in summary["sources"]
    ]
    licences = ", ".join(summary["licences"]) or "not stated"

    def img(name: str) -> str:
        data = base64.b64encode(pictures[name]).decode("ascii")
        return f"<img alt='{html.escape(name)}' src='data:image/png;base64,{data}'>"

    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    if info.get("synthetic"):
        parts.append("<p class='high'>Synthetic data: not real facts.</p>")
    parts.append(f"<p>{html.escape(info.get('description') or '')}</p>")
    parts.append(
        f"<p class='small'>Records: {html.escape(counts)}. Countries: {len(summary['countries'])}. "
        f"Licences: {html.escape(licences.rstrip('.'))}.</p>"
    )
    parts.append(_EXPLORER_LINK)
    parts.append(f"<h2>Findings ({len(findings)} gaps)</h2>")
    parts.append(_findings_html(findings))
    parts.append("<h2>Actions that would close the most gaps</h2><ol>")
    for action in plan:
        parts.append(
            f"<li><b>{html.escape(action.kind)} {html.escape('/'.join(action.states))}</b>: "
            f"newly links {action.weight}; {html.escape(action.why)}</li>"
        )
    parts.append("</ol>")
    parts.append("<h2>Routes</h2>" + img("routes.png") + img("map.png"))
    for cov in covers:
        parts.append(f"<h2>Coverage: {html.escape(cov.label)}</h2>")
        rows = cov.matrix()
        table = ["<table><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in rows[0]) + "</tr>"]
        table += [
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows[1:]
        ]
        parts.append("\n".join(table) + "</table>")
        parts.append(img(f"network-{cov.network}.png"))
    parts.append(
        "<h2>Sources</h2><ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in sources) + "</ul>"
    )
    parts.append("</body></html>")

    md = [
        f"# {title}",
        "",
        info.get("description") or "",
        "",
        f"Records: {counts}. Licences: {licences}.",
        "",
        "Interactive version, year by year: [explorer.html](explorer.html) (opens offline).",
        "",
        f"## Findings ({len(findings)} gaps)",
        "",
        format_findings(findings, "markdown"),
        "## Routes",
        "",
        "![routes](routes.png)",
        "",
        "![map](map.png)",
        "",
    ]
    for cov in covers:
        rows = cov.matrix()
        md += [
            f"## Coverage: {cov.label}",
            "",
            "| " + " | ".join(rows[0]) + " |",
            "|" + "---|" * len(rows[0]),
        ]
        md += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        md += ["", f"![{cov.network}](network-{cov.network}.png)", ""]
    md += ["## Sources", ""] + [f"- {s}" for s in sources]

    out = Path(out_dir)
    with OutputFolder(out, overwrite=overwrite, command="report", inputs=inputs) as folder:
        folder.write_text("report.html", "\n".join(parts))
        folder.write_text("report.md", "\n".join(md) + "\n")
        folder.write_text("explorer.html", explorer_html(G, as_of=day))
        for name, data in pictures.items():
            folder.write_bytes(name, data)
    return {
        "html": out / "report.html",
        "markdown": out / "report.md",
        "explorer": out / "explorer.html",
    }
