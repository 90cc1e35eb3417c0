"""The workbook template in French (``coordgraph init FILE.xlsx --lang fr``): its README,
the comment on every column and the drop-down lists' messages in French; the column
and sheet names, which the reader reads, as in the English template."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from coordgraph.cli import cli

#: words of English sentences, none of them French
_ENGLISH = re.compile(
    r"\b(the|and|of|is|are|when|with|which|its|one|several|separated|record|records|"
    r"sheet|sheets|default|required|values|leave|out|not|none|kept|typed|list|them|each|"
    r"every|where|what|whom|whose|says|say)\b"
)


def _texts(path: Path) -> tuple[list[str], list[list[str]]]:
    """The workbook's help, line by line, and each sheet's column names."""
    wb = load_workbook(path)
    lines: list[str] = []
    headers = []
    for ws in wb.worksheets:
        if ws.title == "README":
            lines += [
                c.value for row in ws.iter_rows() for c in row[:2] if isinstance(c.value, str)
            ]
        elif ws.title == "dataset":
            lines += [
                c.value for row in ws.iter_rows() for c in row[2:3] if isinstance(c.value, str)
            ]
        else:
            headers.append([ws.title, *(c.value for c in ws[1])])
        lines += [c.comment.text for c in ws[1] if c.comment is not None]
        lines += [dv.error for dv in ws.data_validations.dataValidation if dv.error]
    return [line for text in lines for line in text.split("\n")], headers


def _init(tmp_path: Path, name: str, *extra: str) -> Path:
    path = tmp_path / name
    r = CliRunner().invoke(cli, ["init", str(path), *extra], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return path


def test_french_template_has_no_english_help(tmp_path: Path):
    french, headers = _texts(_init(tmp_path, "fr.xlsx", "--lang", "fr"))
    english, english_headers = _texts(_init(tmp_path, "en.xlsx"))
    assert headers == english_headers  # the reader's names, unchanged
    assert len(french) == len(english)
    columns = {name for row in headers for name in row[1:] if name}
    left = []
    for line in french:
        # what a person types stays as the reader reads it: column names, vocabulary values
        words = re.sub(r"\b[a-z]+(?:_[a-z0-9]+)+\b|'from [^']*'", " ", line)
        words = " ".join(w for w in words.split() if w.strip(",.;:()") not in columns)
        if _ENGLISH.search(words):
            left.append(line)
    assert not left, left[:10]
    assert "Une valeur parmi : verified, unverified, disputed" in french
    assert "id (obligatoire)" in french
    assert any(line.startswith("Remplissez les feuilles") for line in french)


def test_french_template_reads_back_as_the_english_one(tmp_path: Path):
    path = _init(tmp_path, "points-focaux.xlsx", "--lang", "fr")
    r = CliRunner().invoke(cli, ["validate", str(path)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
