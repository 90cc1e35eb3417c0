"""Text from data made inert in the outputs people open: no value from input is run as a
formula in a spreadsheet, and none becomes markup or a link in Markdown or HTML.

One implementation each, called by every writer (docs/outputs.md):

* :func:`safe_cell` for spreadsheet cells;
* :func:`markdown_text` for any text from data written into Markdown;
* :func:`web_url` / :func:`markdown_link` for source URLs: only ``http(s)`` ones
  become links.
"""

from __future__ import annotations

import re

__all__ = ["markdown_link", "markdown_text", "safe_cell", "web_url"]

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "|", "%")


def safe_cell(value: object) -> str:
    """Text for a CSV cell; a value that a spreadsheet would read as a formula gets a
    leading apostrophe (OWASP's advice), other values are unchanged.

    >>> safe_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> safe_cell("-12")
    '-12'
    """
    text = "" if value is None else str(value)
    if text.startswith(_TRIGGERS):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


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
