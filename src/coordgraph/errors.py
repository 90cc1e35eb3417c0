"""Exceptions raised by coordgraph.

Every error that a user can cause derives from :class:`CoordgraphError`; the CLI turns
those into a one-line ``Error: ...`` message and a non-zero exit code. Anything else is
a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BackendBusy",
    "BackendError",
    "BackendUnavailable",
    "CoordgraphError",
    "DataError",
    "DiskFull",
    "ExportError",
    "OutputError",
    "Problem",
    "UsageError",
    "ValidationFailed",
]


class CoordgraphError(Exception):
    """Root of every error a user can cause."""

    exit_code = 2


class DataError(CoordgraphError, ValueError):
    """A value or file that cannot be read at all (not found, wrong format)."""


class ExportError(CoordgraphError):
    """An export or diagram could not be written."""


class UsageError(CoordgraphError):
    """An option that cannot be used as given (a malformed server URI, for instance)."""


class OutputError(ExportError):
    """An output path that is refused (an input, a folder of someone else's files, a
    file of the same name coordgraph did not write) or that cannot be written."""


class DiskFull(OutputError):
    """An output could not be written because its device (or the user's quota) is
    full: an environment condition, not a bug and not bad input. Nothing partial is
    left; the message names the path and the space."""

    exit_code = 5


class BackendError(CoordgraphError):
    """The graph database answered with an error."""

    exit_code = 3


class BackendBusy(BackendError):
    """Another coordgraph process is writing to the graph database."""


class BackendUnavailable(BackendError):
    """The graph database could not be reached or refused the credentials."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in input data.

    Attributes
    ----------
    file
        The file (or dataset section) the problem was found in.
    row
        Row in a CSV file (the header is row 1) or line of the record in a YAML/JSON
        file; ``None`` when the problem concerns the whole file.
    field
        The field (column) concerned, dotted for nested values (``parties.1.country``).
    message
        What is wrong.
    hint
        How to fix it, when something useful can be said ("did you mean GRC?").
    cell
        In a workbook, the sheet and cell (``routes!C5``, or ``routes!5:5`` for a whole
        row, or the sheet's name for the whole sheet); printed in place of the row.
    """

    file: str
    row: int | None
    field: str | None
    message: str
    hint: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.cell is not None:
            where += f":{self.cell}"
        elif self.row is not None:
            where += f":{self.row}"
        if self.field:
            where += f":{self.field}"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "row": self.row,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
            **({"cell": self.cell} if self.cell is not None else {}),
        }


class ValidationFailed(CoordgraphError, ValueError):
    """Raised once, with every problem found, when a dataset is invalid."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=_problem_key)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} found in the dataset")

    def report(self) -> str:
        """All problems, one per line, then a count."""
        lines = [str(p) for p in self.problems]
        lines.append(str(self))
        return "\n".join(lines)


def _problem_key(p: Problem) -> tuple[str, str, int, str, str]:
    sheet = (p.cell or "").partition("!")[0]
    return (p.file, sheet, p.row if p.row is not None else -1, p.field or "", p.message)
