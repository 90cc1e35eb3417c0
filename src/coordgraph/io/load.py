"""Find and read a dataset: a bundled name, a YAML/JSON file, a workbook or a CSV folder."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

from coordgraph.dataset import Dataset
from coordgraph.errors import DataError, Problem, ValidationFailed
from coordgraph.model import DatasetInfo

__all__ = ["DEFAULT_DATASET", "bundled_datasets", "load", "resolve_dataset_path"]

DEFAULT_DATASET = "ecpat-2008"
_YAML_NAMES = ("dataset.yaml", "dataset.yml", "dataset.json")
#: Extensions of the files a dataset can be: a folder so named is refused, not read as
#: a folder of CSV files (``x.xlsx/`` is a mistake, or a workbook unpacked by hand).
_FILE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers", ".yaml", ".yml", ".json", ".csv")


def _bundled_root() -> Path:
    return Path(str(resources.files("coordgraph") / "datasets"))


def bundled_datasets() -> dict[str, Path]:
    """Names and folders of the datasets shipped with coordgraph."""
    root = _bundled_root()
    if not root.is_dir():
        return {}
    return {
        p.name: p
        for p in sorted(root.iterdir())
        if p.is_dir() and not p.name.startswith(("_", "."))
    }


def resolve_dataset_path(path: str | Path | None) -> Path:
    """The file or folder a dataset argument means.

    ``None`` is the bundled default dataset; a bare name such as ``west-africa`` that is
    not an existing path is a bundled dataset.
    """
    if path is None:
        path = DEFAULT_DATASET
    candidate = Path(path)
    if candidate.exists():
        return candidate
    bundled = bundled_datasets()
    if str(path) in bundled:
        return bundled[str(path)]
    names = ", ".join(bundled) or "none"
    raise DataError(
        f"no dataset at {str(path)!r}: not a file or folder, nor a bundled dataset ({names})"
    )


def load(
    path: str | Path | None = None,
    *,
    on_progress: Callable[[int, int], None] | None = None,
    warnings: list[Problem] | None = None,
    strict: bool = False,
) -> Dataset:
    """Read and validate a dataset.

    Parameters
    ----------
    path
        A YAML or JSON file, an .xlsx workbook, a folder of CSV files (or holding
        ``dataset.yaml``), the name of a bundled dataset, or ``None`` for the bundled
        default.
    on_progress
        Called as ``on_progress(done, total)`` while records are validated.
    warnings
        A list to which what is valid but implausible is added (dates after today,
        ids that differ only by case); see :func:`coordgraph.validate.plausibility_warnings`.
    strict
        Treat those as problems: raise :class:`ValidationFailed` for them too.

    Raises
    ------
    ValidationFailed
        With every problem found, each with file, row and field.

    Examples
    --------
    >>> ds = load()
    >>> ds.info.name
    'ecpat-2008'
    """
    from coordgraph.bulk import paused_gc

    # Reading makes tens of thousands of small rows and records holding no cycles: the
    # cycle collector would walk them again and again for nothing (a quarter of the time).
    with paused_gc():
        return _load(path, on_progress=on_progress, warnings=warnings, strict=strict)


def _load(
    path: str | Path | None,
    *,
    on_progress: Callable[[int, int], None] | None,
    warnings: list[Problem] | None,
    strict: bool,
) -> Dataset:
    """:func:`load`, with the cycle collector paused."""
    from coordgraph.io.csvdir import read_csv_dir
    from coordgraph.io.raw import build_dataset
    from coordgraph.io.xlsx import XLSX_SUFFIXES, read_xlsx
    from coordgraph.io.yamlfile import read_yaml

    locate: Callable[[Problem], Problem] | None = None
    routes = None
    target = resolve_dataset_path(path)
    if target.is_dir() and target.suffix.lower() in _FILE_SUFFIXES:
        raise DataError(
            f"{target}: a folder named like a {target.suffix} file; a dataset folder holds "
            "CSV files (or dataset.yaml) and is named without a file extension: rename it, "
            "or name the file inside it"
        )
    if target.is_dir():
        files = [target / n for n in _YAML_NAMES if (target / n).exists()]
        tables = sorted(p.name for p in target.glob("*.csv"))
        if len(files) > 1 or (files and tables):
            found = [f.name for f in files] + tables[:3] + (["..."] if len(tables) > 3 else [])
            raise DataError(
                f"{target}: the folder holds more than one dataset ({', '.join(found)}); "
                "keep either one dataset file or the CSV files, or name the file to read"
            )
        if files:
            target = files[0]
        elif not tables:
            raise DataError(f"{target}: no dataset.yaml and no CSV files in this folder")
    if target.is_dir():
        info, raws, problems, routes = read_csv_dir(target)
        default_name = target.name
    elif target.suffix.lower() in {".yaml", ".yml", ".json"}:
        info, raws, problems = read_yaml(target)
        default_name = target.parent.name if target.stem == "dataset" else target.stem
    elif target.suffix.lower() in XLSX_SUFFIXES:
        info, raws, problems, locate = read_xlsx(target)
        default_name = target.stem
    elif target.suffix.lower() in {".xls", ".ods", ".numbers"}:
        raise DataError(f"{target}: save it as an Excel Workbook (.xlsx) to read it")
    else:
        raise DataError(
            f"{target}: expected a .yaml, .yml, .json or .xlsx file, or a folder of CSV files"
        )
    if info is None:
        info = DatasetInfo(name=_slug(default_name), title=default_name)
    try:
        doubts: list[Problem] = []
        dataset = build_dataset(
            info,
            raws,
            problems=problems,
            path=target,
            on_progress=on_progress,
            routes=routes,
            warnings=doubts if warnings is not None else None,
            strict=strict,
        )
    except ValidationFailed as exc:
        if warnings is not None:  # what was worth a look is said beside the problems
            warnings.extend(locate(p) if locate is not None else p for p in doubts)
        if locate is None:
            raise
        raise ValidationFailed([locate(p) for p in exc.problems]) from None
    if warnings is not None:
        warnings.extend(locate(p) if locate is not None else p for p in doubts)
    return dataset


def _slug(text: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in text).strip("-.")
    return cleaned or "dataset"
