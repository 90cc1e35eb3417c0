"""A dataset in one YAML or JSON file: a mapping of section name to a list of records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from coordgraph.errors import DataError, Problem
from coordgraph.io.raw import RawRecord
from coordgraph.model import SECTIONS, DatasetInfo

__all__ = ["read_yaml"]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Loader):  # type: ignore[misc,valid-type]
    """YAML 1.1 reads ``NO`` (Norway) as false; only true/false are booleans here."""


_StrictLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in _Loader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    __import__("re").compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8"
        ) from None


def read_yaml(path: Path) -> tuple[DatasetInfo | None, list[RawRecord], list[Problem]]:
    """Read a YAML or JSON dataset file into raw records with line numbers."""
    text = _decode(path)
    name = path.name
    problems: list[Problem] = []
    if not text.strip():
        return None, [], [Problem(name, None, None, "the file is empty")]
    try:
        loader = _StrictLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        if path.suffix.lower() == ".json":
            try:
                data = json.loads(text)
                node = None
            except json.JSONDecodeError as jexc:
                return None, [], [Problem(name, jexc.lineno, None, f"invalid JSON: {jexc.msg}")]
        else:
            reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            return None, [], [Problem(name, line, None, f"invalid YAML: {reason}")]
    if not isinstance(data, dict):
        return None, [], [Problem(name, 1, None, "expected a mapping of sections to lists")]
    lines = _line_index(node)
    info: DatasetInfo | None = None
    raws: list[RawRecord] = []
    for section, items in data.items():
        section_name = str(section)
        if section_name == "dataset":
            try:
                info = DatasetInfo.model_validate(items)
            except Exception as exc:
                problems.append(Problem(name, lines.get((section_name, -1)), "dataset", str(exc)))
            continue
        if section_name not in SECTIONS:
            problems.append(
                Problem(
                    name,
                    lines.get((section_name, -1)),
                    None,
                    f"unknown section {section_name!r}",
                    "known sections: dataset, " + ", ".join(SECTIONS),
                )
            )
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(
                Problem(name, lines.get((section_name, -1)), None, f"{section_name} must be a list")
            )
            continue
        for index, item in enumerate(items):
            row = lines.get((section_name, index))
            if not isinstance(item, dict):
                problems.append(Problem(name, row, None, "each record must be a mapping"))
                continue
            field_rows = {
                str(k): lines[(section_name, index, str(k))]
                for k in item
                if (section_name, index, str(k)) in lines
            }
            raws.append(RawRecord(section_name, dict(item), name, row, field_rows))
    return info, raws, problems


def _line_index(node: Any) -> dict[tuple[Any, ...], int]:
    """Line numbers of sections, records and fields, from the composed YAML node tree."""
    out: dict[tuple[Any, ...], int] = {}
    if node is None or not isinstance(node, yaml.MappingNode):
        return out
    for key_node, value_node in node.value:
        section = key_node.value
        out[(section, -1)] = key_node.start_mark.line + 1
        if isinstance(value_node, yaml.SequenceNode):
            for index, item in enumerate(value_node.value):
                out[(section, index)] = item.start_mark.line + 1
                if isinstance(item, yaml.MappingNode):
                    for fk, _fv in item.value:
                        out[(section, index, fk.value)] = fk.start_mark.line + 1
    return out
