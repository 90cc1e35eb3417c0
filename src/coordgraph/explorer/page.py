"""Assemble the explorer: one HTML file holding plotly.js, the page's script and the data.

plotly.js comes from the ``plotly`` package on PyPI (``plotly.offline.get_plotlyjs``),
so the file needs no network: no ``<script src>``, no stylesheet link, no web font.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from coordgraph.explorer.data import explorer_data
from coordgraph.io.atomic import atomic_write_text
from coordgraph.text.i18n import say

__all__ = ["explorer_html", "write_explorer"]

#: What would end a <script> element early; every occurrence sits inside a JS or JSON
#: string, where ``<\/`` means ``</``.
_END = re.compile(r"</(script)", re.IGNORECASE)

_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#222;background:#fff}
header{padding:.5em 1em;border-bottom:1px solid #ddd;display:flex;flex-wrap:wrap;gap:.6em 1.4em;
  align-items:center}
header h1{font-size:1.05em;margin:0;flex-basis:100%}
.control{display:flex;align-items:center;gap:.4em;font-size:.9em}
#slider{width:22em}
select{max-width:22em}
#year{font-weight:bold;min-width:5.5em}
#kinds{flex-wrap:wrap}
#kinds label{margin-right:.6em;font-size:.85em;white-space:nowrap}
main{display:grid;grid-template-columns:40fr 32fr 28fr;align-items:start}
#map,#network{min-width:0;aspect-ratio:4/3;border-right:1px solid #eee}
aside{overflow-y:auto;padding:.3em .6em;font-size:.86em;max-height:max(30em,calc(100vh - 7em))}
#note{flex-basis:100%;color:#8a5a00;font-size:.9em}
#note:empty{display:none}
aside h2{font-size:1em;margin:.4em 0}
ol{list-style:none;padding:0;margin:0}
.finding{border:1px solid #ddd;border-left:5px solid #999;border-radius:3px;padding:.35em .5em;
  margin:.35em 0;cursor:pointer}
.finding:hover{background:#f6f6f6}
.finding.selected{background:#fff7e0;border-color:#f0a000}
.sev-high{border-left-color:#b2182b}.sev-medium{border-left-color:#ef8a62}
.sev-low{border-left-color:#999}.sev-info{border-left-color:#4393c3}
.badge{font-weight:bold;text-transform:uppercase;font-size:.75em;margin-right:.5em}
.kind{color:#555;font-size:.8em}
.message{margin-top:.2em}
.more{margin-top:.3em;color:#444;font-size:.92em;border-top:1px dashed #ccc;padding-top:.3em}
.small{color:#666;font-size:.8em}
#expected{margin:.3em 0 .6em}
#expected table{border-collapse:collapse;width:100%;font-size:.92em}
#expected th,#expected td{border-bottom:1px solid #e4e4e4;padding:.2em .3em;text-align:left;
  vertical-align:top}
#expected tr.gap td:nth-child(2){color:#b2182b}
"""

_BODY = """
<header>
  <h1>{title}</h1>
  <div class="control"><label for="slider">{as_of}</label>
    <input id="slider" type="range" min="0" step="1" list="ticks">
    <datalist id="ticks"></datalist>
    <span id="year"></span> <span class="small">(<span id="asof"></span>)</span></div>
  <div class="control"><label for="country">{state}</label>
    <select id="country"><option value="">{all}</option></select></div>
  <div class="control"><label for="network-filter">{network}</label>
    <select id="network-filter"><option value="">{all}</option></select></div>
  <div class="control" id="kinds"></div>
  <div id="note" role="status"></div>
</header>
<main>
  <div id="map"></div>
  <div id="network"></div>
  <aside>
    <section id="expected" aria-live="polite"></section>
    <h2>{findings}</h2>
    <p class="small">{click}</p>
    <ol id="findings"></ol>
  </aside>
</main>
"""


def _script_text(text: str) -> str:
    """Text safe inside a <script> element: no ``</script`` or ``<!--`` can end it."""
    return _END.sub(lambda m: "<\\/" + m.group(1), text).replace("<!--", "<\\u0021--")


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return str(get_plotlyjs())


def explorer_html(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date | str | None = None,
    title: str | None = None,
    lang: str = "en",
) -> str:
    """The explorer as one self-contained HTML page (a string).

    The map of route pairs, the focal-point network and the findings list side by side;
    an as-of slider over the years in the data (findings computed by
    :func:`coordgraph.explorer.data.explorer_data` for each), filters by State, network
    and finding kind; a click on a finding highlights its States, routes and evidence;
    a State chosen shows what it is expected to have and what the records show.
    ``#year=2008`` at the end of the file's address opens it at that step. ``lang``
    (``en``, ``fr``) is the language of its words; names stay as recorded.
    """
    from coordgraph import __version__

    data: dict[str, Any] = explorer_data(G, as_of=as_of, title=title, lang=lang)
    script = resources.files("coordgraph.explorer").joinpath("explorer.js").read_text("utf-8")
    payload = _script_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    e = html.escape
    body = _BODY.format(
        title=e(data["title"]),
        as_of=e(say(lang, "ex.as_of")),
        state=e(say(lang, "ex.state")),
        network=e(say(lang, "ex.network")),
        all=e(say(lang, "ex.all")),
        findings=e(say(lang, "ex.findings", count="@count@", gaps="@gaps@"))
        .replace("@count@", "<span id='count'></span>")
        .replace("@gaps@", "<span id='gaps'></span>"),
        click=e(say(lang, "ex.click", version=__version__, dataset=data["dataset"])),
    )
    return (
        f"<!DOCTYPE html>\n<html lang='{e(lang)}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{e(data['title'])}: {e(say(lang, 'ex.explorer'))}</title>"
        f"<style>{_CSS}</style></head><body>{body}"
        f"<script>{_script_text(_plotly_js())}</script>"
        f'<script type="application/json" id="coordgraph-data">{payload}</script>'
        f"<script>{_script_text(script)}</script>"
        "</body></html>\n"
    )


def write_explorer(
    G: nx.MultiDiGraph,
    path: Path,
    *,
    as_of: dt.date | str | None = None,
    title: str | None = None,
    inputs: Iterable[Path] = (),
    lang: str = "en",
) -> Path:
    """Write :func:`explorer_html` to ``path`` atomically, never over one of ``inputs``."""
    page = explorer_html(G, as_of=as_of, title=title, lang=lang)
    atomic_write_text(Path(path), page, inputs=inputs)
    return Path(path)
