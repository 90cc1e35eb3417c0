"""Python's cycle collector paused while an analysis makes its findings.

An analysis of a million routes makes millions of small objects that are never garbage
(findings, their details, the answers it keeps per State pair) and no reference cycles.
Each time the collector runs it walks every object still alive, so as the findings grow
it walks them again and again: at 1M routes that was about 40 % of the route analysis's
CPU time (issue 29). Paused, nothing is kept longer than it would be (objects without
cycles are freed as soon as they are unused, collector or not); a cycle made meanwhile
is collected after. Uses the standard library only.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block, and restore it as it was (a caller that
    had paused it keeps it paused)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
