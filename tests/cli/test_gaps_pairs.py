"""gaps at scale: one row per pair of States by default, every finding under --detail;
JSON compact and streamed, JSON Lines, CSV with the pair columns, text in plain words."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from coordgraph.analyses import find_gaps
from coordgraph.cli import cli
from coordgraph.dataset import Dataset
from coordgraph.io.csvdir import write_csv_dir
from coordgraph.io.safe import CELL_ESCAPE
from coordgraph.model import Agreement, CountryInfo, DatasetInfo, Party, Route, Source
from coordgraph.state_pairs import PAIR_KINDS, state_pairs
from coordgraph.synth import synthesize
from coordgraph.text.findings import CSV_COLUMNS, write_findings
from coordgraph.text.pairs import FINDINGS_SCHEMA_VERSION, PAIR_CSV_COLUMNS

AS_OF = ("--as-of", "2008-07")


def _run(*args: str) -> str:
    r = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth") / "ds"
    write_csv_dir(
        synthesize(countries=15, routes=600, agreements=40, mechanisms=30, seed=7), folder
    )
    return folder


def test_json_is_one_compact_document_of_pairs_by_volume(synthetic: Path) -> None:
    out = _run("gaps", "all", str(synthetic), "--as-of", "2012", "--format", "json")
    assert out.count("\n") == 1 and out.endswith("}\n")  # compact: no indentation
    doc = json.loads(out)
    assert (doc["schema_version"], doc["form"]) == (FINDINGS_SCHEMA_VERSION, "pairs")
    pairs = doc["pairs"]
    assert len(pairs) > 10
    volumes = [p["volume"] for p in pairs if p["volume"] is not None]
    assert volumes == sorted(volumes, reverse=True) and volumes
    assert len({tuple(p["states"]) for p in pairs}) == len(pairs)  # one row per pair
    for p in pairs:
        assert set(p["criteria"]) <= set(doc["criteria"])
        assert p["link_status"] in ("linked", "unlinked", "unresolved", None)
    # dates and criteria once, in the shared tables, not per finding
    assert not any("dates" in f["details"] for f in doc["findings"])
    assert all(f["kind"] not in PAIR_KINDS for f in doc["findings"])
    assert any(k.startswith("Agreement:") for k in doc["records"])
    detail = json.loads(
        _run("gaps", "all", str(synthetic), "--as-of", "2012", "--format", "json", "--detail")
    )
    assert doc["counts"] == detail["counts"] and doc["gaps"] == detail["gaps"]
    routes = [f for f in detail["findings"] if f["kind"] in PAIR_KINDS]
    assert sum(sum(p["findings"].values()) for p in pairs) == len(routes)


def test_detail_is_every_finding_exactly(synthetic: Path) -> None:
    from coordgraph import load

    out = _run("gaps", "all", str(synthetic), "--as-of", "2012", "--format", "json", "--detail")
    doc = json.loads(out)
    assert doc["form"] == "detail"
    G = load(synthetic).to_networkx()
    expected = [
        f.to_dict()
        for f in sorted(find_gaps(G, as_of="2012"), key=lambda f: f.sort_key())
        if f.is_gap
    ]
    assert doc["findings"] == json.loads(json.dumps(expected))


def test_jsonl_is_one_object_per_line(synthetic: Path) -> None:
    lines = _run("gaps", "all", str(synthetic), "--as-of", "2012", "--format", "jsonl").splitlines()
    objects = [json.loads(line) for line in lines]
    assert objects[0]["type"] == "head" and objects[0]["form"] == "pairs"
    kinds = [o["type"] for o in objects[1:]]
    assert {"record", "criterion", "pair", "finding"} <= set(kinds)
    assert kinds == sorted(kinds, key=["record", "criterion", "pair", "finding"].index)
    detail = _run("gaps", "all", str(synthetic), "--as-of", "2012", "--format", "jsonl", "--detail")
    rows = [json.loads(line) for line in detail.splitlines()]
    assert rows[0]["type"] == "head" and {r["type"] for r in rows[1:]} == {"finding"}
    assert len(rows) - 1 == rows[0]["gaps"]


def test_csv_has_a_row_per_pair_then_the_other_findings(synthetic: Path) -> None:
    out = _run("gaps", "all", str(synthetic), "--as-of", "2012", "--format", "csv")
    reader = csv.DictReader(io.StringIO(out))
    assert tuple(reader.fieldnames or ()) == (*CSV_COLUMNS, *PAIR_CSV_COLUMNS)
    rows = list(reader)
    pairs = [r for r in rows if r["kind"] == "state_pair"]
    assert pairs and all(r["link_status"] and r["routes"] and r["names"] for r in pairs)
    assert all(len(r["states"].split("|")) == 2 for r in pairs)
    assert {r["kind"] for r in rows} - {"state_pair"}  # duplicates, focal points... kept
    assert not {r["kind"] for r in rows} & {str(k) for k in PAIR_KINDS}
    detail = _run("gaps", "all", str(synthetic), "--as-of", "2012", "--format", "csv", "--detail")
    assert next(csv.reader(io.StringIO(detail))) == list(CSV_COLUMNS)


def test_text_and_table_give_pairs_then_the_other_groups() -> None:
    text = _run("gaps", "all", *AS_OF, "--format", "text")
    assert "\nPairs of States on routes (9), largest volume first\n" in text
    assert "  Moldova -> Russian Federation  [medium]\n    linked: 1 route\n" in text
    assert "    missing first: provisions for children\n" in text
    # the records the verdict rests on, each with its date (ILO C182 binds them too)
    assert re.search(r"rests on: [^\n]*palermo-protocol \(2000-12-12\)", text)
    assert "Route pairs with no link" not in text
    assert "Expected structures" in text  # other findings keep their groups
    table = _run("gaps", "all", *AS_OF, "--format", "table")
    assert "[MEDIUM] state_pair: MDA / RUS  linked, 1 route  (data gap)\n" in table
    assert table.rstrip().endswith("as of 2008-07-31; dataset ecpat-2008")
    assert "route_linked: MDA / RUS" in _run("gaps", "all", *AS_OF, "--format", "table", "--detail")
    markdown = _run("gaps", "all", *AS_OF, "--format", "markdown")
    assert "| medium | Moldova -&gt; Russian Federation: linked: 1 route |" in markdown


class _Writes(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[str] = []

    def write(self, text: str) -> int:
        self.pieces.append(text)
        return super().write(text)


@pytest.mark.parametrize("detail", [False, True])
def test_json_is_written_as_it_is_made(detail: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    import coordgraph.text.pairs

    monkeypatch.setattr(coordgraph.text.pairs, "_WRITE_CHARS", 4000)
    G = synthesize(countries=20, routes=3000, agreements=30, mechanisms=20, seed=5).to_networkx()
    findings = find_gaps(G, as_of="2015")
    handle = _Writes()
    write_findings(findings, "json", handle, detail=detail, dataset="s", as_of="2015")
    assert len(handle.pieces) > 3  # never one string for the whole document
    assert max(map(len, handle.pieces)) < len(handle.getvalue()) / 2
    doc = json.loads(handle.getvalue())
    assert doc["form"] == ("detail" if detail else "pairs")


def _hostile(tmp_path: Path) -> Path:
    records = [
        Source(id="s", title="A study", date="2008"),
        CountryInfo(id="ALB", name="=cmd|' /C calc'!A0"),
        CountryInfo(id="GRC", name="<script>alert(1)</script>"),
        Agreement(
            id="alb-grc",
            name="@SUM(A1)",
            type="bilateral",
            scope="children",
            parties=[Party(country="ALB"), Party(country="GRC")],
            signed="2006-02",
            sources=["s"],
        ),
        Route(id="r1", origin="ALB", destination="GRC", victims=["adults"], sources=["s"]),
    ]
    folder = tmp_path / "hostile"
    write_csv_dir(Dataset.from_records(DatasetInfo(name="h", title="H"), records), folder)
    return folder


def test_hostile_state_names_go_out_inert_in_csv(tmp_path: Path) -> None:
    out = _run("gaps", "all", str(_hostile(tmp_path)), "--as-of", "2010", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    cells = [c for row in rows[1:] for c in row]
    assert any("=cmd|" in c for c in cells) and any("<script>" in c for c in cells)
    for cell in cells:
        assert not cell.startswith(("=", "+", "@")), cell  # a formula never runs
        assert not (cell.startswith("-") and not cell.lstrip("-").replace(".", "").isdigit())
    names = next(r for r in csv.DictReader(io.StringIO(out)) if r["kind"] == "state_pair")
    assert names["names"] == CELL_ESCAPE + "=cmd|' /C calc'!A0 -> <script>alert(1)</script>"
    raw = _run(
        "gaps", "all", str(_hostile(tmp_path)), "--as-of", "2010", "--format", "csv", "--raw-cells"
    )
    assert "\n=cmd|" in raw or ",=cmd|" in raw  # --raw-cells: exactly as recorded
    markdown = _run(
        "gaps", "all", str(_hostile(tmp_path)), "--as-of", "2010", "--format", "markdown"
    )
    assert "<script>" not in markdown


def test_state_pairs_count_each_route_once_and_rank_by_volume() -> None:
    from coordgraph.findings import Finding, FindingKind, LinkKind, Severity

    def route(subjects: tuple[str, str], routes: list[str], volume: int, **kw: object) -> Finding:
        return Finding(
            kind=kw.pop("kind", FindingKind.ROUTE_UNLINKED),  # type: ignore[arg-type]
            rule="routes.unlinked",
            severity=kw.pop("severity", Severity.HIGH),  # type: ignore[arg-type]
            subjects=subjects,
            message="m",
            link_kind=LinkKind.NONE,
            volume=volume,
            details={"states": [s[-3:] for s in subjects], "routes": routes},
            **kw,  # type: ignore[arg-type]
        )

    findings = [
        # r1 is ALB -> GRC at its ends and on its last leg (from an area of ALB)
        route(
            ("Country:ALB", "Country:GRC"),
            ["Route:r1", "Route:r2"],
            30,
            criteria_missing=("return_procedure",),
        ),
        route(
            ("Area:ALB", "Country:GRC"),
            ["Route:r1"],
            10,
            near_misses=("ag: expired 2005",),
            criteria_missing=("in_force", "return_procedure"),
        ),
        route(("Country:MKD", "Country:GRC"), ["Route:r3"], 50, severity=Severity.MEDIUM),
    ]
    findings[1].details["states"] = ["ALB", "GRC"]
    volumes = {"Route:r1": 10, "Route:r2": 20, "Route:r3": 50}
    pairs, others = state_pairs(findings, route_volumes=volumes)
    assert others == []
    assert [p.states for p in pairs] == [("MKD", "GRC"), ("ALB", "GRC")]
    alb = pairs[1]
    assert (alb.routes, alb.volume, alb.kinds) == (2, 30, {"route_unlinked": 2})
    assert alb.worst_missing == "in_force"
    assert alb.nearest_miss == "ag: expired 2005"
    assert state_pairs(findings)[0][0].volume == 50  # without volumes: 30 + 10 for ALB
    assert state_pairs(findings)[0][1].volume == 40


def test_pairs_in_french_come_from_the_catalogue() -> None:
    from coordgraph import load
    from coordgraph.text.findings import pair_names
    from coordgraph.text.i18n import say
    from coordgraph.text.pairs import write_pairs_text

    pairs, _ = state_pairs(find_gaps(load().to_networkx(), as_of="2008-07"))
    out = io.StringIO()
    write_pairs_text(pairs, out, names=pair_names(pairs), lang="fr")
    text = out.getvalue()
    assert say("fr", "pairs.heading", n=len(pairs)) in text
    assert "    liés : 1 itinéraire\n" in text
    assert "manque d'abord : " in text and "repose sur : " in text
    assert "route" not in text.replace("Route", "")  # no English words left
