"""coordgraph.text.wrap.wrap gives the lines textwrap.wrap gives, whatever the text."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordgraph.text.wrap import wrap

#: the characters that change how textwrap breaks: spaces of each kind, hyphens, letters,
#: digits, an underscore, punctuation
_PIECES = st.text(alphabet="ab é_19 -.,!>\t\n\u00a0\u3000", max_size=60)


@settings(max_examples=3000, deadline=None)
@given(text=_PIECES, width=st.integers(4, 30), first=st.sampled_from(["", "  ", "    "]))
def test_wrap_is_textwrap(text: str, width: int, first: str) -> None:
    for then in ("", " ", "      "):
        expected = textwrap.wrap(text, width, initial_indent=first, subsequent_indent=then)
        assert wrap(text, width, initial_indent=first, subsequent_indent=then) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Moldova -> Russian Federation (2 routes) has no link as of 2015-12-31; nearest: "
        "ag-132: not yet signed (signed 2018); a multi-disciplinary team is not recorded",
        "fits on one line ",
        "  leading spaces stay",
        "a-very-long-hyphenated-identifier-that-cannot-fit-on-one-line-of-the-width ok",
        "",
        "   ",
    ],
)
def test_wrap_is_textwrap_on_findings_text(text: str) -> None:
    for width in (20, 40, 96):
        expected = textwrap.wrap(text, width, initial_indent="    ", subsequent_indent="      ")
        assert wrap(text, width, initial_indent="    ", subsequent_indent="      ") == expected
