"""Progress bars on standard error, only for a person at a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import click

T = TypeVar("T")


def progress(items: Iterable[T], *, length: int, label: str, quiet: bool = False) -> Iterator[T]:
    """Yield ``items``, drawing a bar on stderr when it is a terminal and not ``quiet``."""
    if quiet or not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, length=length, label=label, file=sys.stderr) as bar:
        yield from bar


def is_quiet() -> bool:
    """True with ``coordgraph --quiet`` or when standard error is not a terminal."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("quiet")) or not sys.stderr.isatty()


def bar_callback(label: str, *, minimum: int = 20000) -> Callable[[int, int], None] | None:
    """An ``on_progress(done, total)`` callback drawing a bar, or ``None`` when quiet.

    Work smaller than ``minimum`` items draws nothing.
    """
    if is_quiet():
        return None
    state: dict[str, Any] = {}

    def tick(done: int, total: int) -> None:
        if total < minimum:
            return
        if "bar" not in state:
            state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr)
            state["bar"].__enter__()
            state["last"] = 0
        state["bar"].update(done - state["last"])
        state["last"] = done
        if done >= total:
            state["bar"].__exit__(None, None, None)

    return tick
