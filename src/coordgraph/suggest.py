"""Did you mean ...? The one rule that proposes a known value for a mistyped one.

Ids, vocabulary values, scope tags and column names are all suggested here, so a typo
gets the same kind of answer wherever it is typed. A value that differs from a known one
only by case, spaces or hyphens (``Domestic servitude`` for ``domestic_servitude``) is
proposed first; otherwise the closest spelling, if it is close enough. Countries have
their own rule, with names and codes (:func:`coordgraph.countries.normalise_country`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["closest", "did_you_mean"]


def _folded(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def closest(value: str, known: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The known value most likely meant by ``value`` (``None`` when none is close).

    Examples
    --------
    >>> closest("Domestic servitude", ["labour", "domestic_servitude"])
    'domestic_servitude'
    >>> closest("repatriaton", ["repatriation", "prevention"])
    'repatriation'
    """
    options = sorted(set(known))
    folded = _folded(value)
    same = [k for k in options if _folded(k) == folded]
    if same:
        return same[0]
    close = difflib.get_close_matches(value, options, n=1, cutoff=cutoff)
    if close:
        return close[0]
    by_fold = {_folded(k): k for k in options}
    close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=cutoff)
    return by_fold[close[0]] if close else None


def did_you_mean(value: str, known: Iterable[str]) -> str | None:
    """``"did you mean 'x'?"`` for the closest known value, or ``None``."""
    found = closest(value, known)
    return f"did you mean {found!r}?" if found is not None else None
