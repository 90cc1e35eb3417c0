"""routes.csv read column-wise: the same dataset, or the same problems, as row by row.

The column-wise reader is a screen: it accepts a file only when the record path would,
and otherwise hands the file to the record path. Each test here reads one routes.csv
both ways and compares: the routes (as a table) when both accept it, every problem
(file, row, field, message, hint) when either refuses it.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
import yaml

import coordgraph
from coordgraph.errors import ValidationFailed
from coordgraph.io import columnar
from coordgraph.model import Route
from coordgraph.routes.columns import COLUMN_RULES, route_table_from_text, rules_cover_model

CORPUS = Path(__file__).parent.parent / "bad_inputs"

SOURCES = "id,title\ns1,A source\ns2,Another\n"
AREAS = "id,country\ncri-san-jose,CRI\n"
HEADER = "id,sources,valid_from,valid_to,origin,transits,destination,victims,purposes,mode,volume"
GOOD = "r{n},s1:p. 4,2006,2008-02,ALB,MKD|SRB,GRC,girls|boys,sexual_exploitation,physical,12"


def _csv(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def _good(n: int = 3) -> list[str]:
    return [GOOD.format(n=i) for i in range(n)]


def _cell(column: str, value: str) -> str:
    """A routes.csv with a good row and one whose ``column`` holds ``value`` (quoted)."""
    names = HEADER.split(",")
    cells = GOOD.format(n=9).split(",")
    cells[names.index(column)] = '"' + value.replace('"', '""') + '"'
    return _csv(*_good(1), ",".join(cells))


# One cell at a time: every rule of every column, and blanks and odd spacing.
CELLS = {
    "id": ["", " ", "r 9", "x" * 201, "x" * 200, "r0", "é", "-r", " r9 ", "r9\t", "\u00a0r9"],
    "sources": ["", "s3", ":p", "s1|s3", "s1||s2", " s2 : 4 ", "s1:p\n4", "bad id", "{x}"],
    "valid_from": ["", "2006-13", "2006-02-30", "20061", "1999", "<2006", "2006-1", "2009"],
    "valid_to": ["", "2005", "2006-01", "<2006", "2999", "3000", " 2007 "],
    "origin": [
        "",
        "Grece",
        "XX",
        "Congo",
        "  GRC ",
        "\u00a0GRC",
        "area:nope",
        "cri-san-jose",
        "unknown: somewhere",
        "unknown",
        "gr",
        "Greece",
        "GRC\n",
        "area:cri-san-jose",
        "AREA:x",
    ],
    "transits": ["", "GRC||ALB", "ALB|XX", "area:x", "unknown", " | ", "Greece|gr"],
    "destination": ["", "ALB", "unknown", "Korea", "cri-san-jose", "XKX", "Kosovo"],
    "victims": ["", "girls|aliens", "Girls", "girls|girls", " women ", "children|"],
    "purposes": ["", "labour|x", "LABOUR", "begging"],
    "mode": ["", "boat", " physical", "Physical", "online"],
    "volume": [
        "",
        "1.5",
        "-1",
        "true",
        "1_000",
        "2000000000",
        " 12 ",
        "0",
        "1e3",
        "007",
        "+5",
        "١٢",
    ],
}


def _variants() -> dict[str, str]:
    out: dict[str, str] = {"plain": _csv(*_good())}
    for column, values in CELLS.items():
        for i, value in enumerate(values):
            out[f"{column}-{i}"] = _cell(column, value)
    rows = _good(2)
    out.update(
        {
            "same-place-unknown": _csv(*rows, "r9,s1,,,unknown,,unknown,,,,"),
            "same-place-area": _csv(*rows, "r9,s1,,,cri-san-jose,,area:cri-san-jose,,,,"),
            "same-place-country": _csv(*rows, "r9,s1,,,GRC,,GRC,,,,"),
            "duplicate-id": _csv(*rows, rows[0]),
            "period-reversed": _csv(*rows, "r9,s1,2008,2006,ALB,,GRC,,,,"),
            "period-day": _csv(*rows, "r9,s1,2008-05-02,2008-05-01,ALB,,GRC,,,,"),
            "name-and-notes": _csv(
                *rows,
                'r9,"Route, with a comma","He said ""hi""",ALB,GRC',
                header="id,name,notes,origin,destination",
            ),
            "notes-multiline": _csv(
                'r9,"two\nlines",ALB,GRC', header="id,notes,origin,destination"
            ),
            "name-too-long": _csv(
                "r9," + "n" * 5001 + ",ALB,GRC", header="id,name,origin,destination"
            ),
            "name-odd-blank": _csv("r9,\u2003Name,ALB,GRC", header="id,name,origin,destination"),
            "minimal": _csv("r9,ALB,GRC", header="id,origin,destination"),
            "header-only": _csv(),
            "header-spaces": _csv(*rows, header=HEADER.replace(",", " , ")),
            "unknown-column": _csv("r9,ALB,GRC,x", header="id,origin,destination,colour"),
            "missing-required": _csv("r9,ALB", header="id,origin"),
            "duplicate-column": _csv("r9,ALB,GRC,GRC", header="id,origin,destination,origin"),
            "blank-column-name": _csv("r9,ALB,GRC,x", header="id,origin,destination,"),
            "quoted-header": _csv("r9,ALB,GRC", header='id,"origin",destination'),
            "extra-cell": _csv(*rows, rows[0].replace("r0", "r8") + ",x"),
            "missing-cell": _csv(*rows, "r9,s1,2006"),
            "blank-line": _csv(rows[0], "", rows[1]),
            "blank-row": _csv(rows[0], ",,,,,,,,,,", rows[1]),
            "spaces-row": _csv(rows[0], "   ", rows[1]),
            "trailing-blank-lines": _csv(*rows) + "\n\n",
            "unbalanced-quote": _csv(*rows, 'r9,"s1,,,ALB,,GRC,,,,'),
            "junk-after-quote": _csv(*rows, 'r9,"s1"x,,,ALB,,GRC,,,,'),
            "quote-inside": _csv(*rows, 'r9,s"1,,,ALB,,GRC,,,,'),
            "quoted-cells": _csv(*rows, '"r9","s1",,,"ALB","","GRC",,,,'),
            "quoted-multiline-origin": _csv(*rows, 'r9,s1,,,"AL\nB",,GRC,,,,'),
            "control-character": _csv(*rows, "r9,s1,,,ALB\x07,,GRC,,,,"),
            "crlf": _csv(*rows).replace("\n", "\r\n"),
            "lone-cr": _csv(*rows).replace("\n", "\r"),
            "bom": "\ufeff" + _csv(*rows),
            "semicolons": _csv(
                *(r.replace(",", ";") for r in rows), header=HEADER.replace(",", ";")
            ),
            "sep-line": "sep=;\n"
            + _csv(*(r.replace(",", ";") for r in rows), header=HEADER.replace(",", ";")),
            "empty-file": "",
            "tab-padded": _csv("r9\t,\tALB, GRC\t", header="id,origin,destination"),
        }
    )
    return out


def _corpus_variants() -> dict[str, str]:
    """The routes of every YAML case of the bad-input corpus, written as routes.csv."""
    out: dict[str, str] = {}
    for case in sorted((CORPUS / "cases").iterdir()):
        file = case / "dataset.yaml"
        if not file.exists():
            continue
        try:
            tree = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
            continue
        routes = tree.get("routes") if isinstance(tree, dict) else None
        if not isinstance(routes, list) or not all(isinstance(r, dict) for r in routes):
            continue
        header = list(dict.fromkeys(k for r in routes for k in r))
        if not all(isinstance(h, str) and h and "," not in h for h in header):
            continue
        lines = [",".join(header)]
        for route in routes:
            cells = []
            for name in header:
                value = route.get(name)
                if isinstance(value, list):
                    value = "|".join(
                        json.dumps(v) if isinstance(v, dict) else str(v) for v in value
                    )
                elif value is None:
                    value = ""
                elif isinstance(value, bool):
                    value = str(value).lower()
                text = str(value)
                cells.append('"' + text.replace('"', '""') + '"' if text else "")
            lines.append(",".join(cells))
        out[f"corpus-{case.name}"] = "\n".join(lines) + "\n"
    return out


VARIANTS = {**_variants(), **_corpus_variants()}


def _folder(tmp_path: Path, routes: str) -> Path:
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (folder / "areas.csv").write_text(AREAS, encoding="utf-8")
    (folder / "routes.csv").write_bytes(routes.encode("utf-8"))
    return folder


def _outcome(folder: Path) -> tuple[str, object]:
    try:
        ds = coordgraph.load(folder)
    except ValidationFailed as exc:
        return "problems", [p.as_dict() for p in exc.problems]
    return "dataset", ds


def _record_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(columnar, "read_routes_csv", lambda *a, **k: None)


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_same_outcome_as_row_by_row(name: str, tmp_path: Path, monkeypatch) -> None:
    folder = _folder(tmp_path, VARIANTS[name])
    fast = _outcome(folder)
    with monkeypatch.context() as m:
        _record_path(m)
        slow = _outcome(folder)
    assert fast[0] == slow[0], (fast, slow)
    if fast[0] == "problems":
        assert fast[1] == slow[1]
        return
    fast_ds, slow_ds = fast[1], slow[1]
    assert slow_ds.table is None
    assert fast_ds.route_table.df.equals(slow_ds.route_table.df), (
        fast_ds.route_table.df,
        slow_ds.route_table.df,
    )
    assert fast_ds.routes == slow_ds.routes


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_the_screen_flags_every_file_the_record_path_refuses(
    name: str, tmp_path: Path, monkeypatch
) -> None:
    """Whatever the record path finds wrong with routes.csv, the screen does not let
    through (it may be more cautious, never less)."""
    folder = _folder(tmp_path, VARIANTS[name])
    with monkeypatch.context() as m:
        _record_path(m)
        slow = _outcome(folder)
    fast = _outcome(folder)
    if slow[0] == "problems":
        assert fast[0] == "problems"
        assert fast[1] == slow[1]


def test_a_plain_file_is_read_column_wise(tmp_path: Path) -> None:
    ds = coordgraph.load(_folder(tmp_path, _csv(*_good(5))))
    assert ds.table is not None and len(ds.table) == 5
    assert ds.records.get(Route, ()) == ()
    route = ds.routes[1]
    assert route.transits == ("MKD", "SRB") and route.volume == 12
    assert str(route.sources[0]) == "s1:p. 4"


@pytest.mark.parametrize("name", ["ecpat-2008", "europe", "west-africa"])
def test_bundled_datasets_read_the_same_both_ways(name: str, tmp_path: Path, monkeypatch) -> None:
    from coordgraph.io.csvdir import write_csv_dir

    folder = write_csv_dir(coordgraph.load(name), tmp_path / name)
    fast = coordgraph.load(folder)
    assert fast.table is not None
    _record_path(monkeypatch)
    slow = coordgraph.load(folder)
    assert fast.route_table.df.equals(slow.route_table.df)
    assert fast.routes == slow.routes == coordgraph.load(name).routes


def test_rules_are_generated_from_the_model() -> None:
    assert rules_cover_model()
    rules = {r.field: r for r in COLUMN_RULES}
    assert set(rules) == set(Route.model_fields)
    assert rules["id"].adapter is None and rules["id"].max_length == 200
    # notes are checked for days that do not exist (2006-02-30), once per distinct cell
    assert rules["notes"].adapter is not None
    assert rules["origin"].adapter is not None and rules["origin"].required
    assert rules["mode"].default == "physical" and rules["victims"].default == []


def test_a_new_model_rule_turns_the_screen_off(monkeypatch) -> None:
    """A validator the column rules do not implement must not be skipped silently."""
    decorators = Route.__pydantic_decorators__
    monkeypatch.setitem(decorators.model_validators, "_new_rule", object())
    text = pl.DataFrame({"id": ["r1"], "origin": ["ALB"], "destination": ["GRC"]})
    assert not rules_cover_model()
    assert route_table_from_text(text) is None


def test_values_are_normalised_once_per_distinct_cell() -> None:
    text = pl.DataFrame(
        {
            "id": ["a", "b", "c"],
            "origin": ["Greece", "gr", "GRC"],
            "destination": ["cri-san-jose", "unknown:  x ", "XK"],
            "volume": [" 7 ", None, "0"],
            "victims": ["girls| boys", None, ""],
        }
    )
    table = route_table_from_text(text)
    assert table is not None
    df = table.df
    assert df["origin"].to_list() == ["GRC", "GRC", "GRC"]
    assert df["destination"].to_list() == ["area:cri-san-jose", "unknown:x", "XKX"]
    assert df["volume"].to_list() == [7, None, 0]
    assert df["victims"].to_list() == [["girls", "boys"], [], []]
    assert df["mode"].to_list() == ["physical"] * 3


def test_reading_and_checking_never_build_route_records(tmp_path: Path) -> None:
    """A table-only dataset stays one: loading, validating, the levels filter and the
    countries referenced never turn routes into pydantic records."""
    from coordgraph.graph import referenced_countries
    from coordgraph.validate import check_references

    ds = coordgraph.load(_folder(tmp_path, _csv(*_good(4))))
    assert check_references(ds) == []
    kept = ds.only_verified()
    assert referenced_countries(kept) >= {"ALB", "MKD", "SRB", "GRC"}
    assert len(kept) == len(ds) and kept.table is not None
    for dataset in (ds, kept):
        assert "_route_records" not in vars(dataset)
    assert len(ds.routes) == 4 and "_route_records" in vars(ds)


def test_distinct_values_known_from_the_read_are_the_columns_own() -> None:
    from coordgraph.routes.table import RouteTable

    text = pl.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "sources": ["s1:p", None, "s2|s1:p", " "],
            "origin": ["Greece", "gr", "ALB", "ALB"],
            "transits": [None, "MKD| gr", "", "MKD"],
            "destination": ["XK", "unknown: x", "GRC", "GRC"],
            "mode": [None, "online", "physical", None],
            "victims": ["girls", None, "girls|boys", "women"],
        }
    )
    table = route_table_from_text(text)
    assert table is not None
    fresh = RouteTable(table.df)
    for field in ("sources", "origin", "transits", "destination", "mode", "victims", "volume"):
        assert sorted(table.distinct(field)) == sorted(fresh.distinct(field)), field


def test_route_pairs_count_ends_legs_routes_and_volume_once_per_route():
    from coordgraph.model import Route
    from coordgraph.routes.table import PAIR_COLUMNS, RouteTable

    table = RouteTable.from_records(
        [
            Route(id="r1", origin="ALB", destination="GRC", victims=["girls", "boys"], volume=3),
            # ALB -> GRC twice over (its ends, then its last leg): one route, counted once
            Route(
                id="r2",
                origin="ALB",
                transits=["GRC", "ALB"],
                destination="GRC",
                victims=["boys", "girls", "boys"],
                volume=5,
            ),
            Route(id="r3", origin="ALB", destination="GRC", victims=["adults"]),
        ]
    )
    rows = [dict(zip(PAIR_COLUMNS, row, strict=True)) for row in table.pairs().iter_rows()]
    assert [(r["a"], r["b"], r["victims"]) for r in rows] == [
        ("ALB", "GRC", "boys|girls"),
        ("GRC", "ALB", "boys|girls"),
        ("ALB", "GRC", "adults"),
    ]
    first, back, adults = rows
    assert (first["endpoints"], first["legs"], first["routes"]) == (2, 2, 2)
    assert (first["volume"], first["volumes"]) == (8, 2)
    assert (back["endpoints"], back["legs"], back["routes"], back["volume"]) == (0, 1, 1, 5)
    assert (adults["routes"], adults["volumes"]) == (1, 0)
    assert table.pairs() is table.pairs()  # worked out once
