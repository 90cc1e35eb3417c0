"""The issue-scope taxonomy and the duplication rules, shipped as data (``data/*.yaml``)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources

import yaml

from coordgraph.errors import DataError

__all__ = ["Rules", "Taxonomy", "default_rules", "default_taxonomy", "rules_from_mapping"]


@dataclass(frozen=True)
class Taxonomy:
    """Scope tags, each with the narrower tags it includes."""

    labels: dict[str, str]
    includes: dict[str, tuple[str, ...]]

    @classmethod
    def from_mapping(cls, data: dict[str, dict[str, object]]) -> Taxonomy:
        labels: dict[str, str] = {}
        includes: dict[str, tuple[str, ...]] = {}
        for tag, entry in data.items():
            labels[str(tag)] = str(entry.get("label", tag))
            raw = entry.get("includes") or []
            if not isinstance(raw, list):
                raise DataError(f"scope {tag!r}: includes must be a list")
            includes[str(tag)] = tuple(str(t) for t in raw)
        for tag, narrower in includes.items():
            for t in narrower:
                if t not in includes:
                    raise DataError(f"scope {tag!r} includes unknown scope {t!r}")
        taxonomy = cls(labels, includes)
        for tag in includes:
            if tag in taxonomy._below(tag, set()):
                raise DataError(f"scope {tag!r} includes itself through a cycle")
        return taxonomy

    def _below(self, tag: str, seen: set[str]) -> set[str]:
        out: set[str] = set()
        for t in self.includes.get(tag, ()):
            if t in seen:
                continue
            seen.add(t)
            out.add(t)
            out |= self._below(t, seen)
        return out

    def expand(self, tags: tuple[str, ...] | list[str] | set[str]) -> frozenset[str]:
        """The tags and every narrower tag they include."""
        return _expand(self, frozenset(tags))

    def overlap(self, a: tuple[str, ...], b: tuple[str, ...]) -> frozenset[str]:
        """Tags the two scopes share once expanded (empty when they do not overlap)."""
        return self.expand(a) & self.expand(b)

    def __contains__(self, tag: object) -> bool:
        return tag in self.includes

    def __hash__(self) -> int:
        return id(self)


@functools.lru_cache(maxsize=4096)
def _expand(taxonomy: Taxonomy, tags: frozenset[str]) -> frozenset[str]:
    out: set[str] = set(tags)
    for tag in tags:
        out |= taxonomy._below(tag, set())
    return frozenset(out)


@dataclass(frozen=True)
class Rules:
    """What each kind of body does; which mechanism types share a function; which network
    kinds coordinate (``data/rules.yaml``)."""

    functions: dict[str, tuple[str, ...]]
    coordinating_network_kinds: tuple[str, ...]
    #: function -> (operational, words a planner reads)
    body_functions: dict[str, tuple[bool, str]] = field(default_factory=dict)
    #: node kind -> record type -> default function
    default_functions: dict[str, dict[str, str]] = field(default_factory=dict)

    def functions_of(self, mechanism_type: str) -> frozenset[str]:
        return frozenset(f for f, types in self.functions.items() if mechanism_type in types)

    def function_of(self, attrs: Mapping[str, object]) -> str | None:
        """What a mechanism, network or agreement does: its own ``function`` if recorded,
        else the default of its type, else ``None`` (not recorded)."""
        own = attrs.get("function")
        if own:
            return str(own)
        return self.default_functions.get(str(attrs.get("kind")), {}).get(str(attrs.get("type")))

    def is_operational(self, function: str | None) -> bool:
        """Whether a body of this function carries cases between States."""
        return function is not None and self.body_functions.get(function, (False, ""))[0]

    def function_words(self, function: str | None) -> str:
        """The function as a planner reads it ("monitoring and reporting")."""
        if function is None:
            return "function not recorded"
        return self.body_functions.get(function, (False, function))[1]


def _data(name: str) -> str:
    return (resources.files("coordgraph") / "data" / name).read_text(encoding="utf-8")


@functools.cache
def default_taxonomy() -> Taxonomy:
    return Taxonomy.from_mapping(yaml.safe_load(_data("scopes.yaml")))


@functools.cache
def default_rules() -> Rules:
    return rules_from_mapping(yaml.safe_load(_data("rules.yaml")))


def rules_from_mapping(data: dict[str, object]) -> Rules:
    """Rules from the mapping of ``rules.yaml``, checked against the vocabularies."""
    from coordgraph.vocab import BodyFunction, NodeKind

    known = {str(f) for f in BodyFunction}
    body: dict[str, tuple[bool, str]] = {}
    for name, entry in dict(data.get("body_functions") or {}).items():  # type: ignore[call-overload]
        if str(name) not in known:
            raise DataError(
                f"rules.yaml: unknown function {name!r} (known: {', '.join(sorted(known))})"
            )
        body[str(name)] = (bool(entry.get("operational")), str(entry.get("label", name)))
    defaults: dict[str, dict[str, str]] = {}
    for kind, table in dict(data.get("default_functions") or {}).items():  # type: ignore[call-overload]
        if str(kind) not in {str(k) for k in NodeKind}:
            raise DataError(f"rules.yaml: default_functions names no node kind {kind!r}")
        for type_, function in dict(table).items():
            if str(function) not in body:
                raise DataError(f"rules.yaml: {kind}.{type_}: unknown function {function!r}")
        defaults[str(kind)] = {str(k): str(v) for k, v in dict(table).items()}
    compared = [str(f) for f in list(data.get("compared_functions") or [])]  # type: ignore[call-overload]
    mechanisms = defaults.get(str(NodeKind.MECHANISM), {})
    functions = {f: tuple(t for t, g in mechanisms.items() if g == f) for f in compared}
    return Rules(
        functions,
        tuple(str(k) for k in list(data["coordinating_network_kinds"])),  # type: ignore[call-overload]
        body,
        defaults,
    )
