"""Lines of text wrapped for a terminal, as :func:`textwrap.wrap` wraps them, sooner.

The text outputs wrap hundreds of thousands of lines at scale (a message, a near-miss,
a rule, a list of sources). Most are words between single spaces, where wrapping is
simple: a line takes the pieces of words that fit (a word such as ``Timor-Leste``
breaks after its hyphen, where :class:`textwrap.TextWrapper`'s own pattern says), and a
piece that does not fit starts the next line. :func:`wrap` does that itself when no
other whitespace, no two spaces running, no space at either end and no word longer
than a line could make :mod:`textwrap` do more; anything else goes to
:func:`textwrap.wrap` itself. The lines are always the ones :func:`textwrap.wrap` gives
(tests/test_text_wrap.py).
"""

from __future__ import annotations

import re
import textwrap

__all__ = ["wrap"]

#: what makes :mod:`textwrap` do more than break between words and after hyphens:
#: whitespace other than a space, or two spaces running
_OTHER_SPACE = re.compile(r"[^\S ]|  ")

#: how :mod:`textwrap` cuts text into chunks (whitespace, words, hyphenated pieces)
_CHUNKS = textwrap.TextWrapper.wordsep_re


def wrap(
    text: str, width: int = 70, *, initial_indent: str = "", subsequent_indent: str = ""
) -> list[str]:
    """``textwrap.wrap(text, width, initial_indent=..., subsequent_indent=...)``."""
    if text and text[0] != " " and text[-1] != " " and not _OTHER_SPACE.search(text):
        if len(initial_indent) + len(text) <= width:
            return [initial_indent + text]
        words = text.split(" ")
        if max(map(len, words)) <= width - max(len(initial_indent), len(subsequent_indent)):
            return _fill(words, width, initial_indent, subsequent_indent)
    return textwrap.wrap(
        text, width, initial_indent=initial_indent, subsequent_indent=subsequent_indent
    )


def _fill(words: list[str], width: int, first: str, then: str) -> list[str]:
    """Lines of at most ``width`` characters (with their indent), each taking the
    pieces of ``words`` that fit, a space between two words; a space where a line
    breaks is dropped."""
    lines: list[str] = []
    indent, line = first, ""
    for i, word in enumerate(words):
        if i:
            if len(indent) + len(line) < width:
                line += " "
            else:  # the space starts the next line, which drops it
                lines.append(indent + line)
                indent, line = then, ""
        for piece in _pieces(word) if "-" in word else (word,):
            if len(indent) + len(line) + len(piece) <= width:
                line += piece
            else:
                lines.append(indent + (line[:-1] if line.endswith(" ") else line))
                indent, line = then, piece
    lines.append(indent + line)
    return lines


def _pieces(word: str) -> list[str]:
    """A word cut where :mod:`textwrap` may break it (after a hyphen)."""
    return [piece for piece in _CHUNKS.split(word) if piece]
