"""Progress bars on standard error, only for a person at a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

import click

T = TypeVar("T")


def progress(items: Iterable[T], *, length: int, label: str, quiet: bool = False) -> Iterator[T]:
    """Yield ``items``, drawing a bar on stderr when it is a terminal and not ``quiet``."""
    if quiet or not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, length=length, label=label, file=sys.stderr) as bar:
        yield from bar
