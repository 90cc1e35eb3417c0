"""Progress bars on standard error, only for a person at a terminal.

Every step of a command that can take a while (reading the dataset, building the graph,
each analysis, an export) runs inside :func:`stage`. A step that is over within
:data:`DELAY` seconds draws nothing; a longer one draws a bar until it ends, then leaves
one line saying how long it took. Nothing is drawn when standard error is not a terminal
(pipes, files, CI logs) or with ``coordgraph --quiet``.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

import click

#: seconds a step runs before its bar appears
DELAY = 1.0
#: seconds between redraws
INTERVAL = 0.2
#: characters in the bar itself
WIDTH = 30

#: ``on_progress(done, total)``: what the library reports while it works
OnProgress = Callable[[int, int], None]


def is_quiet() -> bool:
    """True with ``coordgraph --quiet`` or when standard error is not a terminal."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("quiet")) or not sys.stderr.isatty()


def _ignore(done: int, total: int) -> None:
    """An ``on_progress`` that draws nothing."""


@contextmanager
def stage(label: str, *, quiet: bool = False) -> Iterator[OnProgress]:
    """Run one step of a command under a progress bar that appears after :data:`DELAY`.

    Yields an ``on_progress(done, total)`` callback: a step that counts its work passes
    it to the library and the bar fills; a step that cannot count shows a moving block
    and the seconds elapsed. ``quiet`` (a command's own ``--quiet``) draws nothing.

    Examples
    --------
    >>> with stage("building the graph"):
    ...     pass
    """
    if quiet or is_quiet():
        yield _ignore
        return
    bar = _Bar(label, sys.stderr)
    bar.start()
    try:
        yield bar.update
    except BaseException:
        bar.stop(finished=False)
        raise
    bar.stop(finished=True)


class _Bar:
    """A bar redrawn by a background thread while the step works in the main one."""

    def __init__(self, label: str, stream: IO[str]) -> None:
        self.label = label
        self.stream = stream
        self.started = time.monotonic()
        self.done = 0
        self.total = 0
        self.drawn = False
        self._longest = 0
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"progress: {label}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def update(self, done: int, total: int) -> None:
        """Record progress (the drawing thread shows it at its next redraw)."""
        with self._lock:
            self.done, self.total = done, total

    def stop(self, *, finished: bool) -> None:
        """Stop redrawing; if the bar was shown, draw it a last time and end its line."""
        self._stopped.set()
        self._thread.join()
        # a step that outlasted the delay ends with its line even if the drawing thread
        # never got its turn (a busy machine)
        if self.drawn or time.monotonic() - self.started >= DELAY:
            self._write(self.line(finished=finished) + "\n")

    def _run(self) -> None:
        if self._stopped.wait(DELAY):
            return
        while True:
            self._write(self.line())
            self.drawn = True
            if self._stopped.wait(INTERVAL):
                return

    def _write(self, text: str) -> None:
        line = text.rstrip("\n")
        padding = " " * max(0, self._longest - len(line))  # wipe a longer previous line
        self._longest = max(self._longest, len(line))
        click.echo("\r" + line + padding + text[len(line) :], file=self.stream, nl=False)

    def line(self, *, finished: bool = False) -> str:
        """The bar as one line: label, bar, percentage when the total is known, seconds."""
        elapsed = time.monotonic() - self.started
        with self._lock:
            done, total = self.done, self.total
        if finished:
            filled, share = WIDTH, "100%" if total else ""
        elif total:
            filled = min(WIDTH, WIDTH * done // total)
            share = f"{100 * done // total:3d}%"
        else:  # nothing counted: a block moving back and forth
            filled, share = 0, ""
        if filled or total or finished:
            bar = "#" * filled + " " * (WIDTH - filled)
        else:
            step = int(elapsed / INTERVAL) % (2 * (WIDTH - 3))
            at = step if step < WIDTH - 3 else 2 * (WIDTH - 3) - step
            bar = " " * at + "###" + " " * (WIDTH - 3 - at)
        return "  ".join([self.label, f"[{bar}]", *([share] if share else []), f"{elapsed:.1f} s"])
