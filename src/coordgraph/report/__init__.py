"""The meeting report: one self-contained HTML file and a Markdown version."""

from coordgraph.report.build import write_report

__all__ = ["write_report"]
