"""Text from data made inert in the outputs people open: no value from input is run as a
formula in a spreadsheet, and none becomes markup or a link in Markdown or HTML.

One implementation each, called by every writer (docs/outputs.md):

* :func:`safe_cell` for CSV cells, undone exactly by :func:`restore_cell`;
  :data:`CELL_TRIGGER` and :data:`PLAIN_NUMBER` are the same rule for a polars column;
* :func:`put_xlsx_text` for text in a workbook cell;
* :func:`markdown_text` for any text from data written into Markdown;
* :func:`web_url` / :func:`markdown_link` for source URLs: only ``http(s)`` ones
  become links.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "CELL_ESCAPE",
    "CELL_TRIGGER",
    "PLAIN_NUMBER",
    "formula_like",
    "markdown_link",
    "markdown_text",
    "put_xlsx_text",
    "restore_cell",
    "restore_cells_expr",
    "safe_cell",
    "safe_cells_expr",
    "web_url",
]

#: the mark put before a cell a spreadsheet would run as a formula (OWASP's advice), and
#: before a cell that already starts with it, so that removing one gives the text back
CELL_ESCAPE = "'"
#: a cell starting with one of these is run as a formula by Excel, LibreOffice or Google
#: Sheets (OWASP, "CSV Injection": = + - @ tab carriage return; | and % start DDE and
#: macro references in some of them) -- unless it is a plain number
CELL_TRIGGER = r"^[=+\-@\t\r|%]"
#: a number a spreadsheet reads as a number, never as a formula (-12, +3.5, -1e5):
#: ASCII digits only; pattern for the whole cell (Python ``re`` and polars alike)
PLAIN_NUMBER = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
_TRIGGER_RE = re.compile(CELL_TRIGGER)
_NUMBER_RE = re.compile(PLAIN_NUMBER.removesuffix("$"))


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would run ``text`` as a formula.

    >>> [formula_like(t) for t in ("=1+1", "-2+3", "@SUM(A1)", "-12", "+1e5", "Ministry")]
    [True, True, True, False, False, False]
    """
    return _TRIGGER_RE.match(text) is not None and _NUMBER_RE.fullmatch(text) is None


def safe_cell(value: object, *, neutralise: bool = True) -> str:
    """Text for a CSV cell. With ``neutralise`` (the default), a value a spreadsheet
    would read as a formula gets a leading apostrophe, and so does a value that already
    starts with one; :func:`restore_cell` removes it, so every text comes back as it
    was. Plain numbers (``-12``) are unchanged.

    >>> safe_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> safe_cell("-12"), safe_cell("'quoted"), safe_cell("=1", neutralise=False)
    ('-12', "''quoted", '=1')
    """
    text = "" if value is None else str(value)
    if neutralise and (text.startswith(CELL_ESCAPE) or formula_like(text)):
        return CELL_ESCAPE + text
    return text


def restore_cell(text: str) -> str:
    """The text :func:`safe_cell` was given (one leading apostrophe removed).

    >>> restore_cell(safe_cell("=3+3")), restore_cell(safe_cell("'a")), restore_cell("b")
    ('=3+3', "'a", 'b')
    """
    return text[1:] if text.startswith(CELL_ESCAPE) else text


def safe_cells_expr(column: Any) -> Any:
    """The polars form of :func:`safe_cell` for a text column (the same two patterns),
    for writers that turn a whole column into CSV at once."""
    import polars as pl

    needs = column.str.contains("^" + CELL_ESCAPE) | (
        column.str.contains(CELL_TRIGGER) & ~column.str.contains(PLAIN_NUMBER)
    )
    return pl.when(needs).then(pl.lit(CELL_ESCAPE) + column).otherwise(column)


def restore_cells_expr(column: Any) -> Any:
    """The polars form of :func:`restore_cell` for a text column."""
    return column.str.strip_prefix(CELL_ESCAPE)


def put_xlsx_text(cell: Any, text: str, *, neutralise: bool = True) -> None:
    """Store ``text`` in an openpyxl cell as text, never as a formula: the cell is typed
    as a string whatever it starts with, and (with ``neutralise``) one a spreadsheet
    would read as a formula also gets Excel's quote-prefix style, so that editing it in
    Excel keeps it text. The value itself is unchanged (nothing to undo on reading)."""
    cell.value = text
    cell.data_type = "s"
    if neutralise and formula_like(text):
        cell.quotePrefix = True


#: what Markdown (CommonMark, GFM) or HTML inside it would read as markup: HTML's three
#: characters become entities; the Markdown punctuation that makes links, images, code,
#: emphasis and table cells is escaped with a backslash
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKDOWN = re.compile(r"([\\`*_\[\]|])")
_WEB_URL = re.compile(r"https?://[^\s<>\"'`\\|\x00-\x1f\x7f]+", re.IGNORECASE)


def markdown_text(value: object) -> str:
    """Text from data for Markdown, read back as the same text and never as markup: no
    tag, link, image, code span, emphasis or table cell boundary, one line.

    >>> markdown_text("<script>x</script> [a](javascript:alert(1)) a|b")
    '&lt;script&gt;x&lt;/script&gt; \\\\[a\\\\](javascript:alert(1)) a\\\\|b'
    """
    text = " ".join(str("" if value is None else value).splitlines())
    text = "".join(_HTML.get(c, c) for c in text)
    return _MARKDOWN.sub(r"\\\1", text)


def web_url(url: object) -> str | None:
    """``url`` if it is an ``http://`` or ``https://`` address that can be written as a
    link as it is (no spaces, quotes, angle brackets or control characters), else None:
    ``javascript:``, ``data:``, ``file:`` and any other scheme never become links.

    >>> web_url("https://www.unodc.org/x?a=1&b=2")
    'https://www.unodc.org/x?a=1&b=2'
    >>> web_url("javascript:alert(1)") is None
    True
    """
    if not isinstance(url, str) or _WEB_URL.fullmatch(url) is None:
        return None
    return url


def markdown_link(url: object) -> str:
    """A source URL for Markdown: an autolink ``<https://...>`` for an http(s) address,
    otherwise the text escaped (:func:`markdown_text`), never a link.

    >>> markdown_link("https://example.org/a")
    '<https://example.org/a>'
    >>> markdown_link("javascript:alert(1)")
    'javascript:alert(1)'
    """
    link = web_url(url)
    return f"<{link}>" if link else markdown_text(url)
