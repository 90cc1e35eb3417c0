"""Every case of the bad-input corpus gets a clear problem (file, row, field, message,
hint), never a traceback and never a silent accept. Regenerate the corpus with
`python tests/bad_inputs/make_corpus.py`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

import coordgraph
from coordgraph.cli import cli
from coordgraph.errors import DataError, ValidationFailed

HERE = Path(__file__).parent / "bad_inputs"
MANIFEST: dict[str, dict] = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))


def _run(name: str, *, strict: bool = False, warnings: list | None = None):
    folder = HERE / "cases" / name
    target = folder / MANIFEST[name]["open"] if "open" in MANIFEST[name] else folder
    try:
        return coordgraph.load(target, strict=strict, warnings=warnings), None
    except ValidationFailed as exc:
        return None, [p.as_dict() for p in exc.problems]
    except DataError as exc:
        return None, [{"file": None, "row": None, "field": None, "message": str(exc), "hint": None}]


def _matches(problem: dict, expect: dict) -> bool:
    if "file" in expect and problem["file"] not in (expect["file"], None):
        return False
    if "field" in expect and not str(problem["field"] or "").startswith(expect["field"]):
        return False
    if "row" in expect and problem["row"] != expect["row"]:
        return False
    if expect["message"] not in problem["message"]:
        return False
    return "hint" not in expect or expect["hint"] in (problem["hint"] or problem["message"])


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_case(name: str) -> None:
    expect = MANIFEST[name]
    if expect.get("warning"):
        warnings: list = []
        dataset, problems = _run(name, warnings=warnings)
        assert problems is None, problems
        found = [p.as_dict() for p in warnings]
        assert any(_matches(p, expect) for p in found), found
        _, problems = _run(name, strict=True)
        assert problems and any(_matches(p, expect) for p in problems), problems
        return
    dataset, problems = _run(name)
    if expect["valid"]:
        assert problems is None, problems
        if "name" in expect:
            assert dataset.routes[0].name == expect["name"]
        if "check" in expect:
            section, index, field, value = expect["check"]
            found = getattr(getattr(dataset, section)[index], field)
            assert found == value or str(found) == value
        return
    assert problems, "silently accepted"
    assert any(_matches(p, expect) for p in problems), problems
    for p in problems:
        if p["file"] is not None and p["field"]:
            assert (
                p["row"] is not None
                or p["field"] in {"scope", "colour"}
                or "column" in p["message"]
            ), p


def test_corpus_counts() -> None:
    outcomes: Counter[str] = Counter()
    for name, expect in MANIFEST.items():
        try:
            _, problems = _run(name)
        except Exception:  # a traceback: counted, and the test fails below
            outcomes["tracebacks"] += 1
            continue
        if not expect["valid"] and not expect.get("warning") and problems is None:
            outcomes["silent accepts"] += 1
        outcomes["cases"] += 1
    assert len(MANIFEST) >= 200
    assert outcomes["tracebacks"] == 0 and outcomes["silent accepts"] == 0, outcomes


@pytest.mark.parametrize(
    "name",
    [
        "country-typo-name-route-origin",
        "csv-semicolons-unknown-column",
        "file-truncated-yaml",
        "csv-latin1",
        "yaml-date-impossible-unquoted",
        "yaml-alias-bomb",
        "yaml-duplicate-section",
        "json-volume-nan",
        "csv-unbalanced-quote",
        "folder-yaml-and-csv",
        "datapackage-list",
        "rule-focal-point-not-member",
        "rule-transit-is-origin-by-name",
        "rule-source-cites-missing-source",
        "folder-named-like.xlsx",
        "xlsx-hidden-rows-autofilter",
        "xlsx-date-serial-60-leap-day",
        "xlsx-empty-rows-bomb",
    ],
)
def test_cli_exits_2_without_traceback(name: str) -> None:
    folder = HERE / "cases" / name
    if "open" in MANIFEST[name]:
        folder = folder / MANIFEST[name]["open"]
    r = CliRunner().invoke(cli, ["validate", str(folder)])
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    assert r.output.strip().splitlines()[-1].startswith("Error:")


@pytest.mark.parametrize("name", sorted(n for n, e in MANIFEST.items() if e.get("warning")))
def test_warnings_exit_0_and_strict_exits_2(name: str) -> None:
    folder = HERE / "cases" / name
    r = CliRunner().invoke(cli, ["validate", str(folder)])
    assert r.exit_code == 0 and "warning: " in r.output
    r = CliRunner().invoke(cli, ["validate", str(folder), "--strict"])
    assert r.exit_code == 2 and MANIFEST[name]["message"] in r.output
