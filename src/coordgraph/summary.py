"""What a dataset holds: counts, coverage, sources and licences; and its JSON Schema."""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from coordgraph.countries import country_name
from coordgraph.dataset import Dataset
from coordgraph.include import included_text, status_as_at
from coordgraph.model import RECORD_TYPES, DatasetInfo, Route

__all__ = ["bundled_summaries", "json_schema", "summarise", "summary_text"]


def summarise(dataset: Dataset) -> dict[str, Any]:
    """Counts per kind, countries covered, verification, sources and licences (routes
    counted column-wise from the dataset's route table)."""
    codes = sorted(dataset.country_codes())
    others = [r for cls in RECORD_TYPES if cls is not Route for r in dataset.of(cls)]
    verification = Counter(str(r.verification) for r in others)
    cited = sum(1 for r in others if r.sources or r.SECTION == "sources")
    routes = dataset.route_table.df
    verification.update(
        dict(routes.get_column("verification").drop_nulls().value_counts().iter_rows())
    )
    cited += int(routes.get_column("sources").list.len().fill_null(0).gt(0).sum())
    counts = {cls.SECTION: len(dataset.of(cls)) for cls in RECORD_TYPES if cls is not Route}
    counts[Route.SECTION] = routes.height
    return {
        "dataset": dataset.info.model_dump(mode="json", exclude_none=True),
        "records": {cls.SECTION: counts[cls.SECTION] for cls in RECORD_TYPES},
        "total_records": sum(counts.values()),
        "cited_records": cited,
        "verification": dict(sorted(verification.items())),
        "countries": [{"iso3": c, "name": country_name(c)} for c in codes],
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                **({"date": str(s.date)} if s.date else {}),
                **({"licence": s.licence} if s.licence else {}),
                **({"url": s.url} if s.url else {}),
                **({"synthetic": True} if s.synthetic else {}),
            }
            for s in dataset.sources
        ],
        **({"included": status_as_at(dataset)} if dataset.inclusion is not None else {}),
        "licences": sorted(
            {s.licence for s in dataset.sources if s.licence}
            | ({dataset.info.licence} if dataset.info.licence else set())
        ),
    }


def bundled_summaries() -> list[dict[str, Any]]:
    """One row per bundled dataset: name, whether it is the default, title, and counts of
    records, countries and sources, and records per verification level."""
    from coordgraph.io.load import DEFAULT_DATASET, bundled_datasets, load

    rows = []
    for name in bundled_datasets():
        s = summarise(load(name))
        rows.append(
            {
                "name": name,
                "default": name == DEFAULT_DATASET,
                "title": s["dataset"]["title"],
                "records": s["total_records"],
                "countries": len(s["countries"]),
                "sources": len(s["sources"]),
                "verification": s["verification"],
            }
        )
    return rows


def summary_text(summary: dict[str, Any]) -> str:
    info = summary["dataset"]
    lines = [f"{info['title']} ({info['name']})"]
    if info.get("synthetic"):
        lines.append("SYNTHETIC DATA: generated, not real facts")
    if info.get("description"):
        lines.append(info["description"])
    lines.append("")
    lines.append("Records:")
    width = max(len(k) for k in summary["records"])
    for section, n in summary["records"].items():
        lines.append(f"  {section:<{width}}  {n:>7}")
    lines.append(
        f"  {'total':<{width}}  {summary['total_records']:>7}"
        f"   ({summary['cited_records']} cite a source)"
    )
    lines.append(
        "Verification: " + ", ".join(f"{k} {v}" for k, v in summary["verification"].items())
    )
    countries = summary["countries"]
    lines.append(f"Countries covered: {len(countries)}")
    if countries:
        lines.append("  " + ", ".join(c["iso3"] for c in countries))
    lines.append(f"Sources: {len(summary['sources'])}")
    for s in summary["sources"][:20]:
        date = f" ({s['date']})" if s.get("date") else ""
        lines.append(f"  {s['id']}: {s['title']}{date}")
    if len(summary["sources"]) > 20:
        lines.append(f"  ... and {len(summary['sources']) - 20} more")
    lines.extend(included_text(summary.get("included")))
    lines.append("Licences: " + (", ".join(summary["licences"]) or "not stated"))
    return "\n".join(lines) + "\n"


def json_schema() -> dict[str, Any]:
    """JSON Schema of a single-file dataset (YAML or JSON), generated from the models."""
    from pydantic.json_schema import models_json_schema

    models: list[tuple[type[Any], Literal["validation"]]] = [
        (DatasetInfo, "validation"),
        *((cls, "validation") for cls in RECORD_TYPES),
    ]
    _, defs = models_json_schema(models, ref_template="#/$defs/{model}")
    properties: dict[str, Any] = {"dataset": {"$ref": "#/$defs/DatasetInfo"}}
    for cls in RECORD_TYPES:
        properties[cls.SECTION] = {
            "type": "array",
            "description": cls.DESCRIPTION,
            "items": {"$ref": f"#/$defs/{cls.__name__}"},
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "coordgraph dataset",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "$defs": defs.get("$defs", {}),
    }
