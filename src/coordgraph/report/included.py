"""The report's section on included datasets: which reference instruments and
memberships the findings rest on, with the depositary's "status as at" date."""

from __future__ import annotations

import html
from typing import Any

__all__ = ["included_section"]


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def included_section(used: list[dict[str, Any]] | None) -> tuple[list[str], list[str]]:
    """HTML and Markdown lines listing ``summary["included"]`` (nothing without it)."""
    if not used:
        return [], []
    h = [
        "<h2 id='included'>Reference instruments used</h2>",
        "<p class='small'>Records taken from included datasets; where this dataset has its "
        "own record of the same instrument, its own wins and <code>coordgraph validate</code> "
        "lists where the two disagree.</p>",
        "<table><tr><th>id</th><th>instrument or body</th><th>States</th><th>from</th>"
        "<th>status</th></tr>",
    ]
    md = [
        "## Reference instruments used",
        "",
        "| id | instrument or body | States | from | status |",
        "|---|---|---|---|---|",
    ]
    for item in used:
        states = f"{item['states']} {'parties' if item['kind'] == 'Agreement' else 'members'}"
        origin = item["include"] + (
            ", merged with this dataset's record" if item["merged_with_own_record"] else ""
        )
        cells = [item["id"], item["name"], states, origin, item["status"]]
        h.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
        md.append("| " + " | ".join(_md(c) for c in cells) + " |")
    h.append("</table>")
    md.append("")
    return h, md
