"""A dataset in one YAML or JSON file: a mapping of section name to a list of records.

The file is read by :mod:`coordgraph.io.tree`, which keeps every YAML scalar as text (the
schema decides what it means) and reads JSON as JSON; both report duplicate keys, tags,
alias bombs and over-deep nesting with their line.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from coordgraph.errors import DataError, Problem, ValidationFailed
from coordgraph.io.raw import RawRecord
from coordgraph.io.tree import read_json_tree, read_text, read_yaml_tree
from coordgraph.model import SECTIONS, DatasetInfo, Record

__all__ = ["read_records", "read_yaml"]


def read_yaml(path: Path) -> tuple[DatasetInfo | None, list[RawRecord], list[Problem]]:
    """Read a YAML or JSON dataset file into raw records with line numbers."""
    text = read_text(path)
    name = path.name
    if not text.strip():
        return None, [], [Problem(name, None, None, "the file is empty")]
    is_json = path.suffix.lower() == ".json"
    tree = read_json_tree(text, name) if is_json else read_yaml_tree(text, name)
    problems = list(tree.problems)
    data, lines = tree.value, tree.lines
    if data is None and problems:
        return None, [], problems
    if not isinstance(data, dict):
        problems.append(Problem(name, 1, None, "expected a mapping of sections to lists"))
        return None, [], problems
    info: DatasetInfo | None = None
    raws: list[RawRecord] = []
    for section_name, items in data.items():
        section_line = lines.get((section_name,))
        if section_name == "dataset":
            info = _dataset_info(name, items, lines, problems)
            continue
        if section_name not in SECTIONS:
            problems.append(
                Problem(
                    name,
                    section_line,
                    None,
                    f"unknown section {section_name!r}",
                    "known sections: dataset, " + ", ".join(SECTIONS),
                )
            )
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(Problem(name, section_line, None, f"{section_name} must be a list"))
            continue
        for index, item in enumerate(items):
            row = lines.get((section_name, index), section_line)
            if not isinstance(item, dict):
                problems.append(Problem(name, row, None, "each record must be a mapping"))
                continue
            field_rows = {
                k: lines[(section_name, index, k)]
                for k in item
                if (section_name, index, k) in lines
            }
            raw = RawRecord(section_name, dict(item), name, row, field_rows)
            for key, value in item.items():
                if isinstance(value, list):
                    for sub in range(len(value)):
                        sub_line = lines.get((section_name, index, key, sub))
                        if sub_line is not None:
                            raw.origins[(key, sub)] = (name, sub_line)
            raws.append(raw)
    return info, raws, problems


def _dataset_info(
    name: str, items: object, lines: dict[tuple[str | int, ...], int], problems: list[Problem]
) -> DatasetInfo | None:
    if items is None:
        return None
    try:
        return DatasetInfo.model_validate(items)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = [str(p) for p in err["loc"]]
            top = loc[0] if loc else None
            line = lines.get(("dataset", top) if top else ("dataset",), lines.get(("dataset",)))
            message = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = "unknown field"
            elif err["type"] == "missing":
                message = "required field is missing"
            problems.append(Problem(name, line, ".".join(["dataset", *loc]), message))
        # what the rest of the file is checked against (its own profiles) stays known
        failed = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
        if isinstance(items, dict) and failed:
            try:
                return DatasetInfo.model_validate(
                    {k: v for k, v in items.items() if k not in failed}
                )
            except ValidationError:
                return None
    return None


def read_records(path: Path) -> list[Record]:
    """The records of a YAML or JSON file (same sections as a dataset), each checked on
    its own: hypothetical records to add to a dataset (``plan --what-if``).

    Raises :class:`ValidationFailed` with every problem, or :class:`DataError` when the
    file holds no record.
    """
    _, raws, problems = read_yaml(path)
    records = []
    for raw in raws:
        try:
            records.append(SECTIONS[raw.section].model_validate(raw.data))
        except ValidationError as exc:
            problems.append(Problem(raw.file, raw.row, None, str(exc.errors()[0]["msg"])))
    if problems:
        raise ValidationFailed(problems)
    if not records:
        raise DataError(f"{path}: no records to add")
    return records
