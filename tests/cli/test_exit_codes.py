"""Exit codes that mean one thing each; ids and dates on the command line checked."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from coordgraph.cli import EXIT_CODES, cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def last_line(r) -> str:
    return r.output.strip().splitlines()[-1]


def test_unknown_network_is_exit_2_not_no_findings() -> None:
    r = run("gaps", "all", "--network", "no-such", "--fail-on-gaps")
    assert r.exit_code == 2
    assert "No findings" not in r.output
    assert last_line(r).startswith("Error: --network: no network 'no-such'")


def test_miscased_id_gets_a_suggestion() -> None:
    r = run("gaps", "all", "--network", "RCM", "--fail-on-gaps")
    assert r.exit_code == 2
    assert "did you mean 'rcm'?" in last_line(r)
    r = run("gaps", "focal-points", "--network", "comit")
    assert r.exit_code == 2 and "did you mean 'commit'?" in last_line(r)


@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "routes", "--network", "nope"],
        ["coverage", "--network", "nope"],
        ["diagram", "routes", "--network", "nope", "-o", "x.png"],
        ["diagram", "map", "--network", "nope", "-o", "x.png"],
        ["diagram", "network", "--network", "nope", "-o", "x.png"],
        # Antarctica: no State of the dataset or of the reference layer it includes
        ["gaps", "routes", "--country", "ATA"],
        ["diagram", "routes", "--country", "ATA", "-o", "x.png"],
    ],
)
def test_ids_are_checked_on_every_command(args: list[str], tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = run(*args)
    assert r.exit_code == 2, r.output
    assert last_line(r).startswith("Error: --")
    assert list(tmp_path.iterdir()) == []


def test_a_known_id_still_works() -> None:
    assert run("gaps", "all", "--network", "rcm", "--as-of", "2008").exit_code == 0
    assert run("gaps", "routes", "--country", "Albania", "--as-of", "2008").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "all"],
        ["coverage", "--network", "rcm"],
        ["report", "-o", "rep"],
        ["diagram", "routes", "-o", "r.png"],
        ["diagram", "map", "-o", "r.png"],
        ["diagram", "network", "--network", "rcm", "-o", "r.png"],
        ["plan"],
        ["neo4j", "gaps", "all"],
    ],
)
@pytest.mark.parametrize("bad", ["2008-13", "soon", "2008-02-30"])
def test_bad_as_of_is_one_line_exit_2(args: list[str], bad: str, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = run(*args, "--as-of", bad)
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: Invalid value for '--as-of'")
    assert list(tmp_path.iterdir()) == []


def test_networks_lists_ids_with_names() -> None:
    r = run("networks")
    assert r.exit_code == 0
    assert "rcm" in r.output and "Regional Conference on Migration" in r.output
    data = json.loads(run("networks", "west-africa", "--format", "json").output)
    assert {"networks", "agreements", "countries"} <= set(data)
    assert any(n["id"] == "ecowas" for n in data["networks"])


def test_internal_error_is_one_line_exit_4_and_debug_shows_the_traceback(monkeypatch) -> None:
    import coordgraph.summary

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something\nunexpected")

    monkeypatch.setattr(coordgraph.summary, "summarise", broken)
    r = run("summary")
    assert r.exit_code == 4
    lines = r.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: internal error: RuntimeError: something unexpected")
    assert "please report it" in lines[0] and "--debug" in lines[0]
    r = run("--debug", "summary")
    assert r.exit_code == 4
    assert "Traceback" in r.output and "RuntimeError" in r.output


def test_keyboard_interrupt_exits_130_with_one_line(monkeypatch) -> None:
    import coordgraph.summary

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(coordgraph.summary, "summarise", interrupted)
    r = run("summary")
    assert r.exit_code == 130
    assert len(r.output.strip().splitlines()) == 1


def test_ctrl_c_on_a_real_process_exits_130() -> None:
    code = (
        "import sys, time, coordgraph.summary\n"
        "def slow(*a, **k):\n"
        "    print('ready', flush=True); time.sleep(60)\n"
        "coordgraph.summary.summarise = slow\n"
        "sys.argv = ['coordgraph', 'summary']\n"
        "from coordgraph.cli import main; main()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_gaps_found_is_1_only_with_fail_on_gaps() -> None:
    assert run("gaps", "all", "--as-of", "2008").exit_code == 0
    assert run("gaps", "all", "--as-of", "2008", "--fail-on-gaps").exit_code == 1


def test_exit_codes_are_documented() -> None:
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for code in (0, 1, 2, 3, 4, 130):
        assert code in EXIT_CODES
        assert f"{code} " in readme
    assert "--overwrite" in readme


def test_the_console_script_flushes_before_it_exits_without_teardown() -> None:
    code = (
        "import sys\n"
        "sys.stdout.write('said'); sys.stderr.write('warned')\n"
        "from coordgraph.cli import exit_now; exit_now(3)\n"
        "print('not reached')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (3, "said", "warned")
