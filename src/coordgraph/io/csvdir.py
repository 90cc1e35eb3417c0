"""A dataset as a folder of CSV files, one per kind, described by ``datapackage.json``.

Multi-value cells separate values with ``|``. Memberships of networks and parties to
agreements, which carry dates, go in child tables (``network_members.csv``,
``agreement_parties.csv``) with a column naming their parent; a plain ``members`` or
``parties`` cell (``KHM|THA``) works too when there are no dates to give.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from coordgraph.errors import Problem
from coordgraph.io.atomic import OutputFolder
from coordgraph.io.raw import RawRecord
from coordgraph.model import RECORD_TYPES, SECTIONS, DatasetInfo, Link, Record

__all__ = ["CHILD_TABLES", "datapackage", "read_csv_dir", "write_csv_dir"]


def _child_tables() -> dict[str, tuple[str, str, str, type[Link]]]:
    """child table stem -> (parent section, parent column, field, link model)."""
    tables: dict[str, tuple[str, str, str, type[Link]]] = {}
    for cls in RECORD_TYPES:
        for ref in cls.REFS:
            if ref.link:
                annotation = cls.model_fields[ref.field].annotation
                link_cls = annotation.__args__[0]  # type: ignore[union-attr]
                parent_col = cls.KIND.lower()
                tables[f"{parent_col}_{ref.field}"] = (cls.SECTION, parent_col, ref.field, link_cls)
    return tables


CHILD_TABLES = _child_tables()


def _read_table(path: Path, problems: list[Problem]) -> list[tuple[int, dict[str, str]]] | None:
    name = path.name
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(
                name,
                data[: exc.start].count(b"\n") + 1,
                None,
                f"not UTF-8 text (byte 0x{data[exc.start]:02x})",
                "the file looks Latin-1/Windows-1252 encoded; save it as CSV UTF-8",
            )
        )
        return None
    if not text.strip():
        problems.append(
            Problem(name, None, None, "the file is empty", "give at least a header row")
        )
        return None
    header_line = text.splitlines()[0]
    if "," not in header_line and (";" in header_line or "\t" in header_line):
        sep = "';'" if ";" in header_line else "tab"
        problems.append(
            Problem(
                name,
                1,
                None,
                f"columns are separated by {sep}, not commas",
                "save as comma-separated CSV (UTF-8)",
            )
        )
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, None, f"unreadable CSV: {exc}"))
        return None
    header = [h.strip() for h in rows[0]]
    blank = [i + 1 for i, h in enumerate(header) if not h]
    if blank:
        problems.append(Problem(name, 1, None, f"column {blank[0]} has no name in the header"))
        return None
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        problems.append(Problem(name, 1, dupes[0], "column named twice in the header"))
        return None
    out: list[tuple[int, dict[str, str]]] = []
    line = 1
    for cells in rows[1:]:
        line += 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(
                    name,
                    line,
                    None,
                    f"row has {len(cells)} cells but the header has {len(header)} columns",
                    "check for an unquoted comma or a missing cell",
                )
            )
            continue
        out.append((line, {h: c for h, c in zip(header, cells, strict=True) if c.strip() != ""}))
    return out


def _check_columns(
    name: str,
    cls: type[Any],
    columns: set[str],
    problems: list[Problem],
    extra_ok: frozenset[str] = frozenset(),
) -> bool:
    import difflib

    known = set(cls.model_fields) | set(extra_ok) | set(_aliases(cls))
    ok = True
    for col in sorted(columns - known):
        close = difflib.get_close_matches(col, sorted(known), n=1)
        problems.append(
            Problem(
                name,
                1,
                col,
                "unknown column",
                f"did you mean {close[0]!r}?"
                if close
                else "known columns: " + ", ".join(sorted(known)),
            )
        )
        ok = False
    required = {n for n, f in cls.model_fields.items() if f.is_required()} - set(extra_ok)
    present = columns | {_aliases(cls).get(c, c) for c in columns}
    for col in sorted(required - present):
        problems.append(Problem(name, 1, col, "required column is missing"))
        ok = False
    return ok


def _aliases(cls: type[Any]) -> dict[str, str]:
    """Other column names a field accepts (``kind`` for ``type``)."""
    out: dict[str, str] = {}
    for name, info in cls.model_fields.items():
        choices = getattr(info.validation_alias, "choices", None) or ()
        out.update({str(c): name for c in choices if c != name})
    return out


def read_csv_dir(path: Path) -> tuple[DatasetInfo | None, list[RawRecord], list[Problem]]:
    """Read every ``<section>.csv`` and child table in a folder."""
    problems: list[Problem] = []
    info = _read_descriptor(path, problems)
    raws: list[RawRecord] = []
    by_id: dict[tuple[str, str], RawRecord] = {}
    known_files = set(SECTIONS) | set(CHILD_TABLES)
    for csv_path in sorted(path.glob("*.csv")):
        if csv_path.stem not in known_files:
            problems.append(
                Problem(
                    csv_path.name,
                    None,
                    None,
                    "unknown table",
                    "known tables: " + ", ".join(sorted(known_files)),
                )
            )
    for section, cls in SECTIONS.items():
        file = path / f"{section}.csv"
        if not file.exists():
            continue
        rows = _read_table(file, problems)
        if rows is None:
            continue
        columns = set().union(*(r.keys() for _, r in rows)) if rows else set()
        header_cols = set(_header(file))
        if not _check_columns(file.name, cls, header_cols or columns, problems):
            continue
        for line, row in rows:
            raw = RawRecord(section, dict(row), file.name, line)
            raws.append(raw)
            if "id" in row:
                by_id.setdefault((section, row["id"].strip()), raw)
    for stem, (section, parent_col, field, link_cls) in CHILD_TABLES.items():
        file = path / f"{stem}.csv"
        if not file.exists():
            continue
        rows = _read_table(file, problems)
        if rows is None:
            continue
        if not _check_columns(
            file.name, link_cls, set(_header(file)), problems, frozenset({parent_col})
        ):
            continue
        if parent_col not in set(_header(file)):
            problems.append(Problem(file.name, 1, parent_col, "required column is missing"))
            continue
        for line, row in rows:
            parent_id = row.pop(parent_col, "").strip()
            parent = by_id.get((section, parent_id))
            if parent is None:
                problems.append(
                    Problem(
                        file.name, line, parent_col, f"{parent_id!r} is not an id in {section}.csv"
                    )
                )
                continue
            existing = parent.data.get(field)
            items: list[Any] = (
                [p.strip() for p in existing.split("|") if p.strip()]
                if isinstance(existing, str)
                else list(existing or [])
            )
            parent.origins[(field, len(items))] = (file.name, line)
            items.append(row)
            parent.data[field] = items
    return info, raws, problems


def _header(file: Path) -> list[str]:
    try:
        first = file.read_bytes().decode("utf-8-sig").splitlines()[0]
    except (UnicodeDecodeError, IndexError):
        return []
    return [h.strip() for h in next(csv.reader([first]))]


def _read_descriptor(path: Path, problems: list[Problem]) -> DatasetInfo | None:
    file = path / "datapackage.json"
    if not file.exists():
        return None
    try:
        desc = json.loads(file.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        problems.append(
            Problem(file.name, getattr(exc, "lineno", None), None, f"invalid JSON: {exc}")
        )
        return None
    licences = desc.get("licenses") or []
    extra = desc.get("coordgraph") or {}
    try:
        return DatasetInfo(
            name=desc.get("name") or path.name,
            title=desc.get("title") or desc.get("name") or path.name,
            description=desc.get("description"),
            licence=licences[0].get("name") if licences else None,
            synthetic=bool(extra.get("synthetic", False)),
            homepage=desc.get("homepage"),
        )
    except ValueError as exc:
        problems.append(Problem(file.name, None, None, f"invalid descriptor: {exc}"))
        return None


# ----------------------------------------------------------------------------- writing


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "|".join(_cell(v) for v in value)
    return str(value)


def _columns(cls: type[Any], skip: set[str]) -> list[str]:
    return [n for n in cls.model_fields if n not in skip]


def write_csv_dir(
    dataset: Any,
    path: Path,
    *,
    overwrite: bool = False,
    command: str = "coordgraph",
    inputs: tuple[Path, ...] = (),
) -> Path:
    """Write a dataset as a CSV folder with ``datapackage.json``, as
    :class:`~coordgraph.io.atomic.OutputFolder` writes (refuses a non-empty folder
    coordgraph did not create unless ``overwrite``; never replaces others' files)."""
    with OutputFolder(Path(path), overwrite=overwrite, command=command, inputs=inputs) as tmp:
        for cls in RECORD_TYPES:
            records: tuple[Record, ...] = dataset.of(cls)
            if not records:
                continue
            links = {ref.field for ref in cls.REFS if ref.link}
            columns = _columns(cls, links)
            dumped = [r.model_dump(mode="json") for r in records]
            used = [
                c
                for c in columns
                if c == "id" or any(d.get(c) not in (None, [], "") for d in dumped)
            ]
            required = [
                n for n, f in cls.model_fields.items() if f.is_required() and n not in links
            ]
            used = [c for c in columns if c in used or c in required]
            _write(
                tmp, f"{cls.SECTION}.csv", used, [[_cell(d.get(c)) for c in used] for d in dumped]
            )
            for field in sorted(links):
                stem = f"{cls.KIND.lower()}_{field}"
                link_cls = CHILD_TABLES[stem][3]
                link_cols = [cls.KIND.lower(), *_columns(link_cls, set())]
                rows = [
                    [d["id"], *(_cell(item.get(c)) for c in link_cols[1:])]
                    for d in dumped
                    for item in d.get(field) or []
                ]
                if rows:
                    _write(tmp, f"{stem}.csv", link_cols, rows)
        tmp.write_text(
            "datapackage.json",
            json.dumps(datapackage(dataset.info), indent=2, ensure_ascii=False) + "\n",
        )
    return Path(path)


def _write(folder: OutputFolder, name: str, header: list[str], rows: list[list[str]]) -> None:
    with folder.open(name, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def datapackage(info: DatasetInfo) -> dict[str, Any]:
    """A Frictionless Data Package descriptor for the CSV layout, made from the schema."""
    resources = []
    for cls in RECORD_TYPES:
        links = {ref.field for ref in cls.REFS if ref.link}
        fields = [
            {
                "name": n,
                "type": _dp_type(f.annotation),
                **({"description": f.description} if f.description else {}),
            }
            for n, f in cls.model_fields.items()
            if n not in links
        ]
        foreign = []
        for ref in cls.REFS:
            if ref.link or ref.field == "sources" or ref.targets == ("Country",):
                continue
            target_cls = next(c for c in RECORD_TYPES if c.KIND in ref.targets)
            foreign.append(
                {"fields": ref.field, "reference": {"resource": target_cls.SECTION, "fields": "id"}}
            )
        resources.append(
            {
                "name": cls.SECTION,
                "path": f"{cls.SECTION}.csv",
                "profile": "tabular-data-resource",
                "description": cls.DESCRIPTION,
                "schema": {
                    "fields": fields,
                    "primaryKey": "id",
                    "foreignKeys": foreign,
                    "missingValues": [""],
                },
            }
        )
    for stem, (section, parent_col, _field, link_cls) in CHILD_TABLES.items():
        fields = [{"name": parent_col, "type": "string"}] + [
            {"name": n, "type": _dp_type(f.annotation)} for n, f in link_cls.model_fields.items()
        ]
        resources.append(
            {
                "name": stem,
                "path": f"{stem}.csv",
                "profile": "tabular-data-resource",
                "schema": {
                    "fields": fields,
                    "foreignKeys": [
                        {"fields": parent_col, "reference": {"resource": section, "fields": "id"}}
                    ],
                },
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": info.name,
        "title": info.title,
        **({"description": info.description} if info.description else {}),
        **({"homepage": info.homepage} if info.homepage else {}),
        **({"licenses": [{"name": info.licence}]} if info.licence else {}),
        "coordgraph": {"synthetic": info.synthetic, "multi_value_separator": "|"},
        "resources": resources,
    }


def _dp_type(annotation: Any) -> str:
    text = str(annotation)
    if "bool" in text:
        return "boolean"
    if "int" in text and "Citation" not in text:
        return "integer"
    return "string"
