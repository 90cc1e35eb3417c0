"""Read a YAML or JSON file into plain values, keeping line numbers and deciding no types.

The YAML reader keeps every scalar as text: ``2020-02-30`` is not turned into a
timestamp, ``02006`` is not an octal number, ``20:06`` is not base 60, ``true`` and
``NO`` are not booleans. The schema then decides what each text means and says so when
it cannot (an impossible date, a count that is not a whole number). A plain empty value,
``~`` or ``null`` is "not given". JSON keeps the types JSON itself has.

Both readers share one :class:`TreeBuilder`, which reports, each with its line:
a key given twice in one mapping (at every level), a key that is not text, an explicit
YAML tag, an alias to no anchor or to itself, aliases that would expand into more values
than the file holds (an "alias bomb"), merge keys, nesting deeper than
:data:`MAX_DEPTH`, a value longer than :data:`MAX_TEXT` characters. Files larger than
:data:`MAX_FILE_BYTES` are refused before they are read.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coordgraph.errors import DataError, Problem

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_TEXT",
    "Tree",
    "TreeBuilder",
    "read_bytes",
    "read_json_tree",
    "read_text",
    "read_yaml_tree",
]

#: Largest YAML or JSON file read (bigger datasets belong in a folder of CSV files).
MAX_FILE_BYTES = 32_000_000
#: Deepest nesting of lists and mappings (a dataset needs about six levels).
MAX_DEPTH = 40
#: Longest single value, in characters.
MAX_TEXT = 100_000
#: How many values aliases may add beyond the values written in the file.
ALIAS_ALLOWANCE = 100_000
#: Paths longer than this get no line number of their own (their parent's is used).
_KEEP_DEPTH = 4

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})

Path_ = tuple[str | int, ...]


class _Stop(Exception):
    """Reading cannot go on (the problem is already recorded)."""


@dataclass
class Tree:
    """What a file held: the value, line numbers by path, and problems found reading it."""

    value: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _field_name(path: Path_) -> str | None:
    """How a problem names a path: the field inside a record, or the section."""
    if len(path) >= 3:
        return ".".join(str(p) for p in path[2:6])
    return str(path[0]) if path else None


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path_
    line: int
    anchor: str | None
    size: int = 1
    key: str | None = None
    key_line: int = 0
    has_key: bool = False
    broken_key: bool = False
    first_lines: dict[str, int] = field(default_factory=dict)


class TreeBuilder:
    """Build nested values from start/end/scalar calls, checking what any reader must."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.lines: dict[Path_, int] = {}
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.done = False
        self.anchors: dict[str, tuple[Any, int, _Frame | None]] = {}
        self.written = 0
        self.expanded = 0

    # -- problems

    def problem(self, line: int | None, path: Path_, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.name, line, _field_name(path), message, hint))

    def stop(self, line: int | None, path: Path_, message: str, hint: str | None = None) -> None:
        self.problem(line, path, message, hint)
        raise _Stop

    # -- where the next value goes

    def _next_path(self) -> tuple[Path_, int | None]:
        if not self.stack:
            return (), None
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container)), None
        if top.has_key and not top.broken_key and top.key is not None:
            return (*top.path, top.key), top.key_line
        return top.path, None

    def _expect_key(self) -> bool:
        if not self.stack:
            return False
        top = self.stack[-1]
        return isinstance(top.container, dict) and not top.has_key

    # -- events

    def start(self, kind: type, line: int, anchor: str | None = None) -> None:
        if self.done:
            return
        path, key_line = self._next_path()
        if len(self.stack) >= MAX_DEPTH:
            self.stop(line, path, f"values are nested more than {MAX_DEPTH} levels deep")
        self.written += 1
        if len(path) <= _KEEP_DEPTH:
            self.lines.setdefault(path, key_line or line)
        container: dict[str, Any] | list[Any] = {} if kind is dict else []
        frame = _Frame(container, path, line, anchor)
        if anchor is not None:
            self.anchors[anchor] = (container, 0, frame)
        self.stack.append(frame)

    def end(self) -> None:
        if self.done:
            return
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, frame.size, None)
        self._place(frame.container, frame.line, frame.size)

    def scalar(
        self,
        value: Any,
        line: int,
        *,
        anchor: str | None = None,
        mergeable: bool = False,
    ) -> None:
        if self.done:
            return
        self.written += 1
        if isinstance(value, str) and len(value) > MAX_TEXT:
            path, _ = self._next_path()
            self.problem(
                line,
                path,
                f"a value of {len(value)} characters; the limit is {MAX_TEXT}",
                "check for a missing closing quote",
            )
            value = value[:MAX_TEXT]
        if anchor is not None:
            self.anchors[anchor] = (value, 1, None)
        if not self._expect_key():
            path, _ = self._next_path()
            if 0 < len(path) <= _KEEP_DEPTH:
                self.lines.setdefault(path, line)
        if mergeable and value == "<<" and self._expect_key():
            top = self.stack[-1]
            self.problem(
                line,
                top.path,
                "YAML merge keys (<<) are not read",
                "write the fields out in each record",
            )
            top.has_key = top.broken_key = True
            top.size += 1
            return
        self._place(value, line, 1)

    def alias(self, anchor: str, line: int) -> None:
        if self.done:
            return
        path, _ = self._next_path()
        if anchor not in self.anchors:
            self.problem(line, path, f"alias *{anchor} refers to no anchor &{anchor} above it")
            self._place(None, line, 1)
            return
        value, size, open_frame = self.anchors[anchor]
        if open_frame is not None:
            self.stop(line, path, f"alias *{anchor} refers to a value that contains it")
        self.expanded += size
        if self.expanded > ALIAS_ALLOWANCE + self.written:
            self.stop(
                line,
                path,
                "aliases expand into more values than the file holds (an alias bomb?)",
                "write the values out instead of repeating aliases",
            )
        if len(path) <= _KEEP_DEPTH:
            self.lines.setdefault(path, line)
        self._place(value, line, size)

    def _place(self, value: Any, line: int, size: int) -> None:
        if not self.stack:
            self.root = value
            self.done = True
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.container, list):
            top.container.append(value)
            return
        if not top.has_key:
            top.has_key = True
            top.key_line = line
            if not isinstance(value, str) or value == "":
                if isinstance(value, dict | list):
                    shown = "a list or mapping as a key"
                else:
                    shown = "an empty key" if value in (None, "") else f"key {value!r}"
                self.problem(line, top.path, f"{shown} is not a field name")
                top.broken_key = True
                return
            top.broken_key = False
            top.key = value
            key_path = (*top.path, value)
            if value in top.container or value in top.first_lines:
                first = top.first_lines.get(value)
                where = f" (first at line {first})" if first else ""
                self.problem(
                    line,
                    key_path,
                    f"{value!r} is given twice in the same mapping{where}",
                    "keep one; a second key would silently replace the first",
                )
                top.broken_key = True
                return
            top.first_lines[value] = line
            if len(key_path) <= _KEEP_DEPTH:
                self.lines[key_path] = line
            return
        top.has_key = False
        if top.broken_key:
            return
        assert isinstance(top.container, dict) and top.key is not None
        top.container[top.key] = value


# ----------------------------------------------------------------------------- files


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """A file's text (UTF-8, BOM dropped), refusing what is not a regular, small-enough file."""
    data = read_bytes(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            f"{path.name}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
            "save the file as UTF-8"
        ) from None


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, refusing what is not a regular file or is larger than ``limit``."""
    if not path.is_file():
        raise DataError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size > limit:
        raise DataError(
            f"{path}: the file is {size / 1e6:.1f} MB; the limit for a {path.suffix or 'such'} "
            f"file is {limit / 1e6:.0f} MB (use a folder of CSV files for large datasets)"
        )
    return path.read_bytes()


_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml_tree(text: str, name: str) -> Tree:
    """Values of a YAML document as text, with lines; syntax errors become problems."""
    builder = TreeBuilder(name)
    loader = _Loader(text)
    documents = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    builder.stop(line, (), "more than one YAML document ('---') in the file")
                continue
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent):
                builder.alias(str(event.anchor), line)
                continue
            if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
                tag = event.tag
                if tag is not None:
                    path, _ = builder._next_path()
                    builder.problem(
                        line,
                        path,
                        f"explicit YAML tag {tag.replace('tag:yaml.org,2002:', '!!')} is not read",
                        "remove the tag; values are read as text and checked by the schema",
                    )
            if isinstance(event, yaml.ScalarEvent):
                plain = event.style in (None, "") and event.implicit[0]
                value: str | None = event.value
                if plain and value in _NULLS:
                    value = None
                builder.scalar(value, line, anchor=anchor, mergeable=plain)
            elif isinstance(event, yaml.MappingStartEvent):
                builder.start(dict, line, anchor)
            elif isinstance(event, yaml.SequenceStartEvent):
                builder.start(list, line, anchor)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                builder.end()
    except _Stop:
        pass
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a character"
        builder.problems.append(
            Problem(name, line, None, f"invalid YAML: {char} is not allowed ({exc.reason})")
        )
        return Tree(None, builder.lines, builder.problems)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        builder.problems.append(
            Problem(
                name, mark.line + 1 if mark is not None else None, None, f"invalid YAML: {reason}"
            )
        )
        return Tree(None, builder.lines, builder.problems)
    finally:
        loader.dispose()
    if not builder.done:
        return Tree(None, builder.lines, builder.problems)
    return Tree(builder.root, builder.lines, builder.problems)


_JSON_TOKEN = re.compile(
    r"""[ \t\n\r]*(?:
      (?P<str>"(?:[^"\\\x00-\x1f]|\\.)*")
    | (?P<num>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
    | (?P<lit>true|false|null)
    | (?P<punct>[{}\[\]:,])
    | (?P<bad>-?[A-Za-z]+|\S)
    )""",
    re.VERBOSE,
)
_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}


def read_json_tree(text: str, name: str) -> Tree:
    """Values of a JSON document with lines: duplicate keys, NaN and Infinity are problems."""

    def _constant(token: str) -> float:
        return math.nan

    try:
        json.loads(
            text, object_pairs_hook=lambda pairs: None, parse_constant=_constant, parse_int=len
        )
    except json.JSONDecodeError as exc:
        return Tree(None, {}, [Problem(name, exc.lineno, None, f"invalid JSON: {exc.msg}")])
    except RecursionError:
        return Tree(None, {}, [Problem(name, None, None, "values are nested too deeply")])
    except ValueError as exc:
        return Tree(None, {}, [Problem(name, None, None, f"invalid JSON: {exc}")])
    builder = TreeBuilder(name)
    line = 1
    last = 0
    pos = 0
    end = len(text)
    try:
        while pos < end and not builder.done:
            match = _JSON_TOKEN.match(text, pos)
            if match is None:  # only trailing whitespace is left
                break
            start = match.start(match.lastgroup or 0)
            line += text.count("\n", last, start)
            last = start
            pos = match.end()
            kind = match.lastgroup
            token = match.group(kind or 0)
            path, _ = builder._next_path()
            if kind == "str":
                builder.scalar(json.loads(token), line)
            elif kind == "num":
                builder.scalar(_json_number(token, builder, line, path), line)
            elif kind == "lit":
                builder.scalar(_LITERALS[token], line)
            elif kind == "punct":
                if token in "{[":
                    builder.start(dict if token == "{" else list, line)
                elif token in "}]":
                    builder.end()
            elif kind == "bad":
                builder.stop(
                    line,
                    path,
                    f"{token} is not a JSON value",
                    "NaN and Infinity are not JSON; leave the field out",
                )
    except _Stop:
        return Tree(None, builder.lines, builder.problems)
    return Tree(builder.root, builder.lines, builder.problems)


def _json_number(token: str, builder: TreeBuilder, line: int, path: Path_) -> Any:
    try:
        if any(c in token for c in ".eE"):
            number = float(token)
            if math.isinf(number):
                builder.problem(line, path, f"the number {token[:20]} is out of range")
                return None
            return number
        return int(token)
    except ValueError:
        builder.problem(line, path, f"a number of {len(token)} digits is too long")
        return None
