"""No function in src/coordgraph is longer than 100 lines (issue 23).

A long function holds several steps that each deserve a name; the size is read with
:mod:`ast` (first line of the ``def`` to its last line, decorators left out).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "coordgraph"
LIMIT = 100


def _long_functions(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > LIMIT:
                    where = path.relative_to(root.parent)
                    found.append(f"{where}:{node.lineno} {node.name} ({size} lines)")
    return found


def test_no_function_is_longer_than_the_limit() -> None:
    long = _long_functions(PACKAGE)
    assert not long, f"split these into named steps (at most {LIMIT} lines each):\n" + "\n".join(
        long
    )


def test_the_check_sees_a_long_function(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT))
    (pkg / "m.py").write_text(f"def f():\n{body}\n", "utf-8")
    assert _long_functions(pkg) == [f"pkg/m.py:1 f ({LIMIT + 1} lines)"]
