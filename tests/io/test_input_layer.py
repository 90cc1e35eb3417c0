"""The input layer decides no types: YAML scalars reach the schema as text, JSON is read as
JSON, CSV quoting is strict, and hostile files end in one problem line each."""

from __future__ import annotations

from pathlib import Path

import pytest

import coordgraph
from coordgraph.errors import DataError, ValidationFailed
from coordgraph.io.tree import MAX_DEPTH, read_json_tree, read_yaml_tree

HEAD = "dataset: {name: t, title: T}\n"
ROUTE = "routes:\n  - id: r1\n    origin: ALB\n    destination: GRC\n"


def _problems(tmp_path: Path, text: str, name: str = "dataset.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        coordgraph.load(path)
    return [str(p) for p in info.value.problems]


def _load(tmp_path: Path, text: str, name: str = "dataset.yaml") -> coordgraph.Dataset:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return coordgraph.load(path)


def test_scalars_stay_text() -> None:
    tree = read_yaml_tree(
        "a: 2020-02-30\nb: 02006\nc: 20:06\nd: true\ne: NO\nf:\ng: ~\nh: ''\n", "x"
    )
    assert tree.value == {
        "a": "2020-02-30",
        "b": "02006",
        "c": "20:06",
        "d": "true",
        "e": "NO",
        "f": None,
        "g": None,
        "h": "",
    }
    assert tree.lines[("c",)] == 3


def test_impossible_unquoted_date_reaches_the_schema(tmp_path: Path) -> None:
    text = HEAD + ROUTE + "    valid_from: 2020-02-30\n"
    assert _problems(tmp_path, text) == [
        "dataset.yaml:6:valid_from: 2020-02 has no day 30 (it has 29 days)"
    ]


def test_yaml_11_numbers_are_not_converted(tmp_path: Path) -> None:
    # 02006 would be octal 1030 and 20:06 base-60 1206: both valid years before.
    for value in ("02006", "20:06", "2_006"):
        problems = _problems(tmp_path, HEAD + ROUTE + f"    valid_from: {value}\n")
        assert problems == [
            f"dataset.yaml:6:valid_from: '{value}' is not a date; write YYYY, YYYY-MM or "
            "YYYY-MM-DD (e.g. 2006-02), or <DATE for 'before DATE'"
        ]
    ds = _load(tmp_path, HEAD + ROUTE + "    name: 0777\n    volume: 12\n")
    assert ds.routes[0].name == "0777" and ds.routes[0].volume == 12


@pytest.mark.parametrize("value", ["true", "20:06", "1.5", "0x10", "2_006", "yes"])
def test_a_count_is_digits(tmp_path: Path, value: str) -> None:
    (problem,) = _problems(tmp_path, HEAD + ROUTE + f"    volume: {value}\n")
    assert problem.startswith("dataset.yaml:6:volume: ") and "not a whole number" in problem


def test_counts_are_bounded(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, HEAD + ROUTE + "    volume: 9223372036854775808\n")
    assert problem == "dataset.yaml:6:volume: '9223372036854775808' must be at most 1000000000"


def test_norway_and_yes_no_reach_the_schema(tmp_path: Path) -> None:
    ds = _load(
        tmp_path,
        HEAD + "networks:\n  - id: n\n    members: [NO, SE]\n    requires_focal_point: yes\n",
    )
    assert [m.country for m in ds.networks[0].members] == ["NOR", "SWE"]
    assert ds.networks[0].requires_focal_point is True


@pytest.mark.parametrize(
    ("value", "tag"),
    [("!!int '12'", "!!int"), ("!!python/object/apply:os.system [ls]", "!!python"), ("!x a", "!x")],
)
def test_explicit_tags_are_problems(tmp_path: Path, value: str, tag: str) -> None:
    problems = _problems(tmp_path, HEAD + ROUTE + f"    notes: {value}\n")
    assert any(p.startswith("dataset.yaml:6:notes: explicit YAML tag " + tag) for p in problems)


def test_duplicate_keys_at_every_level(tmp_path: Path) -> None:
    text = (
        "dataset: {name: t, title: T, name: u}\n"
        + ROUTE
        + "    origin: MKD\n"
        + "networks:\n  - id: n\n    members:\n      - {country: ALB, country: GRC}\n"
        + ROUTE
    )
    problems = _problems(tmp_path, text)
    assert problems == [
        "dataset.yaml:1:dataset: 'name' is given twice in the same mapping (first at line 1) "
        "(keep one; a second key would silently replace the first)",
        "dataset.yaml:6:origin: 'origin' is given twice in the same mapping (first at line 4) "
        "(keep one; a second key would silently replace the first)",
        "dataset.yaml:10:members.0.country: 'country' is given twice in the same mapping "
        "(first at line 10) (keep one; a second key would silently replace the first)",
        "dataset.yaml:11:routes: 'routes' is given twice in the same mapping (first at line 2) "
        "(keep one; a second key would silently replace the first)",
    ]


def test_duplicate_keys_in_json(tmp_path: Path) -> None:
    text = '{"routes": [{"id": "r1", "origin": "ALB",\n "origin": "MKD", "destination": "GRC"}]}'
    (problem,) = _problems(tmp_path, text, "dataset.json")
    assert problem.startswith("dataset.json:2:origin: 'origin' is given twice")


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_refused(tmp_path: Path, value: str) -> None:
    text = '{"routes": [{"id": "r1", "origin": "ALB", "destination": "GRC",\n "volume": ' + value
    (problem,) = _problems(tmp_path, text + "}]}", "dataset.json")
    assert problem.startswith(f"dataset.json:2:volume: {value} is not a JSON value")


def test_json_keeps_json_types_and_lines() -> None:
    tree = read_json_tree('{"a": [1, 2.5, true, null],\n "b": "x"}', "x")
    assert tree.value == {"a": [1, 2.5, True, None], "b": "x"}
    assert tree.lines[("b",)] == 2 and not tree.problems
    (problem,) = read_json_tree('{"a": 1e400}', "x").problems
    assert problem.message == "the number 1e400 is out of range"


def test_alias_bomb_is_refused_quickly() -> None:
    text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 9) + "]\n" for k in range(1, 12)
    )
    tree = read_yaml_tree(text, "bomb.yaml")
    assert tree.value is None
    (problem,) = tree.problems
    assert "aliases expand into more values than the file holds" in problem.message


def test_ordinary_aliases_and_recursive_ones(tmp_path: Path) -> None:
    ds = _load(
        tmp_path,
        HEAD
        + "sources: [{id: s1, title: S}]\nroutes:\n"
        + "  - {id: r1, origin: ALB, destination: GRC, sources: &src [s1]}\n"
        + "  - {id: r2, origin: ALB, destination: ITA, sources: *src}\n",
    )
    assert [str(c) for c in ds.routes[1].sources] == ["s1"]
    tree = read_yaml_tree("routes: &r\n  - *r\n", "x")
    assert [p.message for p in tree.problems] == ["alias *r refers to a value that contains it"]


def test_merge_keys_and_second_documents_are_problems(tmp_path: Path) -> None:
    problems = _problems(tmp_path, HEAD + ROUTE + "    <<: {notes: x}\n")
    assert problems == [
        "dataset.yaml:6:routes: YAML merge keys (<<) are not read (write the fields out in "
        "each record)"
    ]
    problems = _problems(tmp_path, HEAD + ROUTE + "---\nroutes: []\n")
    assert problems == ["dataset.yaml:6: more than one YAML document ('---') in the file"]


def test_deep_nesting_and_long_values_are_bounded(tmp_path: Path) -> None:
    deep = "routes:\n" + "".join("  " * k + "-\n" for k in range(1, MAX_DEPTH + 5))
    problems = _problems(tmp_path, deep)
    assert any(f"nested more than {MAX_DEPTH} levels deep" in p for p in problems)
    problems = _problems(tmp_path, "[" * 100_000 + "]" * 100_000, "dataset.json")
    assert problems == ["dataset.json: values are nested too deeply"]
    problems = _problems(tmp_path, HEAD + ROUTE + "    notes: " + "x" * 200_000 + "\n")
    assert "dataset.yaml:6:notes: a value of 200000 characters; the limit is 100000" in "\n".join(
        problems
    )


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "dataset.yaml"
    with path.open("wb") as handle:
        handle.truncate(40_000_000)
    with pytest.raises(
        DataError, match=r"the file is 40.0 MB; the limit for a .yaml file is 32 MB"
    ):
        coordgraph.load(path)


def _csv_problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        coordgraph.load(tmp_path)
    return [str(p) for p in info.value.problems]


ROUTES_CSV = "id,origin,destination\n" + "".join(f"r{k},ALB,GRC\n" for k in range(49))


def test_csv_unbalanced_quote_is_a_problem_at_its_row(tmp_path: Path) -> None:
    lines = ROUTES_CSV.splitlines(keepends=True)
    text = "".join([*lines[:3], 'r99,"ALB,GRC\n', *lines[3:]])
    assert _csv_problems(tmp_path, {"routes.csv": text}) == [
        "routes.csv:4: a quoted cell that starts on row 4 is never closed "
        '(check for an unbalanced quote ("))'
    ]


def test_csv_quote_closed_rows_later_is_a_problem(tmp_path: Path) -> None:
    lines = ROUTES_CSV.splitlines(keepends=True)
    text = "".join([*lines[:3], 'r98,"ALB,GRC\n', *lines[3:10], 'r99,ALB",GRC\n', *lines[10:]])
    assert _csv_problems(tmp_path, {"routes.csv": text}) == [
        'routes.csv:4:origin: a quoted cell runs from row 4 to row 12 (check for a quote (") '
        "that is never closed)"
    ]


def test_csv_multiline_notes_are_fine_and_rows_count_lines(tmp_path: Path) -> None:
    text = 'id,origin,destination,notes\nr1,ALB,GRC,"two\nlines"\nr2,ALB,GRX,x\n'
    problems = _csv_problems(tmp_path, {"routes.csv": text})
    assert len(problems) == 1 and problems[0].startswith("routes.csv:4:destination: 'GRX'")


def test_csv_junk_after_quote_and_control_characters(tmp_path: Path) -> None:
    problems = _csv_problems(tmp_path, {"routes.csv": 'id,origin,destination\nr1,"ALB"x,GRC\n'})
    assert problems[0].startswith("routes.csv:2: unreadable CSV: ',' expected after '\"'")
    (tmp_path / "routes.csv").write_text("id,origin,destination,name\nr1,ALB,GRC,a\x07b\n")
    with pytest.raises(ValidationFailed) as info:
        coordgraph.load(tmp_path)
    assert [str(p) for p in info.value.problems] == [
        "routes.csv:2:name: contains the control character U+0007"
    ]


def test_folder_with_two_datasets_is_ambiguous(tmp_path: Path) -> None:
    (tmp_path / "dataset.yaml").write_text(HEAD + ROUTE, encoding="utf-8")
    (tmp_path / "routes.csv").write_text(ROUTES_CSV, encoding="utf-8")
    with pytest.raises(DataError, match=r"more than one dataset \(dataset.yaml, routes.csv\)"):
        coordgraph.load(tmp_path)


@pytest.mark.parametrize(
    ("descriptor", "expected"),
    [
        ("[1, 2]", "datapackage.json:1: expected a JSON object (a Data Package descriptor)"),
        ('{\n"licenses": "CC-BY"}', "datapackage.json:2:licenses: must be a list of objects"),
        ('{"name": 5}', "datapackage.json:1:name: must be text"),
        ('{"coordgraph": []}', "datapackage.json:1:coordgraph: must be an object"),
        ('{"name": "a",\n "name": "b"}', "datapackage.json:2:name: 'name' is given twice"),
        ("{name: x}", "datapackage.json:1: invalid JSON: Expecting property name"),
    ],
)
def test_malformed_datapackage_is_a_problem(tmp_path: Path, descriptor: str, expected: str) -> None:
    problems = _csv_problems(tmp_path, {"routes.csv": ROUTES_CSV, "datapackage.json": descriptor})
    assert len(problems) == 1 and problems[0].startswith(expected), problems
