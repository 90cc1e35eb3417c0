"""Every command that writes: only its own files, never the user's, never an input.

The property: whatever the user kept in an output folder beforehand is still there,
byte for byte, after any writing command, with and without --overwrite.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordgraph.cli import cli
from coordgraph.io.atomic import MANIFEST, TMP_PREFIX, OutputFolder, atomic_write_text
from coordgraph.io.load import bundled_datasets

CASES_CSV = (
    "citizenship,CountryOfExploitation,yearOfRegistration,ageBroad,gender,typeOfExploit\n"
    "AL,GR,2010,0--8,Female,sexual\n"
)


def said(text: str) -> list[str]:
    """Lines of standard error, without the date every reading command says first
    ("as of 2008-07-31: ...", #24)."""
    return [line for line in text.strip().splitlines() if not line.startswith("as of ")]


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _cases(tmp: Path) -> str:
    path = tmp / "cases.csv"
    path.write_text(CASES_CSV, encoding="utf-8")
    return str(path)


#: commands that write a folder: name -> (args given a scratch folder and the output, a
#: file they write)
FOLDER_WRITERS: dict[str, tuple[Callable[[Path, str], list[str]], str]] = {
    "report": (lambda t, o: ["report", "--as-of", "2008", "-o", o], "report.md"),
    "synth": (lambda t, o: ["synth", "--routes", "5", "--countries", "5", "-o", o], "routes.csv"),
    "import cases": (lambda t, o: ["import", "cases", _cases(t), "-o", o], "routes.csv"),
    "init csv": (lambda t, o: ["init", o, "--to", "csv"], "routes.csv"),
    "convert to csv": (lambda t, o: ["convert", "west-africa", o, "--to", "csv"], "routes.csv"),
}

#: commands that write one file: name -> (args given the output, file name)
FILE_WRITERS: dict[str, tuple[Callable[[str], list[str]], str]] = {
    "gaps": (lambda o: ["gaps", "all", "--format", "csv", "-o", o], "findings.csv"),
    "coverage": (lambda o: ["coverage", "--network", "rcm", "-o", o], "coverage.txt"),
    "summary": (lambda o: ["summary", "-o", o], "summary.txt"),
    "schema": (lambda o: ["schema", "-o", o], "schema.json"),
    "plan": (lambda o: ["plan", "--as-of", "2008", "-o", o], "plan.txt"),
    "diagram routes": (lambda o: ["diagram", "routes", "--as-of", "2008", "-o", o], "r.png"),
    "diagram map": (lambda o: ["diagram", "map", "--as-of", "2008", "-o", o], "map.svg"),
    "diagram network": (
        lambda o: ["diagram", "network", "--network", "rcm", "--include-unverified", "-o", o],
        "n.png",
    ),
    "timeline": (lambda o: ["timeline", "--from", "2005", "--to", "2008", "-o", o], "t.png"),
    "export graphml": (lambda o: ["export", "--format", "graphml", "-o", o], "g.graphml"),
    "export gexf": (lambda o: ["export", "--format", "gexf", "-o", o], "g.gexf"),
    "export json": (lambda o: ["export", "--format", "json", "-o", o], "g.json"),
    "export geojson": (lambda o: ["export", "--format", "geojson", "-o", o], "g.geojson"),
    "export cypher": (lambda o: ["export", "--format", "cypher", "-o", o], "g.cypher"),
    "export kumu": (lambda o: ["export", "--format", "kumu", "-o", o], "kumu.xlsx"),
    "explore": (lambda o: ["explore", "--as-of", "2008", "-o", o], "explorer.html"),
    "neo4j script": (lambda o: ["neo4j", "script", "-o", o], "g.cypher"),
    "init xlsx": (lambda o: ["init", o], "template.xlsx"),
    "convert to yaml": (lambda o: ["convert", "west-africa", o], "wa.yaml"),
    "convert to xlsx": (lambda o: ["convert", "west-africa", o], "wa.xlsx"),
}


def _keep(folder: Path, names: list[str]) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    kept = {}
    for i, name in enumerate(names):
        data = f"the user's own {name} #{i}\n".encode()
        (folder / name).write_bytes(data)
        kept[name] = data
    return kept


def _survived(folder: Path, kept: dict[str, bytes]) -> None:
    for name, data in kept.items():
        assert (folder / name).read_bytes() == data, f"{name} was changed or lost"


@pytest.mark.parametrize("overwrite", [False, True], ids=["plain", "overwrite"])
@pytest.mark.parametrize("command", sorted(FOLDER_WRITERS))
def test_folder_writer_never_touches_the_users_files(
    command: str, overwrite: bool, tmp_path: Path
) -> None:
    args, own = FOLDER_WRITERS[command]
    out = tmp_path / "out"
    kept = _keep(out, ["notes.txt", ".hidden", "budget.xlsx"])
    r = run(*args(tmp_path, str(out)), *(["--overwrite"] if overwrite else []))
    _survived(out, kept)
    if overwrite:
        assert r.exit_code == 0, r.output
        assert (out / own).is_file() and (out / MANIFEST).is_file()
    else:
        assert r.exit_code == 2
        last = said(r.output)[-1]
        assert last.startswith("Error: ") and "--overwrite" in last
        assert sorted(p.name for p in out.iterdir()) == sorted(kept)


@pytest.mark.parametrize("command", sorted(FOLDER_WRITERS))
def test_folder_writer_never_replaces_a_same_named_file_it_did_not_write(
    command: str, tmp_path: Path
) -> None:
    args, own = FOLDER_WRITERS[command]
    out = tmp_path / "out"
    kept = _keep(out, [own, "notes.txt"])
    r = run(*args(tmp_path, str(out)), "--overwrite")
    assert r.exit_code == 2
    assert "not written by coordgraph" in said(r.output)[-1]
    _survived(out, kept)
    assert sorted(p.name for p in out.iterdir()) == sorted(kept)  # nothing half-written


@pytest.mark.parametrize("overwrite", [False, True], ids=["plain", "overwrite"])
@pytest.mark.parametrize("command", sorted(FILE_WRITERS))
def test_file_writer_leaves_the_rest_of_its_folder_alone(
    command: str, overwrite: bool, tmp_path: Path
) -> None:
    args, name = FILE_WRITERS[command]
    out = tmp_path / "out"
    kept = _keep(out, ["notes.txt", ".hidden", "other.png"])
    takes = ("init", "convert")
    extra = ["--overwrite"] if overwrite and command.startswith(takes) else []
    r = run(*args(str(out / name)), *extra)
    assert r.exit_code == 0, r.output
    _survived(out, kept)
    assert sorted(p.name for p in out.iterdir()) == sorted([*kept, name])
    mode = stat.S_IMODE((out / name).stat().st_mode)
    assert mode == 0o666 & ~_umask(), oct(mode)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_NAMES = st.text(
    st.characters(whitelist_categories=("L", "N"), whitelist_characters="._- "),
    min_size=1,
    max_size=30,
).filter(lambda n: n not in (".", "..") and not n.startswith(TMP_PREFIX))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=st.lists(_NAMES, min_size=1, max_size=4, unique=True), overwrite=st.booleans())
def test_any_files_in_a_synth_folder_survive(
    names: list[str], overwrite: bool, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("prop") / "out"
    kept = _keep(out, names)
    args = ["synth", "--routes", "3", "--countries", "4", "-o", str(out)]
    r = run(*args, *(["--overwrite"] if overwrite else []))
    _survived(out, kept)
    assert r.exit_code in (0, 2)
    assert "Traceback" not in r.output


def test_rerun_into_its_own_folder_needs_no_overwrite_and_removes_its_stale_files(
    tmp_path: Path,
) -> None:
    out = tmp_path / "rep"
    assert run("report", "--as-of", "2008", "-o", str(out)).exit_code == 0
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert "report.html" in manifest["files"]
    (out / "my-notes.md").write_text("mine", encoding="utf-8")
    # a picture of an earlier run that this run does not write is removed (it was ours)
    (out / "network-gone.png").write_bytes(b"old")
    manifest["files"]["network-gone.png"] = [__import__("hashlib").sha256(b"old").hexdigest()]
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    r = run("report", "west-africa", "--as-of", "2019", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert (out / "my-notes.md").read_text(encoding="utf-8") == "mine"
    assert not (out / "network-gone.png").exists()
    assert "as of 2019-12-31" in (out / "report.md").read_text(encoding="utf-8")


def test_an_edited_output_is_no_longer_ours(tmp_path: Path) -> None:
    out = tmp_path / "rep"
    assert run("synth", "--routes", "3", "-o", str(out)).exit_code == 0
    (out / "routes.csv").write_text("id\nmine\n", encoding="utf-8")
    r = run("synth", "--routes", "3", "-o", str(out))
    assert r.exit_code == 2
    assert (out / "routes.csv").read_text(encoding="utf-8") == "id\nmine\n"


def test_the_input_is_never_the_output(tmp_path: Path) -> None:
    data = tmp_path / "d.yaml"
    data.write_bytes((bundled_datasets()["ecpat-2008"] / "dataset.yaml").read_bytes())
    before = data.read_bytes()
    r = run("gaps", "all", str(data), "-o", str(data))
    assert r.exit_code == 2
    assert "is an input" in said(r.output)[-1]
    assert data.read_bytes() == before
    # the same file by another spelling
    r = run("summary", str(data), "-o", str(tmp_path / "." / "x" / ".." / "d.yaml"))
    assert r.exit_code == 2 and data.read_bytes() == before


def test_nothing_is_written_inside_a_csv_input_folder(tmp_path: Path) -> None:
    csv_dir = tmp_path / "csv"
    assert run("synth", "--routes", "3", "-o", str(csv_dir)).exit_code == 0
    listing = sorted(p.name for p in csv_dir.iterdir())
    for args in (
        ["gaps", "all", str(csv_dir), "-o", str(csv_dir / "findings.csv")],
        ["diagram", "routes", str(csv_dir), "-o", str(csv_dir / "r.png")],
        ["export", str(csv_dir), "--format", "kumu", "-o", str(csv_dir / "kumu.xlsx")],
        ["explore", str(csv_dir), "-o", str(csv_dir / "explorer.html")],
        ["report", str(csv_dir), "-o", str(csv_dir), "--overwrite"],
    ):
        r = run(*args)
        assert r.exit_code == 2, args
        assert "input" in said(r.output)[-1]
    assert sorted(p.name for p in csv_dir.iterdir()) == listing


def test_file_and_folder_mixups_are_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "pic.png").mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    cases = [
        (["diagram", "routes", "-o", str(tmp_path / "pic.png")], "is a folder"),
        (["gaps", "all", "-o", str(tmp_path / "pic.png")], "is a folder"),
        (["export", "--format", "gexf", "-o", str(tmp_path / "pic.png")], "is a folder"),
        (["report", "-o", str(tmp_path / "a-file")], "is a file"),
        (["synth", "-o", str(tmp_path / "a-file")], "is a file"),
        (["gaps", "all", "-o", "/dev/null/x.txt"], "cannot write"),
        (["report", "-o", "/dev/null/rep"], "cannot write"),
        (["summary", "-o", "/proc/no-such/x"], "cannot write"),
    ]
    for args, words in cases:
        r = run(*args)
        assert r.exit_code == 2, (args, r.output)
        lines = said(r.output)
        assert len(lines) == 1 and lines[0].startswith("Error: ") and words in lines[0], lines
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "x"
    assert list((tmp_path / "pic.png").iterdir()) == []


def test_findings_csv_for_people_has_a_bom_and_stdout_does_not(tmp_path: Path) -> None:
    out = tmp_path / "f.csv"
    assert run("gaps", "all", "--format", "csv", "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert run("gaps", "all", "--format", "csv", "--no-bom", "-o", str(out)).exit_code == 0
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    r = CliRunner().invoke(cli, ["gaps", "all", "--format", "csv"])
    assert not r.stdout.startswith("\ufeff")
    r = CliRunner().invoke(cli, ["gaps", "all", "--format", "csv", "--bom"])
    assert r.stdout.startswith("\ufeff")
    # JSON and tables never get one
    assert run("gaps", "all", "--format", "json", "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"{")


def test_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write_text(tmp_path / "a.txt", "x")
        with OutputFolder(tmp_path / "dir") as out:
            out.write_text("b.md", "y")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "dir" / "b.md").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "dir").stat().st_mode) == 0o750
    # a replaced file keeps the mode its owner gave it
    (tmp_path / "a.txt").chmod(0o604)
    atomic_write_text(tmp_path / "a.txt", "z")
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o604


_SLOW_WRITER = """
import signal, sys, time
from pathlib import Path
from coordgraph.cli import _terminate
from coordgraph.io.atomic import OutputFolder, atomic_write

signal.signal(signal.SIGTERM, _terminate)
target = Path(sys.argv[1])
if sys.argv[2] == "file":
    with atomic_write(target / "big.csv", "w") as fh:
        fh.write("x" * 100000); fh.flush()
        print("writing", flush=True)
        time.sleep(60)
else:
    with OutputFolder(target / "out") as out:
        out.write_text("a.csv", "x" * 100000)
        print("writing", flush=True)
        time.sleep(60)
"""


def _start_slow(tmp_path: Path, what: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(tmp_path), what],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "writing"
    return proc


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("what", ["file", "folder"])
def test_sigterm_and_ctrl_c_remove_the_temporary_files(
    tmp_path: Path, what: str, sig: signal.Signals
) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    proc = _start_slow(tmp_path, what)
    assert any(p.name.startswith(TMP_PREFIX) for p in tmp_path.iterdir())
    proc.send_signal(sig)
    code = proc.wait(timeout=30)
    assert code == 143 if sig == signal.SIGTERM else code != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


_HALF_IMPORTED = """
import sys, types
from coordgraph import cli
# what a SIGTERM can meet: a module half imported (here coordgraph.errors, before any of
# its names exist) and nothing of coordgraph.io imported yet
sys.modules["coordgraph.errors"] = types.ModuleType("coordgraph.errors")
before = set(sys.modules)
try:
    cli._terminate(15, None)
except SystemExit as exc:
    print(exc.code, sorted(set(sys.modules) - before))
"""


def test_sigterm_during_an_import_exits_143_without_importing() -> None:
    """The SIGTERM handler used to import coordgraph.io.atomic: a signal that arrived
    while a module was half imported ended in "cannot import name ... from partially
    initialized module" (exit 1 or 4) in 13 of 40 runs of `gaps all` stopped early."""
    proc = subprocess.run(
        [sys.executable, "-c", _HALF_IMPORTED], capture_output=True, text=True, timeout=60
    )
    assert proc.stderr == ""
    assert proc.stdout.strip() == "143 []"


def test_temporaries_of_a_killed_run_are_swept_by_the_next(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    # a file that merely looks alike is not ours: no pid and random part in its name
    (tmp_path / ".coordgraph-tmp-notes.txt").write_text("mine too", encoding="utf-8")
    proc = _start_slow(tmp_path, "file")
    proc.kill()
    proc.wait(timeout=30)
    left = [p for p in tmp_path.iterdir() if p.name.startswith(TMP_PREFIX + str(proc.pid))]
    assert len(left) == 1 and left[0].stat().st_size > 0
    time.sleep(0.05)
    atomic_write_text(tmp_path / "next.txt", "the next run")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".coordgraph-tmp-notes.txt",
        "keep.txt",
        "next.txt",
    ]


def test_a_device_is_written_through_and_a_link_is_kept(tmp_path: Path) -> None:
    """`-o /dev/stdout` must not replace the device link with a file (it did, as root)."""
    to_null = tmp_path / "to-null"
    to_null.symlink_to("/dev/null")
    assert run("summary", "-o", str(to_null)).exit_code == 0
    assert to_null.is_symlink() and Path("/dev/null").is_char_device()
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert run("summary", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and "Sources" in real.read_text(encoding="utf-8")


def test_a_name_too_long_is_one_line_exit_2(tmp_path: Path) -> None:
    for args in (
        ["gaps", "all", "-o", str(tmp_path / ("b" * 300 + ".txt"))],
        ["report", "-o", str(tmp_path / ("a" * 300))],
    ):
        r = run(*args)
        assert r.exit_code == 2, r.output
        lines = said(r.output)
        assert len(lines) == 1 and lines[0].startswith("Error: cannot write")
    assert list(tmp_path.iterdir()) == []


def test_a_temporary_left_in_a_csv_folder_is_not_read_as_a_table(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    assert run("synth", "--routes", "3", "-o", str(folder)).exit_code == 0
    leftover = folder / f"{TMP_PREFIX}99999-deadbeef-routes.csv"
    leftover.write_bytes((folder / "routes.csv").read_bytes()[:40])
    r = run("validate", str(folder))
    assert r.exit_code == 0, r.output


# -- the manifest is input: nothing it lists outside the folder is ever touched ----------


def _sha(path: Path) -> str:
    return __import__("hashlib").sha256(path.read_bytes()).hexdigest()


def _plant_manifest(out: Path, files: dict[str, object]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    doc = {"tool": "coordgraph", "files": files}
    (out / MANIFEST).write_text(json.dumps(doc), encoding="utf-8")


def _listing(root: Path) -> dict[str, bytes | str]:
    """Every path under ``root`` with its bytes (or where a link points)."""
    out: dict[str, bytes | str] = {}
    for p in sorted(root.rglob("*")):
        key = str(p.relative_to(root))
        if p.is_symlink():
            out[key] = f"-> {p.readlink()}"
        elif p.is_file():
            out[key] = p.read_bytes()
        else:
            out[key] = "dir"
    return out


def test_the_issue_28_case_a_manifest_listing_paths_outside_deletes_nothing(
    tmp_path: Path,
) -> None:
    """The reported case: `report d.yaml -o rep3` with a planted manifest that lists
    `../../outside/victim.txt` and an absolute path, both with their right SHA-256,
    deleted both files (exit 0)."""
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    data = work / "d.yaml"
    data.write_bytes((bundled_datasets()["ecpat-2008"] / "dataset.yaml").read_bytes())
    victim = tmp_path / "a" / "outside" / "victim.txt"  # rep3/../../outside/victim.txt
    victim.parent.mkdir()
    victim.write_text("the user's file\n", encoding="utf-8")
    absolute = tmp_path / "abs.txt"
    absolute.write_text("another file\n", encoding="utf-8")
    rep = work / "rep3"
    _plant_manifest(
        rep, {"../../outside/victim.txt": [_sha(victim)], str(absolute): [_sha(absolute)]}
    )
    before = _listing(tmp_path)
    r = run("report", str(data), "-o", str(rep), "--as-of", "2011")
    assert r.exit_code == 2, r.output
    lines = said(r.output)
    assert len(lines) == 1 and lines[0].startswith("Error: ") and MANIFEST in lines[0]
    assert "../../outside/victim.txt" in lines[0] and "nothing was changed" in lines[0]
    assert _listing(tmp_path) == before


#: hostile manifest entries, each beside a file outside the folder that it aims at;
#: name -> (what the manifest lists, given the victim's path and the folder)
HOSTILE_NAMES: dict[str, Callable[[Path, Path], str]] = {
    "parent": lambda victim, out: "../" + victim.name,
    "parent twice": lambda victim, out: "../../" + victim.parent.name + "/" + victim.name,
    "absolute": lambda victim, out: str(victim),
    "dot slash parent": lambda victim, out: "./../" + victim.name,
    "backslash parent": lambda victim, out: "..\\" + victim.name,
    "double dot": lambda victim, out: "..",
    "dot": lambda victim, out: ".",
    "empty": lambda victim, out: "",
    "subfolder": lambda victim, out: "sub/routes.csv",
    "nul byte": lambda victim, out: "routes.csv\x00.txt",
    "home": lambda victim, out: "~/" + victim.name,
    "hidden": lambda victim, out: ".notes.csv",
    "not an output suffix": lambda victim, out: "notes.txt",
    "the manifest itself": lambda victim, out: MANIFEST,
    "a temporary": lambda victim, out: TMP_PREFIX + "1-deadbeef-routes.csv",
}


@pytest.mark.parametrize("case", sorted(HOSTILE_NAMES))
def test_a_manifest_listing_anything_but_a_plain_output_name_is_refused(
    case: str, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.csv"
    victim.write_text("id\nthe user's row\n", encoding="utf-8")
    out = outside / "deep" / "out"
    out.mkdir(parents=True)
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    (out / ".notes.csv").write_text("mine too\n", encoding="utf-8")
    listed = HOSTILE_NAMES[case](victim, out)
    target = victim if case not in ("not an output suffix", "hidden") else out / listed
    digest = _sha(target) if target.is_file() else "0" * 64
    _plant_manifest(out, {listed: [digest]})
    before = _listing(tmp_path)
    for overwrite in ([], ["--overwrite"]):
        r = run("synth", "--routes", "3", "--countries", "4", "-o", str(out), *overwrite)
        assert r.exit_code == 2, (case, r.output)
        lines = said(r.output)
        assert len(lines) == 1 and f"{MANIFEST} is not a manifest coordgraph wrote" in lines[0]
        assert _listing(tmp_path) == before, case


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        json.dumps(["routes.csv"]),
        json.dumps({"tool": "other", "files": {}}),
        json.dumps({"tool": "coordgraph", "files": ["routes.csv"]}),
        json.dumps({"tool": "coordgraph", "files": {"routes.csv": "abc"}}),
        json.dumps({"tool": "coordgraph", "files": {"routes.csv": ["not-a-digest"]}}),
        json.dumps({"tool": "coordgraph", "files": {"routes.csv": [1]}}),
    ],
    ids=["text", "list", "other tool", "files list", "digest string", "digest word", "int"],
)
def test_a_malformed_manifest_is_refused_before_anything_is_touched(
    content: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run("synth", "--routes", "3", "--countries", "4", "-o", str(out)).exit_code == 0
    (out / MANIFEST).write_text(content, encoding="utf-8")
    before = _listing(tmp_path)
    r = run("synth", "--routes", "4", "--countries", "4", "-o", str(out), "--overwrite")
    assert r.exit_code == 2, r.output
    assert "is not a manifest coordgraph wrote" in said(r.output)[-1]
    assert _listing(tmp_path) == before


def test_links_in_the_folder_are_never_followed_out_of_it(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.csv"
    victim.write_text("id\nkeep me\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("synth", "--routes", "3", "--countries", "4", "-o", str(out)).exit_code == 0
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    # a file this run writes, turned into a link to the victim; listed with its digest
    (out / "routes.csv").unlink()
    (out / "routes.csv").symlink_to(victim)
    manifest["files"]["routes.csv"] = [_sha(victim)]
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    before = _listing(tmp_path)
    r = run("synth", "--routes", "3", "--countries", "4", "-o", str(out))
    assert r.exit_code == 2 and "not written by coordgraph" in r.output, r.output
    assert _listing(tmp_path) == before
    # a stale name (this run does not write it) that is a link: forgotten, never removed
    (out / "routes.csv").unlink()
    (out / "network-old.png").symlink_to(victim)
    manifest["files"].pop("routes.csv")
    manifest["files"]["network-old.png"] = [_sha(victim)]
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    r = run("synth", "--routes", "3", "--countries", "4", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert (out / "network-old.png").is_symlink()
    assert victim.read_text(encoding="utf-8") == "id\nkeep me\n"
    assert "network-old.png" not in json.loads((out / MANIFEST).read_text("utf-8"))["files"]
    # the manifest itself as a link to a manifest elsewhere
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(json.dumps(manifest), encoding="utf-8")
    (out / MANIFEST).unlink()
    (out / MANIFEST).symlink_to(elsewhere)
    before = _listing(tmp_path)
    r = run("synth", "--routes", "3", "--countries", "4", "-o", str(out))
    assert r.exit_code == 2 and "symbolic link" in r.output, r.output
    assert _listing(tmp_path) == before


_HOSTILE_TEXT = st.lists(
    st.sampled_from(["..", "/", "\\", ".", "a", "~", "\x00", " ", "routes.csv", "é", ":"]),
    max_size=8,
).map("".join)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=st.lists(_HOSTILE_TEXT, min_size=1, max_size=3, unique=True))
def test_any_manifest_never_touches_a_file_outside_its_folder(
    names: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("manifest")
    outside = root / "victim.csv"
    outside.write_text("id\nx\n", encoding="utf-8")
    out = root / "d" / "out"
    _plant_manifest(out, {n: [_sha(outside)] for n in names})
    before = _listing(root)
    r = run("synth", "--routes", "3", "--countries", "4", "-o", str(out), "--overwrite")
    assert r.exit_code in (0, 2), r.output
    assert "Traceback" not in r.output
    assert outside.read_text(encoding="utf-8") == "id\nx\n"
    if r.exit_code == 2:
        assert _listing(root) == before


# -- one writer per output folder --------------------------------------------------------

_HOLDER = """
import sys, time
from pathlib import Path
from coordgraph.io.atomic import OutputFolder

with OutputFolder(Path(sys.argv[1])) as out:
    out.write_text("a.csv", "holder\\n")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _coordgraph(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "coordgraph", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def test_a_second_writer_of_a_locked_folder_fails_in_one_line_after_its_wait(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(out), "30"], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    try:
        start = time.monotonic()
        second = _coordgraph(
            "synth", "--routes", "3", "-o", str(out), env={"COORDGRAPH_LOCK_WAIT": "1"}
        )
        _, err = second.communicate(timeout=120)
        took = time.monotonic() - start
        assert second.returncode == 2, err
        lines = said(err)
        assert len(lines) == 1 and "being written by another coordgraph command" in lines[0]
        assert took >= 1
        # nothing of the second writer is anywhere: the holder's folder is still empty
        assert list(out.iterdir()) == []
    finally:
        holder.kill()
        holder.wait(timeout=30)


def test_a_second_writer_waits_for_the_first_then_writes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(out), "3"], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    second = _coordgraph("synth", "--routes", "3", "-o", str(out))
    _, err = second.communicate(timeout=300)
    assert holder.wait(timeout=60) == 0
    assert second.returncode == 0, err
    names = sorted(p.name for p in out.iterdir())
    assert "a.csv" not in names and "routes.csv" in names  # the holder's run was replaced
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert sorted(manifest) == sorted(n for n in names if n != MANIFEST)


def test_two_synth_runs_into_one_folder_never_interleave(tmp_path: Path) -> None:
    """Two `coordgraph synth -o F` at once: F holds exactly one run's output, whole."""
    seeds = ("1", "2")
    args = ("--routes", "400", "--countries", "20")
    reference = {}
    for seed in seeds:
        ref = tmp_path / f"ref-{seed}"
        assert run("synth", *args, "--seed", seed, "-o", str(ref)).exit_code == 0
        reference[seed] = {p.name: p.read_bytes() for p in ref.iterdir() if p.name != MANIFEST}
    assert reference["1"] != reference["2"]
    for trial in range(4):
        out = tmp_path / f"out-{trial}"
        if trial % 2:  # also into a folder an earlier run made
            assert run("synth", *args, "--seed", "3", "-o", str(out)).exit_code == 0
        procs = [_coordgraph("synth", *args, "--seed", s, "-o", str(out)) for s in seeds]
        for proc in procs:
            _, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err
        got = {p.name: p.read_bytes() for p in out.iterdir() if p.name != MANIFEST}
        assert got in (reference["1"], reference["2"]), f"trial {trial}: a mixed folder"
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
        assert {n: [_sha(out / n)] for n in got} == manifest


# -- the system refusing a write: one line, a documented code, nothing left -------------


def _mount(args: list[str], target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small or read-only file system needs root")
    r = subprocess.run(["mount", *args, str(target)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount here: {r.stderr.strip()}")


@pytest.fixture
def full_disk(tmp_path: Path):
    """A 16 KB file system: any real output fills it."""
    where = tmp_path / "small"
    _mount(["-t", "tmpfs", "-o", "size=16k", "tmpfs"], where)
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


@pytest.fixture
def read_only(tmp_path: Path):
    """A read-only bind mount of an empty folder."""
    source, where = tmp_path / "source", tmp_path / "ro"
    source.mkdir()
    _mount(["--bind", str(source)], where)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(where)], check=True)
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


#: a writer of each kind: a file streamed, a file from bytes or text, a folder
SYSTEM_CASES = {
    "synth": lambda o: ["synth", "--routes", "2000", "-o", str(o / "s")],
    "convert to csv": lambda o: ["convert", "west-africa", str(o / "wa")],
    "convert to xlsx": lambda o: ["convert", "west-africa", str(o / "wa.xlsx")],
    "report": lambda o: ["report", "--as-of", "2008", "-o", str(o / "rep")],
    "gaps": lambda o: ["gaps", "all", "--format", "json", "-o", str(o / "g.json")],
    "export kumu": lambda o: ["export", "--format", "kumu", "-o", str(o / "k.xlsx")],
    "export gexf": lambda o: ["export", "--format", "gexf", "-o", str(o / "g.gexf")],
    "diagram": lambda o: ["diagram", "routes", "--as-of", "2008", "-o", str(o / "r.png")],
}


@pytest.mark.parametrize("case", sorted(SYSTEM_CASES))
def test_a_full_disk_is_one_line_exit_5_and_leaves_nothing(case: str, full_disk: Path) -> None:
    (full_disk / "keep.txt").write_text("mine\n", encoding="utf-8")
    r = run(*SYSTEM_CASES[case](full_disk))
    assert r.exit_code == 5, r.output
    lines = said(r.output)
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith(f"Error: cannot write {full_disk}/") and "No space left" in line
    assert " free there" in line and "needs " in line and "internal error" not in line
    assert sorted(p.name for p in full_disk.iterdir()) == ["keep.txt"]


@pytest.mark.parametrize("case", sorted(SYSTEM_CASES))
def test_a_read_only_file_system_is_one_line_exit_2(case: str, read_only: Path) -> None:
    r = run(*SYSTEM_CASES[case](read_only))
    assert r.exit_code == 2, r.output
    lines = said(r.output)
    assert len(lines) == 1 and lines[0].startswith(f"Error: cannot write {read_only}/"), lines
    assert "Read-only file system" in lines[0] and TMP_PREFIX not in lines[0]
    assert list(read_only.iterdir()) == []


def test_the_console_script_says_the_same_in_one_line(full_disk: Path) -> None:
    proc = _coordgraph("export", "--format", "gexf", "-o", str(full_disk / "g.gexf"))
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 5, err
    lines = said(err)
    assert len(lines) == 1 and "No space left" in lines[0] and "Traceback" not in err
    assert list(full_disk.iterdir()) == []
