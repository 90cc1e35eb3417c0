"""The package's import graph: no cycles, no private names taken from another module.

Every ``import`` in ``src/coordgraph`` is read with :mod:`ast`, at module level and inside
functions alike (an import moved into a function still runs, and still ties the two
modules together; only ``if TYPE_CHECKING:`` blocks, which never run, are left out).
A cycle among modules, or among the package's sub-packages (``export``, ``render``,
``neo4j``, ... with each top-level module its own unit), fails; so does importing a
name that starts with ``_`` from another module.

The allow-lists below hold exactly what existed when this test was written. They may
only shrink: an entry that no longer occurs fails the test too, so it is struck out
when the cycle or the private import is gone.
"""

from __future__ import annotations

import ast
import functools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "coordgraph"

#: Imports that close a cycle among modules (importer -> imported), each written
#: ``"a -> b"`` without the ``coordgraph.`` prefix. Issue 23 removed the first ones
#: (analyses.routes <-> criteria <-> _routes, io.csvdir <-> io.columnar,
#: neo4j.connection <-> neo4j.convert); one came with include.py.
ALLOWED_MODULE_CYCLE_EDGES = frozenset(
    {
        # include.py (bundled reference datasets, issue of the refcode branch) loads a
        # dataset while io.raw builds one: the loader and the include step should meet
        # in one module instead
        "include -> io.load",
        "io.csvdir -> io.raw",
        "io.load -> io.csvdir",
        "io.load -> io.raw",
        "io.load -> io.xlsx",
        "io.load -> io.yamlfile",
        "io.raw -> include",
        "io.xlsx -> io.csvdir",
        "io.xlsx -> io.raw",
        "io.yamlfile -> io.raw",
    }
)

#: Imports between sub-packages that close a cycle among them (``"a -> b"``).
#: export <-> render <-> neo4j went when routes moved into their own package.
ALLOWED_PACKAGE_CYCLE_EDGES = frozenset(
    {
        # the include step and the readers call each other (see the module cycle above)
        "include -> io",
        "io -> include",
    }
)

#: Private names imported from another module: ``"importer: module._name"``. Ten were
#: found when this test was written; each became public under a name that says what it
#: is, or moved to its caller. None is allowed now.
ALLOWED_PRIVATE_IMPORTS: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Import:
    importer: str
    module: str
    name: str | None  # the name taken from ``module``, when it is not a module itself
    line: int

    def where(self) -> str:
        return f"{self.importer} line {self.line}"


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _short(module: str) -> str:
    return module.removeprefix("coordgraph.") if module != "coordgraph" else module


def _in_type_checking(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def _imports(modules: dict[str, Path]) -> list[Import]:
    out = []
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            targets: list[tuple[str, str | None]] = []
            if isinstance(node, ast.Import):
                targets = [(alias.name, None) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([node.module] if node.module else []))
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.append((sub, None) if sub in modules else (base, alias.name))
            if not targets or _in_type_checking(node, parents):
                continue
            for target, name in targets:
                if target == "coordgraph" or target.startswith("coordgraph."):
                    assert target in modules, f"{module} imports {target}, which does not exist"
                    out.append(Import(module, target, name, node.lineno))
    return out


@functools.cache
def _package_imports() -> tuple[Import, ...]:
    return tuple(_imports(_modules()))


def _unit(module: str) -> str:
    """The sub-package a module belongs to (a top-level module is its own unit)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _cycle_edges(imports: Sequence[Import], key: Callable[[str], str]) -> dict[str, list[Import]]:
    """``"a -> b"`` -> the imports behind it, for every edge inside a cycle."""
    behind: dict[tuple[str, str], list[Import]] = defaultdict(list)
    for imp in imports:
        u, v = key(imp.importer), key(imp.module)
        if u != v:
            behind[(u, v)].append(imp)
    graph = nx.DiGraph(list(behind))
    out = {}
    for component in nx.strongly_connected_components(graph):
        for u, v in graph.subgraph(component).edges:
            out[f"{_short(u)} -> {_short(v)}"] = behind[(u, v)]
    return out


def _explain(edges: dict[str, list[Import]], names: set[str]) -> str:
    return "\n".join(
        f"  {name}  ({', '.join(imp.where() for imp in edges[name])})" for name in sorted(names)
    )


def test_no_new_import_cycle_among_modules() -> None:
    edges = _cycle_edges(_package_imports(), lambda m: m)
    new = set(edges) - ALLOWED_MODULE_CYCLE_EDGES
    assert not new, (
        "these imports close a cycle among modules (an import inside a function still "
        "counts; move the shared code to a module both can import):\n" + _explain(edges, new)
    )


def test_no_new_import_cycle_among_packages() -> None:
    edges = _cycle_edges(_package_imports(), _unit)
    new = set(edges) - ALLOWED_PACKAGE_CYCLE_EDGES
    assert not new, "these imports close a cycle among sub-packages:\n" + _explain(edges, new)


def _private_imports() -> dict[str, list[Import]]:
    out: dict[str, list[Import]] = defaultdict(list)
    for imp in _package_imports():
        name = imp.name or ""
        if name.startswith("_") and not name.startswith("__") and imp.module != imp.importer:
            out[f"{_short(imp.importer)}: {_short(imp.module)}.{name}"].append(imp)
    return out


def test_no_new_private_import() -> None:
    found = _private_imports()
    new = set(found) - ALLOWED_PRIVATE_IMPORTS
    assert not new, (
        "private names imported from another module (make the name public under a name "
        "that says what it is, or move the caller):\n" + _explain(found, new)
    )


def test_allow_lists_have_no_stale_entries() -> None:
    """An allowed cycle or private import that is gone must leave the list too."""
    imports = _package_imports()
    stale = (
        (ALLOWED_MODULE_CYCLE_EDGES - set(_cycle_edges(imports, lambda m: m)))
        | (ALLOWED_PACKAGE_CYCLE_EDGES - set(_cycle_edges(imports, _unit)))
        | (ALLOWED_PRIVATE_IMPORTS - set(_private_imports()))
    )
    assert not stale, "no longer occur; remove from the allow-lists in this file:\n  " + (
        "\n  ".join(sorted(stale))
    )


def test_the_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    """The reader finds a cycle made only of imports inside functions, and skips
    ``if TYPE_CHECKING:`` blocks."""
    mods = {"coordgraph.a": tmp_path / "a.py", "coordgraph.b": tmp_path / "b.py"}
    mods["coordgraph.a"].write_text("def f():\n    from coordgraph.b import g\n")
    mods["coordgraph.b"].write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from coordgraph import c\n"
        "def g():\n    from coordgraph.a import _f\n"
    )
    imports = _imports(mods)
    assert set(_cycle_edges(imports, lambda m: m)) == {"a -> b", "b -> a"}
    assert [i.name for i in imports if i.importer == "coordgraph.b"] == ["_f"]
