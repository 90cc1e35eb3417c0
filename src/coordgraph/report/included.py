"""The report's section on included datasets: which reference instruments and
memberships the findings rest on, with the depositary's "status as at" date."""

from __future__ import annotations

import html
from typing import Any

from coordgraph.text.i18n import say

__all__ = ["included_section"]


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def included_section(
    used: list[dict[str, Any]] | None, lang: str = "en"
) -> tuple[list[str], list[str]]:
    """HTML and Markdown lines listing ``summary["included"]`` (nothing without it), in
    ``lang``; names as the sources give them."""
    if not used:
        return [], []
    heads = [say(lang, f"included.{k}") for k in ("id", "name", "states", "from", "status")]
    h = [
        f"<h2 id='included'>{html.escape(say(lang, 'included.title'))}</h2>",
        f"<p class='small'>{html.escape(say(lang, 'included.intro'))}</p>",
        "<table><tr>" + "".join(f"<th>{html.escape(x)}</th>" for x in heads) + "</tr>",
    ]
    md = [
        f"## {_md(say(lang, 'included.title'))}",
        "",
        "| " + " | ".join(_md(x) for x in heads) + " |",
        "|---|---|---|---|---|",
    ]
    for item in used:
        key = "included.parties" if item["kind"] == "Agreement" else "included.members"
        states = say(lang, key, n=item["states"])
        origin = item["include"] + (
            say(lang, "included.merged") if item["merged_with_own_record"] else ""
        )
        status = (
            say(lang, "included.status_as_at", day=item["status_as_at"])
            if item.get("status_as_at")
            else say(lang, "included.status_none")
        )
        cells = [item["id"], item["name"], states, origin, status]
        h.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
        md.append("| " + " | ".join(_md(c) for c in cells) + " |")
    h.append("</table>")
    md.append("")
    return h, md
