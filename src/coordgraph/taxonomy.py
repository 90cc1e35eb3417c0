"""The issue-scope taxonomy and the duplication rules, shipped as data (``data/*.yaml``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

from coordgraph.errors import DataError

__all__ = ["Rules", "Taxonomy", "default_rules", "default_taxonomy"]


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
    """Which mechanism types share a function; which network kinds coordinate."""

    functions: dict[str, tuple[str, ...]]
    coordinating_network_kinds: tuple[str, ...]

    def functions_of(self, mechanism_type: str) -> frozenset[str]:
        return frozenset(f for f, types in self.functions.items() if mechanism_type in types)


def _data(name: str) -> str:
    return (resources.files("coordgraph") / "data" / name).read_text(encoding="utf-8")


@functools.cache
def default_taxonomy() -> Taxonomy:
    return Taxonomy.from_mapping(yaml.safe_load(_data("scopes.yaml")))


@functools.cache
def default_rules() -> Rules:
    data = yaml.safe_load(_data("rules.yaml"))
    return Rules(
        {str(k): tuple(v) for k, v in data["functions"].items()},
        tuple(data["coordinating_network_kinds"]),
    )
