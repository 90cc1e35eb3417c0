"""Including another dataset (the reference layer): what is taken, which record is the
same, the own record winning, warnings where they disagree, every input format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from coordgraph.cli import cli
from coordgraph.errors import ValidationFailed
from coordgraph.io.convert import convert
from coordgraph.io.load import load
from coordgraph.model import Agreement, Network

DATA = Path(__file__).parent / "data" / "include"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("mini-reference.yaml", "region.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def _edit(path: Path, change: dict[str, object]) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc.update(change)
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _agreement(ds: object, agreement_id: str) -> Agreement:
    return next(a for a in ds.agreements if a.id == agreement_id)  # type: ignore[attr-defined]


def test_own_record_wins_and_what_only_the_reference_holds_is_added() -> None:
    ds = load(DATA / "region.yaml")
    cets = _agreement(ds, "cets-197")
    parties = {p.country: p for p in cets.parties}
    # Portugal: only the reference lists it, with its citation and its reservation
    assert str(parties["PRT"].ratified) == "<2013-10-30"
    assert [str(c) for c in parties["PRT"].reservation_sources] == ["pt-mp-cets197"]
    # Albania: both date it, a day apart: this dataset's date is used
    assert str(parties["ALB"].ratified) == "2007-02-07"
    # Moldova: "one of the first ten" here, the exact day in the reference: refined
    assert str(parties["MDA"].ratified) == "2006-05-19"
    assert [str(c) for c in parties["MDA"].sources] == ["coe-pr-2008-01-23", "infoeuropa-md-greta"]
    assert parties["MDA"].notes == "One of the first ten ratifications."
    # fields the own record leaves unset come from the reference; set ones stay
    assert cets.network == "coe" and str(cets.signed) == "2005-05-16"
    assert cets.name == "Council of Europe Convention (CETS 197)"
    assert [str(c) for c in cets.sources] == ["coe-pr-2008-01-23", "coe-cets197-status"]
    # records only the reference holds are there; the own records are kept apart
    assert {a.id for a in ds.agreements} == {"cets-197", "palermo-protocol"}
    assert ds.inclusion is not None
    assert {r.id for r in ds.inclusion.own} == {"coe-pr-2008-01-23", "cets-197"}


def test_a_disagreement_is_a_warning_with_both_citations() -> None:
    ds = load(DATA / "region.yaml")
    assert ds.inclusion is not None
    (warning,) = ds.inclusion.warnings
    assert (warning.file, warning.row, warning.field) == ("region.yaml", 20, "parties.ALB.ratified")
    assert "2007-02-07 here but 2007-02-06 in mini-reference" in warning.message
    assert "cites coe-pr-2008-01-23 here" in warning.message
    assert "cites coe-cets197-status in mini-reference" in warning.message


def test_validate_prints_the_warnings_and_stays_valid() -> None:
    result = CliRunner().invoke(cli, ["validate", str(DATA / "region.yaml")])
    assert result.exit_code == 0, result.output
    assert "warning: region.yaml:20:parties.ALB.ratified:" in result.output
    assert "6 taken from mini-reference; 1 warning" in result.output
    as_json = CliRunner().invoke(cli, ["validate", str(DATA / "region.yaml"), "--format", "json"])
    doc = json.loads(as_json.stdout)
    assert doc["valid"] and doc["warnings"][0]["field"] == "parties.ALB.ratified"


def test_summary_lists_the_included_instruments_with_their_status_date() -> None:
    result = CliRunner().invoke(cli, ["summary", str(DATA / "region.yaml"), "--format", "json"])
    assert result.exit_code == 0, result.output
    used = {u["id"]: u for u in json.loads(result.stdout)["included"]}
    assert used["palermo-protocol"]["status_as_at"] == "2008-09-26"
    assert used["cets-197"]["merged_with_own_record"] is True
    assert used["cets-197"]["status_not_before"] == "2013-11-26"
    assert used["coe"]["kind"] == "Network"
    text = CliRunner().invoke(cli, ["summary", str(DATA / "region.yaml")]).output
    assert "palermo-protocol: Protocol to Prevent" in text
    assert "from mini-reference, status as at 2008-09-26" in text


def test_the_route_is_linked_only_with_the_reference(folder: Path) -> None:
    def unlinked(path: Path) -> list[object]:
        result = CliRunner().invoke(
            cli, ["gaps", "routes", str(path), "--as-of", "2014", "--format", "json", "--detail"]
        )
        assert result.exit_code == 0, result.output
        return list(json.loads(result.stdout)["findings"])

    assert unlinked(folder / "region.yaml") == []
    _edit(folder / "region.yaml", {"dataset": {"name": "region", "title": "Region"}})
    findings = unlinked(folder / "region.yaml")
    assert findings and all("PRT" in json.dumps(f) for f in findings)


def test_same_as_merges_under_the_own_id_and_references_follow(folder: Path) -> None:
    doc = yaml.safe_load((folder / "region.yaml").read_text(encoding="utf-8"))
    doc["agreements"][0]["id"] = "coe-trafficking-convention"
    doc["agreements"][0]["same_as"] = "cets-197"
    doc["networks"] = [
        {"id": "council-of-europe", "same_as": "coe", "name": "CoE", "type": "intergovernmental"}
    ]
    (folder / "region.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    ds = load(folder / "region.yaml")
    assert {a.id for a in ds.agreements} == {"coe-trafficking-convention", "palermo-protocol"}
    assert {n.id for n in ds.networks} == {"council-of-europe"}
    merged = _agreement(ds, "coe-trafficking-convention")
    assert merged.network == "council-of-europe"  # the reference's "coe", renamed
    assert {p.country for p in merged.parties} == {"ALB", "MDA", "PRT"}
    network = next(n for n in ds.networks if isinstance(n, Network))
    assert {m.country for m in network.members} == {"MDA", "PRT"}


def test_same_as_that_names_nothing_is_a_problem(folder: Path) -> None:
    doc = yaml.safe_load((folder / "region.yaml").read_text(encoding="utf-8"))
    doc["agreements"][0]["same_as"] = "cets-179"
    (folder / "region.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        load(folder / "region.yaml")
    messages = [str(p) for p in failed.value.problems]
    assert any(":same_as: no included dataset gives a Agreement 'cets-179'" in m for m in messages)


def test_only_takes_the_records_named_and_what_they_refer_to(folder: Path) -> None:
    _edit(
        folder / "region.yaml",
        {
            "dataset": {
                "name": "region",
                "title": "Region",
                "include": [{"dataset": "mini-reference.yaml", "only": ["palermo-protocol"]}],
            }
        },
    )
    ds = load(folder / "region.yaml")
    assert {a.id for a in ds.agreements} == {"cets-197", "palermo-protocol"}
    assert not ds.networks  # the reference's CETS 197 (and its network) were not taken
    assert {s.id for s in ds.sources} == {"coe-pr-2008-01-23", "unodc-palermo-2008"}
    assert len(_agreement(ds, "cets-197").parties) == 2


def test_only_with_an_unknown_id_is_a_problem_at_the_include_line(folder: Path) -> None:
    text = (folder / "region.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "include: [mini-reference.yaml]", "include: ['mini-reference.yaml: cets-179']"
    )
    (folder / "region.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        load(folder / "region.yaml")
    (problem,) = failed.value.problems
    assert str(problem).startswith("region.yaml:7:dataset.include: 'mini-reference.yaml' holds no")
    assert problem.hint == "did you mean 'cets-197'?"


def test_a_missing_or_broken_or_nested_include_is_a_problem(folder: Path) -> None:
    text = (folder / "region.yaml").read_text(encoding="utf-8")
    (folder / "region.yaml").write_text(text.replace("mini-reference.yaml", "nowhere.yaml"))
    with pytest.raises(ValidationFailed) as failed:
        load(folder / "region.yaml")
    assert "no dataset 'nowhere.yaml' beside region.yaml" in str(failed.value.problems[0])

    (folder / "region.yaml").write_text(text, encoding="utf-8")
    _edit(
        folder / "mini-reference.yaml",
        {"dataset": {"name": "m", "title": "M", "include": ["europe"]}},
    )
    with pytest.raises(ValidationFailed) as failed:
        load(folder / "region.yaml")
    assert "includes other datasets itself" in str(failed.value.problems[0])

    ref = (DATA / "mini-reference.yaml").read_text(encoding="utf-8")
    (folder / "mini-reference.yaml").write_text(
        ref.replace("ratified: 2007-02-06", "ratified: 2007-13-06")
    )
    with pytest.raises(ValidationFailed) as failed:
        load(folder / "region.yaml")
    shown = [str(p) for p in failed.value.problems]
    assert any("the included dataset 'mini-reference.yaml' is not valid" in s for s in shown)
    assert any(s.startswith("mini-reference.yaml:") and "month 13" in s for s in shown)


def test_a_source_id_that_means_another_document_is_a_problem(folder: Path) -> None:
    text = (folder / "region.yaml").read_text(encoding="utf-8")
    text = text.replace("id: coe-pr-2008-01-23", "id: unodc-palermo-2008", 1)
    text = text.replace("[coe-pr-2008-01-23]", "[unodc-palermo-2008]")
    (folder / "region.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        load(folder / "region.yaml")
    assert any(
        "source id 'unodc-palermo-2008' is also a different source in 'mini-reference'" in str(p)
        for p in failed.value.problems
    )


@pytest.mark.parametrize("target", ["region.xlsx", "region-csv", "sub/region.json"])
def test_every_format_keeps_the_include(folder: Path, target: str) -> None:
    out = folder / "out" / target
    written, _ = convert(folder / "region.yaml", out)
    assert written.info.include[0].dataset.endswith("mini-reference.yaml")
    assert len(written) == 3  # its own records only: a source, CETS 197, the route
    again = load(out)
    original = load(folder / "region.yaml")
    assert again.inclusion is not None and original.inclusion is not None
    assert _agreement(again, "cets-197") == _agreement(original, "cets-197")
    assert {a.id for a in again.agreements} == {a.id for a in original.agreements}
    assert len(again.inclusion.warnings) == 1


def test_convert_inline_writes_everything_without_the_include(folder: Path) -> None:
    result = CliRunner().invoke(
        cli, ["convert", str(folder / "region.yaml"), str(folder / "all.yaml"), "--inline"]
    )
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load((folder / "all.yaml").read_text(encoding="utf-8"))
    assert "include" not in doc["dataset"]
    inlined = load(folder / "all.yaml")
    assert inlined.inclusion is None
    assert _agreement(inlined, "cets-197") == _agreement(load(folder / "region.yaml"), "cets-197")


def test_an_include_by_name_reaches_a_bundled_dataset(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(
        "dataset: {name: d, title: D, include: ['reference: cets-197']}\n", encoding="utf-8"
    )
    ds = load(tmp_path / "d.yaml")
    assert [a.id for a in ds.agreements] == ["cets-197"]
    assert {n.id for n in ds.networks} == {"coe"}  # CETS 197's network comes with it
    assert ds.inclusion is not None and ds.inclusion.used[0].include == "reference"


def test_the_report_lists_the_reference_instruments_used(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["report", str(DATA / "region.yaml"), "-o", str(tmp_path / "r"), "--as-of", "2014"]
    )
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    assert "## Reference instruments used" in markdown
    assert (
        "| palermo-protocol | Protocol to Prevent, Suppress and Punish Trafficking in Persons "
        "| 2 parties | mini-reference | status as at 2008-09-26 |"
    ) in markdown
    page = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "<h2 id='included'>Reference instruments used</h2>" in page


def test_includes_that_form_a_cycle_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("dataset: {name: a, title: A, include: [b.yaml]}\n")
    (tmp_path / "b.yaml").write_text("dataset: {name: b, title: B, include: [a.yaml]}\n")
    (tmp_path / "c.yaml").write_text("dataset:\n  name: c\n  title: C\n  include: [c.yaml]\n")
    with pytest.raises(ValidationFailed) as failed:
        load(tmp_path / "a.yaml")
    shown = [str(p) for p in failed.value.problems]
    assert "b.yaml:1:dataset.include: 'a.yaml' is this dataset, or includes it" in shown[1]
    with pytest.raises(ValidationFailed) as failed:
        load(tmp_path / "c.yaml")
    assert str(failed.value.problems[0]).startswith("c.yaml:4:dataset.include: 'c.yaml' is")
