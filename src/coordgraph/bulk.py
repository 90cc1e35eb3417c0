"""Working on hundreds of thousands of small objects at once.

CPython's cyclic garbage collector runs after every few hundred new containers and
walks every object it tracks; building a million small dicts or lists for a graph or a
file then spends most of its time in the collector, finding nothing to free (what we
build holds no cycles). :func:`paused_gc` turns it off around such a loop.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off, and turn it back on after
    (if it was on). Reference counting still frees everything that is let go."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
