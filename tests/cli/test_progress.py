"""Progress bars: drawn at a terminal for steps longer than a second, silent in pipes, in
files and with --quiet."""

from __future__ import annotations

import io
import os
import sys
import time

import click
import pytest
from click.testing import CliRunner

from coordgraph.cli import cli, progress
from coordgraph.cli.progress import stage


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def at_once(monkeypatch):
    """Bars appear at once and redraw often, so short test steps show them."""
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.01)


def _run_step(seconds: float, *, counted: bool = True) -> None:
    with stage("validating") as on_progress:
        for done in range(0, 101, 25):
            if counted:
                on_progress(done, 100)
            time.sleep(seconds / 5)


@pytest.mark.parametrize(
    ("tty", "quiet", "drawn"), [(True, False, True), (False, False, False), (True, True, False)]
)
def test_bar_only_at_a_terminal_and_not_quiet(monkeypatch, at_once, tty, quiet, drawn):
    err = _Tty() if tty else io.StringIO()
    monkeypatch.setattr("sys.stderr", err)

    @click.command()
    @click.option("--quiet", is_flag=True)
    def cmd(quiet: bool) -> None:
        _run_step(0.1)

    with pytest.raises(SystemExit):
        cmd.main(["--quiet"] if quiet else [], standalone_mode=True)
    assert ("validating" in err.getvalue()) is drawn
    if drawn:
        last = err.getvalue().rsplit("\r", 1)[1]
        assert last.startswith("validating  [" + "#" * progress.WIDTH + "]  100%")
        assert last.endswith(" s\n")


def test_a_step_quicker_than_the_delay_draws_nothing(monkeypatch):
    err = _Tty()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr(progress, "DELAY", 5.0)
    started = time.monotonic()
    _run_step(0.05)
    assert err.getvalue() == ""
    assert time.monotonic() - started < 2  # the drawing thread does not hold the step up


def test_a_step_that_cannot_count_shows_a_moving_block(monkeypatch, at_once):
    bar = progress._Bar("validating", _Tty())
    now = time.monotonic()
    frames = []
    for seconds in (0.0, 0.5, 1.0):
        bar.started = now - seconds
        frames.append(bar.line())
    assert len({f.index("###") for f in frames}) > 1  # it moves
    assert all("%" not in f for f in frames)
    assert bar.line(finished=True).startswith("validating  [" + "#" * progress.WIDTH + "]")


def test_a_failing_step_ends_its_line_and_the_error_passes(monkeypatch, at_once):
    err = _Tty()
    monkeypatch.setattr("sys.stderr", err)
    with pytest.raises(ValueError, match="bad row"), stage("validating") as on_progress:
        on_progress(40, 100)
        time.sleep(0.05)
        raise ValueError("bad row")
    last = err.getvalue().rsplit("\r", 1)[1]
    assert " 40%" in last
    assert last.endswith("\n")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_real_terminal_gets_the_bar(monkeypatch, at_once):
    import pty

    leader, follower = pty.openpty()
    with os.fdopen(follower, "w", encoding="utf-8") as terminal:
        monkeypatch.setattr("sys.stderr", terminal)
        _run_step(0.05)
        terminal.flush()
        shown = os.read(leader, 65536).decode("utf-8")
    os.close(leader)
    assert "validating  [" in shown
    assert "100%" in shown


#: what `gaps all` shows, in order: each step of the command
GAPS_STAGES = [
    "reading the dataset",
    "building the graph",
    "indexing the graph",
    "unlinked routes",
    "duplicated mechanisms",
    "missing focal points",
    "plans of action",
    "expected structures",
    "formatting the findings",
]


def _gaps_all(monkeypatch, *, terminal: bool, quiet: bool = False):
    runner = CliRunner()
    if terminal:
        # CliRunner's standard error is a pipe; make the command see a terminal
        monkeypatch.setattr(progress, "is_quiet", lambda: quiet)
    args = [*(["--quiet"] if quiet else []), "gaps", "all", "--as-of", "2008-07"]
    return runner.invoke(cli, args, catch_exceptions=False)


def test_every_step_of_gaps_has_a_bar_at_a_terminal(monkeypatch, at_once):
    result = _gaps_all(monkeypatch, terminal=True)
    assert result.exit_code == 0
    shown = [line.rsplit("\r", 1)[-1] for line in result.stderr.split("\n")[:-1]]
    # the date the command looks at is said once, between the bars (#24)
    assert "as of 2008-07-31: the date asked (--as-of)" in shown
    shown = [line for line in shown if not line.startswith("as of ")]
    assert [line.split("  [")[0] for line in shown] == GAPS_STAGES


def test_gaps_output_is_the_same_with_and_without_bars(monkeypatch, at_once):
    plain = _gaps_all(monkeypatch, terminal=False)
    barred = _gaps_all(monkeypatch, terminal=True)
    assert plain.stdout == barred.stdout
    assert plain.stderr == "as of 2008-07-31: the date asked (--as-of)\n"


@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "all"],
        ["coverage", "--network", "rcm"],
        ["summary"],
        ["validate"],
        ["networks"],
        ["plan", "--top", "2"],
    ],
)
def test_commands_are_silent_when_not_at_a_terminal(at_once, args):
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    assert "  [" not in result.stderr


def test_writing_a_file_has_its_own_bar_and_the_wrote_line_stays_whole(
    monkeypatch, at_once, tmp_path
):
    monkeypatch.setattr(progress, "is_quiet", lambda: False)
    target = tmp_path / "findings.json"
    args = ["gaps", "all", "--as-of", "2008-07", "--format", "json", "-o", str(target)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    shown = [line.rsplit("\r", 1)[-1] for line in result.stderr.split("\n")[:-1]]
    # the date the command looks at is said once, between the bars (#24)
    assert "as of 2008-07-31: the date asked (--as-of)" in shown
    shown = [line for line in shown if not line.startswith("as of ")]
    assert shown[-2].startswith("writing findings.json  [")
    assert shown[-1] == f"wrote {target}"
