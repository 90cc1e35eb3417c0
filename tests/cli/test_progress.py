"""Progress bars: drawn at a terminal for large work, silent in pipes or with --quiet."""

from __future__ import annotations

import io

import click
import pytest

from coordgraph.cli.progress import bar_callback


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("tty", "quiet", "drawn"), [(True, False, True), (False, False, False), (True, True, False)]
)
def test_bar_only_at_a_terminal(monkeypatch, tty, quiet, drawn):
    err = _Tty() if tty else io.StringIO()
    monkeypatch.setattr("sys.stderr", err)

    @click.command()
    @click.option("--quiet", is_flag=True)
    def cmd(quiet: bool) -> None:
        tick = bar_callback("validating", minimum=10)
        if tick is not None:
            for done in range(0, 101, 50):
                tick(done, 100)

    with pytest.raises(SystemExit):
        cmd.main(["--quiet"] if quiet else [], standalone_mode=True)
    assert ("validating" in err.getvalue()) is drawn


def test_small_work_draws_nothing(monkeypatch):
    err = _Tty()
    monkeypatch.setattr("sys.stderr", err)
    tick = bar_callback("validating", minimum=1000)
    assert tick is not None
    tick(10, 10)
    assert err.getvalue() == ""
