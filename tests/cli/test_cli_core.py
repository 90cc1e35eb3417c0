"""validate, summary, schema, datasets, gaps and coverage, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from coordgraph.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_summary_on_bundled_dataset() -> None:
    r = run("summary")
    assert r.exit_code == 0
    assert "ecpat-2008" in r.output and "Sources:" in r.output


def test_summary_json() -> None:
    data = json.loads(run("summary", "--format", "json").output)
    assert data["records"]["agreements"] >= 5
    assert data["cited_records"] == data["total_records"]


def test_validate_reports_all_problems_and_exits_2(tmp_path: Path) -> None:
    d = tmp_path / "bad"
    d.mkdir()
    (d / "agreements.csv").write_text(
        "id,kind,parties,scope\na1,bilateral,ALB,children\na2,bilateral,ALB|Grece,kids\n",
        encoding="utf-8",
    )
    (d / "routes.csv").write_text("id,origin,destination\nr1,ALB,area:nowhere\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["validate", str(d)])
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    assert "agreements.csv:2" in r.output
    assert "agreements.csv:3:parties" in r.output
    assert "agreements.csv:3:scope" in r.output
    assert "routes.csv:2:destination" in r.output


def test_validate_bundled_datasets() -> None:
    assert run("validate").exit_code == 0
    assert run("validate", "west-africa").exit_code == 0


def test_missing_dataset_is_a_clean_error() -> None:
    r = CliRunner().invoke(cli, ["summary", "no-such-dataset"])
    assert r.exit_code == 2
    assert r.output.startswith("Error: no dataset at")


def test_schema_is_json_schema() -> None:
    doc = json.loads(run("schema").output)
    assert "agreements" in doc["properties"]
    assert "Agreement" in doc["$defs"]
    dp = json.loads(run("schema", "--datapackage").output)
    assert {r["name"] for r in dp["resources"]} >= {"agreements", "agreement_parties"}


def test_gaps_json_is_stable_and_documented() -> None:
    r = run("gaps", "all", "--as-of", "2008-07", "--format", "json", "--detail")
    doc = json.loads(r.stdout)
    assert doc["schema_version"] == 2
    assert doc["form"] == "detail"
    assert doc["as_of"] == "2008-07-31"
    f = doc["findings"][0]
    assert set(f) == {
        "kind",
        "rule",
        "severity",
        "subjects",
        "message",
        "evidence",
        "sources",
        "link_kind",
        "near_misses",
        "as_of",
        "volume",
        "details",
        "gap_type",
        "criteria_met",
        "criteria_missing",
        "criteria_unknown",
        "worst_missing",
    }


def test_fail_on_gaps_exits_1() -> None:
    r = CliRunner().invoke(cli, ["gaps", "routes", "--as-of", "2008", "--fail-on-gaps"])
    assert r.exit_code == 1


def test_gaps_csv_and_markdown() -> None:
    assert run("gaps", "duplicates", "--as-of", "2008", "--format", "csv").stdout.startswith(
        "kind,"
    )
    assert "| severity |" in run("gaps", "focal-points", "--format", "markdown").stdout


def test_bad_as_of_is_a_usage_error() -> None:
    r = CliRunner().invoke(cli, ["gaps", "routes", "--as-of", "July 2008"])
    assert r.exit_code == 2
    assert "YYYY" in r.output


def test_coverage_table() -> None:
    r = run("coverage", "--network", "rcm", "--include-unverified", "--as-of", "2008")
    assert r.exit_code == 0
    assert "focal point not recorded" in r.output


def test_output_file_written(tmp_path: Path) -> None:
    out = tmp_path / "f.json"
    run("gaps", "all", "--format", "json", "-o", str(out))
    assert json.loads(out.read_text())["findings"]


def _pairs(*args: str) -> set[tuple[str, ...]]:
    doc = json.loads(
        run("gaps", "routes", "--as-of", "2008", "--format", "json", "--detail", *args).stdout
    )
    return {tuple(f["details"]["states"]) for f in doc["findings"]}


def test_disputed_records_need_their_own_flag() -> None:
    # the Moldova -> Turkey route is one the source itself contradicts (disputed)
    assert ("MDA", "TUR") not in _pairs()
    assert ("MDA", "TUR") not in _pairs("--include-unverified")
    assert ("MDA", "TUR") in _pairs("--include-disputed")
    assert ("MDA", "TUR") in _pairs("--include-unverified", "--include-disputed")


def test_gaps_as_of_2002_reports_no_route_first_observed_later() -> None:
    doc = json.loads(run("gaps", "all", "--as-of", "2002", "--format", "json", "--detail").stdout)
    routes = [f for f in doc["findings"] if f["kind"].startswith("route")]
    assert ("MDA", "RUS") not in {tuple(f["details"]["states"]) for f in routes}
    for f in routes:
        for node, dates in f["details"]["dates"].items():
            if node.startswith("Route:") and dates["start"]:
                assert dates["start"].lstrip("<")[:4] <= "2002", (node, dates)


def test_undated_option_changes_the_reading() -> None:
    attested = json.loads(run("gaps", "all", "--as-of", "2002", "--format", "json").stdout)
    always = json.loads(
        run("gaps", "all", "--as-of", "2002", "--undated", "always", "--format", "json").stdout
    )
    assert always["gaps"] > attested["gaps"]
    r = CliRunner().invoke(cli, ["gaps", "all", "--undated", "sometimes"])
    assert r.exit_code == 2
