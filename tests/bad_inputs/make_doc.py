"""Regenerate docs/bad-inputs.md from the corpus: python tests/bad_inputs/make_doc.py"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import coordgraph
from coordgraph.errors import DataError, ValidationFailed

HERE = Path(__file__).resolve().parent
DOC = HERE.parent.parent / "docs" / "bad-inputs.md"


def main() -> None:
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    groups: dict[str, list[str]] = defaultdict(list)
    for name in sorted(manifest):
        groups["-".join(name.split("-")[:2])].append(name)
    lines = [
        "# Bad input: what each mistake gets",
        "",
        f"Generated from the {len(manifest)} cases of `tests/bad_inputs/` by",
        "`python tests/bad_inputs/make_doc.py`. Every invalid case is reported with file, row",
        "(line) and field, exit code 2 and no traceback; valid-but-tricky cases (BOM, CRLF,",
        "values that look like Cypher or spreadsheet formulas) load unchanged. One example",
        "per class:",
        "",
        "| class | cases | example | what coordgraph says |",
        "|---|---:|---|---|",
    ]
    for group, names in groups.items():
        name = names[0]
        folder = HERE / "cases" / name
        target = folder if any(folder.glob("*.csv")) else next(folder.iterdir())
        try:
            coordgraph.load(target)
            said = "loads (valid)"
        except ValidationFailed as exc:
            said = str(exc.problems[0])
        except DataError as exc:
            said = f"Error: {exc}".replace(str(folder) + "/", "")
        said = said.replace("|", "\\|")
        lines.append(f"| {group} | {len(names)} | `{name}` | {said} |")
    DOC.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
