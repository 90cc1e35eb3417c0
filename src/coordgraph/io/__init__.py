"""Reading and writing datasets: a YAML/JSON file or a folder of CSV files."""

from coordgraph.io.load import bundled_datasets, load, resolve_dataset_path

__all__ = ["bundled_datasets", "load", "resolve_dataset_path"]
