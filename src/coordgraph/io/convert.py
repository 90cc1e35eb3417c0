"""Write a dataset in any input format, convert between formats, write empty templates.

The formats are the ones :func:`coordgraph.load` reads: a YAML or JSON file, a folder
of CSV files, an Excel workbook. Each is written from the same records, so a dataset
converted from one to another and back is the same dataset (``tests/io/test_convert.py``
checks it on the bundled datasets and on synthetic data).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from coordgraph.dataset import Dataset
from coordgraph.errors import ExportError, OutputError
from coordgraph.model import RECORD_TYPES, DatasetInfo

__all__ = [
    "FORMATS",
    "convert",
    "dataset_document",
    "output_format",
    "own_at",
    "write_dataset",
    "write_template",
]

#: format name -> what it is, for --help and messages
FORMATS = {
    "yaml": "one YAML file",
    "json": "one JSON file",
    "csv": "a folder of CSV files with datapackage.json",
    "xlsx": "an Excel workbook, one sheet per table",
}
_SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".xlsx": "xlsx"}
#: workbook names that tell Excel to expect macros or a template: coordgraph writes a plain
#: macro-free workbook, which Excel refuses to open under such a name
_MACRO_SUFFIXES = (".xlsm", ".xltm", ".xltx", ".xlsb", ".xlam")


def output_format(path: Path, to: str | None = None) -> str:
    """The format to write ``path`` in: ``to`` when given, else from its extension
    (``.yaml``/``.yml``, ``.json``, ``.xlsx``); a name without one, or a folder, is a CSV
    folder. A macro or template workbook name (``.xlsm``...) is refused, even with ``to``:
    Excel would not open the macro-free workbook coordgraph writes under it."""
    suffix = Path(path).suffix.lower()
    if suffix in _MACRO_SUFFIXES:
        raise ExportError(
            f"{path}: coordgraph writes workbooks without macros, which Excel opens only "
            f"as .xlsx, not {suffix}; give a name ending in .xlsx"
        )
    if to is not None:
        if to not in FORMATS:
            raise ExportError(f"unknown format {to!r}; use one of {', '.join(FORMATS)}")
        return to
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if suffix in {".csv", ".xls", ".ods", ".txt"}:
        raise ExportError(
            f"{path}: cannot tell the format from {suffix!r}; give a .yaml, .json or .xlsx "
            "file, a folder name for CSV files, or --to"
        )
    return "csv"


def dataset_document(dataset: Dataset) -> dict[str, Any]:
    """The dataset as the mapping a YAML or JSON file holds; defaults are left out.

    A membership or party with nothing but its country is written as the country code.
    """
    doc: dict[str, Any] = {
        "dataset": dataset.info.model_dump(mode="json", exclude_defaults=True),
    }
    if dataset.info.include:
        doc["dataset"]["include"] = [
            {"dataset": i.dataset, "only": list(i.only)} if i.only else i.dataset
            for i in dataset.info.include
        ]
    for cls in RECORD_TYPES:
        records = dataset.of(cls)
        if not records:
            continue
        links = {ref.field for ref in cls.REFS if ref.link}
        items = []
        for record in records:
            item = record.model_dump(mode="json", exclude_defaults=True)
            for field in links & item.keys():
                item[field] = [
                    link["country"] if set(link) == {"country"} else link for link in item[field]
                ]
            items.append(item)
        doc[cls.SECTION] = items
    return doc


def write_dataset(
    dataset: Dataset,
    path: Path,
    *,
    to: str | None = None,
    overwrite: bool = False,
    inputs: tuple[Path, ...] = (),
    template: bool = False,
    command: str = "coordgraph convert",
    neutralise: bool = True,
    translate: Callable[[str], str] | None = None,
) -> str:
    """Write ``dataset`` to ``path`` in the format :func:`output_format` gives.

    Never over an input (``inputs``) or inside an input folder. A file that exists is
    replaced only with ``overwrite``; a folder is written as
    :class:`~coordgraph.io.atomic.OutputFolder` writes (docs/outputs.md). The write is
    atomic: on failure the previous file or folder is as it was. Returns the format.
    Cells of a CSV folder or workbook are formula-safe unless ``neutralise`` is false
    (:mod:`coordgraph.io.safe`); reading them back gives the same text either way. A
    workbook's help (README, column comments, drop-down messages) is passed through
    ``translate`` when given (:func:`coordgraph.text.i18n.workbook_text`).
    """
    from coordgraph.io.atomic import atomic_write_text, check_target
    from coordgraph.io.csvdir import write_csv_dir
    from coordgraph.io.xlsx import write_xlsx

    path = Path(path)
    fmt = output_format(path, to)
    if fmt == "csv":
        write_csv_dir(
            dataset,
            path,
            overwrite=overwrite,
            command=command,
            inputs=inputs,
            every_column=template,
            neutralise=neutralise,
        )
        return fmt
    check_target(path, inputs=inputs)
    if path.exists() and not overwrite:
        raise OutputError(
            f"{path} already exists; nothing was written (use --overwrite to replace it)"
        )
    if fmt == "xlsx":
        write_xlsx(
            dataset,
            path,
            template=template,
            inputs=inputs,
            neutralise=neutralise,
            translate=translate,
        )
    elif fmt == "json":
        text = json.dumps(dataset_document(dataset), indent=2, ensure_ascii=False) + "\n"
        atomic_write_text(path, text, inputs=inputs)
    else:
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        text = yaml.dump(
            dataset_document(dataset),
            Dumper=dumper,
            allow_unicode=True,
            sort_keys=False,
            width=100,
        )
        atomic_write_text(path, text, inputs=inputs)
    return fmt


def convert(
    source: str | Path,
    target: Path,
    *,
    to: str | None = None,
    overwrite: bool = False,
    inline: bool = False,
    neutralise: bool = True,
) -> tuple[Dataset, str]:
    """Read and validate ``source`` (any format :func:`coordgraph.load` reads), then write
    it to ``target``. An invalid source raises
    :class:`~coordgraph.errors.ValidationFailed` and writes nothing.

    A dataset that includes others is written with its ``include`` and its own records
    (an include by path is rewritten to reach the same dataset from ``target``);
    ``inline`` writes every record, merged, without the include. Returns what was
    written and its format.
    """
    from coordgraph.io.load import load, resolve_dataset_path

    dataset = load(source)
    origin = resolve_dataset_path(source)
    written = dataset.inlined() if inline else own_at(dataset.own(), origin, Path(target), to=to)
    dataset = written
    fmt = write_dataset(
        dataset,
        Path(target),
        to=to,
        overwrite=overwrite,
        inputs=(origin,),
        neutralise=neutralise,
    )
    return dataset, fmt


def own_at(dataset: Dataset, origin: Path, target: Path, *, to: str | None = None) -> Dataset:
    """``dataset`` (its own records, read from ``origin``) ready to be written at
    ``target``: an include by path is rewritten to reach the same dataset from there."""
    if not dataset.info.include:
        return dataset
    from coordgraph.include import rebase_includes

    info = rebase_includes(dataset.info, origin, target, to=output_format(target, to))
    return Dataset(info, dataset.records, dataset.path, dataset.table)


def write_template(
    path: Path,
    *,
    to: str | None = None,
    overwrite: bool = False,
    neutralise: bool = True,
    translate: Callable[[str], str] | None = None,
) -> str:
    """Write an empty dataset to fill in: a workbook (README sheet, a comment on every
    column, drop-down lists; its help passed through ``translate`` when given, the column
    names as the reader reads them) or a CSV folder (every table's header,
    datapackage.json)."""
    path = Path(path)
    fmt = output_format(path, to)
    if fmt not in {"xlsx", "csv"}:
        raise ExportError(
            f"{path}: a template is an .xlsx workbook or a folder of CSV files, not {fmt}"
        )
    stem = path.stem if fmt == "xlsx" else path.name
    name = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem).strip("-_")
    info = DatasetInfo(name=name or "my-dataset", title=stem or "My dataset")
    return write_dataset(
        Dataset.from_records(info, []),
        path,
        to=fmt,
        overwrite=overwrite,
        template=True,
        command="coordgraph init",
        neutralise=neutralise,
        translate=translate,
    )
