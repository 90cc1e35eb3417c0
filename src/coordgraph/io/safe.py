"""Cells safe to open in a spreadsheet: no value from input is run as a formula."""

from __future__ import annotations

__all__ = ["safe_cell"]

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
