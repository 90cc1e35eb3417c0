"""Including another dataset: the reference layer (or any dataset) under a dataset's own.

A dataset names what it includes in its ``dataset`` section::

    dataset:
      name: europe
      include: [reference]                                  # every record of it
      # or: include: [{dataset: reference, only: [cets-197, coe]}]

The rules, in the order they apply (docs/reference.md says the same for a reader):

1. **What is taken.** Every record of the included dataset but its routes, or with
   ``only`` the records named (any kind, by id) and every record they refer to (their
   sources, the network an agreement belongs to, ...). An id in ``only`` that the included
   dataset does not hold is a problem. An included dataset may not include others.
2. **Which record is the same.** An included record is the same as the dataset's own
   record of its kind that names it in ``same_as``, else the own record of its kind with
   the same id (an own record with ``same_as`` matches only that id). Names are never
   compared. A ``same_as`` that names no record of its kind in any included dataset is a
   problem.
3. **The dataset's own record wins.** A record only the included dataset holds is added
   as it is. When both hold it, the merged record keeps the own record's id and every
   field the own record sets; a field it leaves unset is filled from the included
   record (a field at its default value counts as unset: a CSV file or a workbook
   writes every column); citations are the union. Parties and members are merged State
   by State the same way: a State only one side lists is kept; for a State both list, a
   date is the own record's, except that a more precise date inside it (``2006-05-19``
   inside ``2006``) is taken from the included record. A value that contradicts (two
   dates that cannot be the same day, another scope) stays the own record's and is a
   **warning** naming both values and both citations. A list is complete if either side says so.
   Records of other kinds (an agency, a country) with the same id: the own record wins
   whole. A source id that names a different document in each (another address, or
   without addresses another title) is a problem: citations would change meaning.
4. **References follow.** A record that refers to a merged one by its included id now
   refers to the own id.
5. **Several includes** apply in order: the first one's record wins over a later one's,
   as the own record wins over both.

The merge keeps what it used: :class:`Inclusion` holds the dataset's own records (so
``convert`` can write the dataset with its ``include`` and nothing more), the records
taken with their "status as at" sources (for ``summary`` and the report) and the
warnings (for ``validate``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from coordgraph.dates import FuzzyDate
from coordgraph.errors import CoordgraphError, Problem, ValidationFailed
from coordgraph.model import (
    RECORD_TYPES,
    Agreement,
    Citation,
    DatasetInfo,
    Include,
    Link,
    Network,
    Record,
    Route,
    Source,
)
from coordgraph.vocab import NodeKind

if TYPE_CHECKING:
    from coordgraph.dataset import Dataset

__all__ = [
    "Inclusion",
    "UsedRecord",
    "include_location",
    "include_records",
    "included_text",
    "inclusion_text",
    "own_records",
    "rebase_includes",
    "status_as_at",
    "with_includes",
]

#: The fields of a party or membership that hold its dates.
LINK_DATES = ("signed", "ratified", "acceded", "succeeded", "withdrawn", "joined", "left")
#: Fields of an agreement or network whose disagreement is worth a warning (others, such
#: as the name and notes, differ in wording between sources without contradicting).
_COMPARED = (
    "type",
    "form",
    "scope",
    "signed",
    "in_force",
    "not_in_force_on",
    "valid_from",
    "valid_to",
    "status",
    "network",
    "exploitation",
    "provisions",
    "purposes",
    "parent",
)
#: Fields the merge decides itself rather than by "own set wins, else included".
_OWN_RULES = {
    *("id", "sources", "same_as", "verification", "parties", "members"),
    *("parties_complete", "members_complete", "party_count", "member_count"),
}

#: How an undated status source's lower bound is written in :attr:`UsedRecord.status`.
_NOT_BEFORE = "not before "
#: Where a record of the including dataset was read: (file, row) of the record, a field,
#: or an item of a list field; ``field``/``index`` may be None.
Locate = Callable[[Record, str | None, int | None], tuple[str, int | None]]


@dataclass(frozen=True)
class UsedRecord:
    """An agreement or network taken from an included dataset.

    Attributes
    ----------
    include
        The included dataset's name (``reference``).
    kind
        ``Agreement`` or ``Network``.
    id
        Its id in the including dataset (the own id when it was merged via ``same_as``).
    included_id
        Its id in the included dataset.
    name
        Its name.
    states
        How many parties or members the merged record lists.
    merged
        True when the dataset has its own record of it (merged under rule 3).
    status
        The sources the included record cites itself: ``(id, title, date, url)``, the
        date being the depositary's "status as at" date when the source gives one, or
        ``not before DATE`` for an undated page known to be written after that day.
    """

    include: str
    kind: str
    id: str
    included_id: str
    name: str
    states: int
    merged: bool
    status: tuple[tuple[str, str, str | None, str | None], ...]

    @property
    def status_as_at(self) -> str | None:
        """The newest date of its status sources (None when none is dated)."""
        dates = [d for _, _, d, _ in self.status if d and not d.startswith(_NOT_BEFORE)]
        return max(dates) if dates else None

    @property
    def status_not_before(self) -> str | None:
        """For status sources that are all undated: the latest day they are known to be
        written after (None otherwise)."""
        if self.status_as_at is not None:
            return None
        dates = [d.removeprefix(_NOT_BEFORE) for _, _, d, _ in self.status if d]
        return max(dates) if dates else None

    @property
    def status_text(self) -> str:
        if self.status_as_at is not None:
            return f"status as at {self.status_as_at}"
        if self.status_not_before is not None:
            return f"undated status, not before {self.status_not_before}"
        return "status date not given"

    def as_dict(self) -> dict[str, Any]:
        return {
            "include": self.include,
            "kind": self.kind,
            "id": self.id,
            **({"included_id": self.included_id} if self.included_id != self.id else {}),
            "name": self.name,
            "states": self.states,
            "merged_with_own_record": self.merged,
            "status_as_at": self.status_as_at,
            **({"status_not_before": self.status_not_before} if self.status_not_before else {}),
            "status": self.status_text,
            "status_sources": [
                {"id": s, "title": t, **({"date": d} if d else {}), **({"url": u} if u else {})}
                for s, t, d, u in self.status
            ],
        }


@dataclass(frozen=True)
class Inclusion:
    """What including other datasets did to a dataset (see the module docstring)."""

    #: The including dataset's own records as read, before the merge (routes aside).
    own: tuple[Record, ...]
    #: The agreements and networks taken from included datasets.
    used: tuple[UsedRecord, ...] = ()
    #: Where the own and included records disagree (the own value is used).
    warnings: tuple[Problem, ...] = ()
    #: The included datasets, by name, with their file.
    datasets: tuple[tuple[str, str], ...] = field(default=())


def inclusion_text(dataset: Dataset) -> str:
    """``; 120 from reference, 2 warnings`` for ``validate``'s line (empty without include)."""
    inclusion = dataset.inclusion
    if inclusion is None:
        return ""
    taken = len(dataset) - len(inclusion.own) - dataset.route_count
    names = ", ".join(name for name, _ in inclusion.datasets) or "nothing"
    text = f"; {taken} taken from {names}"
    if inclusion.warnings:
        count = len(inclusion.warnings)
        text += f"; {count} warning{'s' if count != 1 else ''} where its own records disagree"
    return text


def included_text(used: list[dict[str, Any]] | None) -> list[str]:
    """Lines that list the included agreements and networks (``summary``, the report)."""
    if not used:
        return [] if used is None else ["Included: nothing (the include selects no record)"]
    lines = [f"Included agreements and networks: {len(used)}"]
    for item in used:
        states = "parties" if item["kind"] == str(NodeKind.AGREEMENT) else "members"
        merged = ", merged with this dataset's record" if item["merged_with_own_record"] else ""
        alias = f" (= {item['included_id']})" if "included_id" in item else ""
        when = item["status"]
        lines.append(
            f"  {item['id']}{alias}: {item['name']} ({item['states']} {states}{merged}); "
            f"from {item['include']}, {when}"
        )
    return lines


def status_as_at(dataset: Dataset) -> list[dict[str, Any]]:
    """The included agreements and networks a dataset uses, for ``summary`` and the report."""
    inclusion = getattr(dataset, "inclusion", None)
    if inclusion is None:
        return []
    return [u.as_dict() for u in inclusion.used]


# ----------------------------------------------------------------------------- loading


def include_location(path: Path | None) -> tuple[str, int | None]:
    """The file and line where a dataset's ``include`` setting is written (for problems):
    the ``include`` key of a YAML/JSON file's ``dataset`` section, of a CSV folder's
    ``datapackage.json``, or a workbook's ``dataset`` sheet (its name only)."""
    if path is None:
        return "dataset", None
    target = path / "datapackage.json" if path.is_dir() else path
    if target.suffix.lower() not in {".yaml", ".yml", ".json"}:
        return target.name, None
    try:
        lines = target.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return target.name, None
    key = re.compile(r"""(^|[{,\s])["']?include["']?\s*:""")
    for number, text in enumerate(lines, start=1):
        if key.search(text):
            return target.name, number
    return target.name, None


def _resolve(include: Include, base: Path | None) -> Path:
    from coordgraph.io.load import bundled_datasets

    if base is not None:
        candidate = _folder(base) / include.dataset
        if candidate.exists():
            return candidate.resolve()
    bundled = bundled_datasets()
    if include.dataset in bundled:
        return bundled[include.dataset]
    names = ", ".join(bundled) or "none"
    where = f" beside {base.name}" if base is not None else ""
    raise CoordgraphError(
        f"no dataset {include.dataset!r}{where} and no bundled dataset of that name ({names})"
    )


def rebase_includes(info: DatasetInfo, source: Path, target: Path, *, to: str) -> DatasetInfo:
    """``info`` with each include by path rewritten to reach the same dataset from
    ``target`` (written in format ``to``); bundled names stay names."""
    import os

    changed = []
    for include in info.include:
        path = _resolve(include, source)
        if include.dataset in _bundled_names() and not (_folder(source) / include.dataset).exists():
            changed.append(include)
            continue
        where = target.resolve() if to == "csv" else target.resolve().parent
        relative = os.path.relpath(path, where)
        changed.append(include.model_copy(update={"dataset": Path(relative).as_posix()}))
    return info.model_copy(update={"include": tuple(changed)})


def _folder(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def _bundled_names() -> set[str]:
    from coordgraph.io.load import bundled_datasets

    return set(bundled_datasets())


#: The datasets whose includes are being loaded (outermost first), to refuse a cycle.
_LOADING: list[Path | None] = []


def _identity(path: Path) -> Path:
    """The file a dataset path stands for (a folder's dataset.yaml, else the folder)."""
    path = path.resolve()
    if path.is_dir():
        for name in ("dataset.yaml", "dataset.yml", "dataset.json"):
            if (path / name).is_file():
                return path / name
    return path


def _load_included(path: Path) -> Dataset:
    stat = path.stat() if path.is_file() else None
    key = (str(path), stat.st_mtime_ns if stat else None, stat.st_size if stat else None)
    return _cached_load(key)


@functools.lru_cache(maxsize=8)
def _cached_load(key: tuple[str, int | None, int | None]) -> Dataset:
    from coordgraph.io.load import load

    return load(key[0])


# ----------------------------------------------------------------------------- selecting


def _referenced(record: Record) -> Iterator[tuple[NodeKind, str]]:
    """The (kind, id) of every record ``record`` refers to (not countries)."""
    for ref in record.REFS:
        if ref.targets == (NodeKind.COUNTRY,):
            continue
        value = getattr(record, ref.field)
        items: Iterable[object] = value if isinstance(value, tuple) else (value,)
        for item in items:
            if item is None or isinstance(item, Link):
                continue
            target = item.source if isinstance(item, Citation) else str(item)
            for kind in ref.targets:
                yield kind, target
    for ref in record.REFS:
        if ref.link:
            for link in getattr(record, ref.field):
                for citation in (*link.sources, *getattr(link, "reservation_sources", ())):
                    yield NodeKind.SOURCE, citation.source


def _select(
    included: Dataset, include: Include, problem: Callable[[str, str | None], None]
) -> list[Record]:
    """The records ``include`` takes (rule 1), in the included dataset's order."""
    structure = list(included.structure())
    if not include.only:
        return structure
    by_key: dict[tuple[NodeKind, str], Record] = {(r.KIND, r.id): r for r in structure}
    by_id: dict[str, list[Record]] = {}
    for r in structure:
        by_id.setdefault(r.id, []).append(r)
    wanted: set[tuple[NodeKind, str]] = set()
    todo: list[Record] = []
    for rid in include.only:
        if rid not in by_id:
            close = difflib.get_close_matches(rid, sorted(by_id), n=1, cutoff=0.6)
            problem(
                f"{include.dataset!r} holds no record {rid!r} to include",
                f"did you mean {close[0]!r}?" if close else None,
            )
            continue
        todo.extend(by_id[rid])
    while todo:
        record = todo.pop()
        if (record.KIND, record.id) in wanted:
            continue
        wanted.add((record.KIND, record.id))
        for key in _referenced(record):
            if key in by_key and key not in wanted:
                todo.append(by_key[key])
    return [r for r in structure if (r.KIND, r.id) in wanted]


# ----------------------------------------------------------------------------- merging


def _possible(date: FuzzyDate) -> tuple[dt.date, dt.date]:
    """The days a date can mean (a "before" date: any day before its bound)."""
    return (dt.date.min if date.before else date.start, date.end)


def _compatible(a: FuzzyDate, b: FuzzyDate) -> bool:
    (a0, a1), (b0, b1) = _possible(a), _possible(b)
    return a0 <= b1 and b0 <= a1


def _finer(inner: FuzzyDate, outer: FuzzyDate) -> bool:
    """``inner`` means fewer days than ``outer``, all of them days ``outer`` can mean."""
    (i0, i1), (o0, o1) = _possible(inner), _possible(outer)
    return o0 <= i0 and i1 <= o1 and (i0, i1) != (o0, o1)


def _cites(citations: Iterable[Citation]) -> str:
    text = ", ".join(str(c) for c in citations)
    return f"cites {text}" if text else "no citation"


def _union(own: tuple[Citation, ...], other: tuple[Citation, ...]) -> tuple[Citation, ...]:
    return own + tuple(c for c in other if c not in own)


def _same_value(a: object, b: object) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return sorted(map(str, a)) == sorted(map(str, b))
    return a == b


class _Merger:
    """Rule 3 for one include: merge included records into own ones, collecting
    warnings and problems against the own record's place in its file."""

    def __init__(self, name: str, locate: Locate) -> None:
        self.name = name
        self.locate = locate
        self.warnings: list[Problem] = []
        self.problems: list[Problem] = []

    def _warn(self, own: Record, field: str, message: str, index: int | None = None) -> None:
        file, row = self.locate(own, field.partition(".")[0], index)
        self.warnings.append(Problem(file, row, field, message))

    def _fill(
        self,
        own: Link | Record,
        inc: Link | Record,
        *,
        compared: Iterable[str],
        skip: set[str],
        say: Callable[[str, str], None],
    ) -> dict[str, Any]:
        """Fields for the merged object: own where set, else included; dates refined."""
        data: dict[str, Any] = {}
        compared = set(compared)
        for name, info in type(own).model_fields.items():
            if name in skip:
                continue
            mine, theirs = getattr(own, name), getattr(inc, name, None)
            # a field at its default counts as unset: a CSV file or a workbook writes every
            # column, so "set" cannot be told from "left at the default" there
            if mine is None or mine == () or mine == info.default:
                data[name] = theirs if theirs not in (None, ()) else mine
                continue
            data[name] = mine
            if theirs in (None, ()) or _same_value(mine, theirs) or name not in compared:
                continue
            if isinstance(mine, FuzzyDate) and isinstance(theirs, FuzzyDate):
                if _finer(theirs, mine):
                    data[name] = theirs
                    continue
                if _compatible(mine, theirs):
                    continue
            say(name, f"{_show(mine)} here but {_show(theirs)} in {self.name}")
        return data

    def links(self, own: Record, inc: Record, field_name: str) -> tuple[tuple[Link, ...], bool]:
        """The merged parties or members of two records, State by State."""
        mine: tuple[Link, ...] = getattr(own, field_name)
        theirs: tuple[Link, ...] = getattr(inc, field_name)
        index_of = {link.country: i for i, link in enumerate(mine)}  # type: ignore[attr-defined]
        by_country = {link.country: link for link in theirs}  # type: ignore[attr-defined]
        out: list[Link] = []
        changed = False
        for link in mine:
            other = by_country.get(link.country)  # type: ignore[attr-defined]
            if other is None:
                out.append(link)
                continue

            def say(name: str, text: str, link: Link = link, other: Link = other) -> None:
                country = link.country  # type: ignore[attr-defined]
                self._warn(
                    own,
                    f"{field_name}.{country}.{name}",
                    f"{country} {name}: {text} ({_cites(link.sources)} here; "
                    f"{_cites(other.sources)} in {self.name}); this dataset's value is used",
                    index_of[country],
                )

            skip = {"sources", "verification"}
            data = self._fill(link, other, compared=LINK_DATES, skip=skip, say=say)
            data["sources"] = _union(link.sources, other.sources)
            data["verification"] = link.verification
            try:
                merged = type(link).model_validate(data)
            except ValidationError as exc:
                message = str(exc.errors(include_url=False)[0]["msg"]).removeprefix("Value error, ")
                say("dates", f"the dates of both together do not hold ({message})")
                merged = link
            changed = changed or merged != link
            out.append(merged)
        for link in theirs:
            if link.country not in index_of:  # type: ignore[attr-defined]
                out.append(link)
                changed = True
        return tuple(out), changed

    def record(self, own: Record, inc: Record) -> Record:
        """One own record merged with the included record of the same thing."""

        def say(name: str, text: str, outcome: str = "this dataset's value is used") -> None:
            self._warn(
                own,
                name,
                f"{own.KIND} {own.id!r} {name}: {text} ({_cites(own.sources)} here; "
                f"{_cites(inc.sources)} in {self.name}); {outcome}",
            )

        if not isinstance(own, Agreement | Network):
            if own != inc and not isinstance(own, Source):
                say("record", "the two records differ", "this dataset's record is used whole")
            return own
        data = self._fill(own, inc, compared=_COMPARED, skip=_OWN_RULES, say=say)
        data["id"] = own.id
        data["same_as"] = own.same_as
        data["verification"] = own.verification
        data["sources"] = _union(own.sources, inc.sources)
        links, complete, count = (
            ("parties", "parties_complete", "party_count")
            if isinstance(own, Agreement)
            else ("members", "members_complete", "member_count")
        )
        data[links], _ = self.links(own, inc, links)
        data[complete] = getattr(own, complete) or getattr(inc, complete)
        mine_count, their_count = getattr(own, count), getattr(inc, count)
        data[count] = mine_count if mine_count is not None else their_count
        listed = len(data[links])
        if isinstance(own, Agreement) and data[count] is not None and data[count] < listed:
            # a party count below the parties listed is refused (validate.py): the count
            # the other side gives is used if it holds, else none
            kept = [c for c in (their_count, mine_count) if c is not None and c >= listed]
            data[count] = kept[0] if kept else None
            say(
                count,
                f"{mine_count} here and {their_count} in {self.name}, below the {listed} "
                "parties the merged record lists",
                f"{kept[0]} is used" if kept else "the count is left out",
            )
        elif mine_count is not None and their_count is not None and mine_count != their_count:
            say(count, f"{mine_count} here but {their_count} in {self.name}")
        try:
            return type(own).model_validate(data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = ".".join(str(p) for p in err["loc"])
                file, row = self.locate(own, str(err["loc"][0]) if err["loc"] else None, None)
                self.problems.append(
                    Problem(
                        file,
                        row,
                        loc or None,
                        f"merged with {inc.id!r} of {self.name}: "
                        + str(err["msg"]).removeprefix("Value error, "),
                    )
                )
            return own


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def _rewrite(record: Record, renamed: dict[tuple[NodeKind, str], str]) -> Record:
    """Rule 4: references to a merged record use the own id."""
    updates: dict[str, Any] = {}
    for ref in record.REFS:
        if ref.link or ref.targets == (NodeKind.COUNTRY,) or ref.field == "sources":
            continue
        value = getattr(record, ref.field)
        if value is None:
            continue

        def new(item: str, ref_targets: tuple[NodeKind, ...] = ref.targets) -> str:
            for kind in ref_targets:
                if (kind, item) in renamed:
                    return renamed[(kind, item)]
            return item

        if isinstance(value, tuple):
            replaced = tuple(new(str(v)) for v in value)
            if replaced != value:
                updates[ref.field] = replaced
        elif new(str(value)) != value:
            updates[ref.field] = new(str(value))
    return record.model_copy(update=updates) if updates else record


StatusSource = tuple[str, str, str | None, str | None]


def _status(record: Record, sources: dict[str, Source]) -> tuple[StatusSource, ...]:
    cited = list(record.sources)
    if not cited:
        for ref in record.REFS:
            if ref.link:
                for link in getattr(record, ref.field):
                    cited.extend(c for c in link.sources if c not in cited)
    out = []
    seen: set[str] = set()
    for citation in cited:
        source = sources.get(citation.source)
        if source is None or source.id in seen:
            continue
        seen.add(source.id)
        when = (
            str(source.date)
            if source.date
            else f"{_NOT_BEFORE}{source.not_before}"
            if source.not_before
            else None
        )
        out.append((source.id, source.title, when, source.url))
    return tuple(out)


def include_records(
    includes: tuple[Include, ...],
    own: list[Record],
    *,
    base: Path | None,
    locate: Locate,
    include_line: tuple[str, int | None],
) -> tuple[list[Record], Inclusion, list[Problem]]:
    """Merge the records of ``includes`` under the dataset's ``own`` records.

    ``base`` is the including dataset's file or folder (relative includes start there);
    ``locate`` gives where an own record (a field, an item) was read, for warnings and
    problems; ``include_line`` is where the ``include`` setting was read. Returns the
    merged records (routes as they were), what the merge did and the problems found.
    """
    problems: list[Problem] = []
    warnings: list[Problem] = []
    used: list[UsedRecord] = []
    loaded: list[tuple[str, str]] = []
    records = list(own)
    file, line = include_line
    me = _identity(base) if base is not None else None
    for include in includes:

        def problem(message: str, hint: str | None = None) -> None:
            problems.append(Problem(file, line, "dataset.include", message, hint))

        try:
            path = _resolve(include, base)
            if _identity(path) in _LOADING or (base is not None and _identity(path) == me):
                problem(
                    f"{include.dataset!r} is this dataset, or includes it: includes may not "
                    "form a cycle"
                )
                continue
            _LOADING.append(me)
            try:
                included = _load_included(path)
            finally:
                _LOADING.pop()
        except ValidationFailed as exc:
            problem(f"the included dataset {include.dataset!r} is not valid ({exc})")
            problems.extend(exc.problems)
            continue
        except CoordgraphError as exc:
            problem(str(exc))
            continue
        if included.info.include:
            problem(
                f"{include.dataset!r} includes other datasets itself; include those here "
                "directly (includes do not nest)"
            )
            continue
        name = included.info.name
        loaded.append((name, str(path)))
        taken = _select(included, include, problem)
        merged, more_used, more_warnings = _merge_one(name, records, taken, locate, problems)
        records = merged
        used.extend(more_used)
        warnings.extend(more_warnings)
    if len(loaded) == len(includes):  # else a same_as may name what a broken include holds
        _check_same_as(own, used, locate, problems)
    kept = tuple(r for r in own if not isinstance(r, Route))
    return records, Inclusion(kept, tuple(used), tuple(warnings), tuple(loaded)), problems


def _merge_one(
    name: str,
    records: list[Record],
    taken: list[Record],
    locate: Locate,
    problems: list[Problem],
) -> tuple[list[Record], list[UsedRecord], list[Problem]]:
    """Rules 2-4 for one included dataset."""
    merger = _Merger(name, locate)
    by_id: dict[tuple[NodeKind, str], int] = {}
    by_same_as: dict[tuple[NodeKind, str], int] = {}
    for index, record in enumerate(records):
        same_as = getattr(record, "same_as", None)
        if same_as:
            if (record.KIND, same_as) in by_same_as:
                first = records[by_same_as[(record.KIND, same_as)]]
                file, row = locate(record, "same_as", None)
                problems.append(
                    Problem(file, row, "same_as", f"{first.id!r} is already same_as {same_as!r}")
                )
                continue
            by_same_as[(record.KIND, same_as)] = index
        else:
            by_id[(record.KIND, record.id)] = index
    sources = {r.id: r for r in taken if isinstance(r, Source)}
    renamed: dict[tuple[NodeKind, str], str] = {}
    added: list[Record] = []
    used: list[UsedRecord] = []
    ids_taken = {(r.KIND, r.id) for r in records}
    for inc in taken:
        key = (inc.KIND, inc.id)
        at = by_same_as.get(key, by_id.get(key))
        if at is None:
            if key in ids_taken:
                holder = next(r for r in records if (r.KIND, r.id) == key)
                file, row = locate(holder, "id", None)
                problems.append(
                    Problem(
                        file,
                        row,
                        "id",
                        f"{inc.KIND} id {inc.id!r} is also a different {inc.KIND} of {name!r} "
                        f"(this record is same_as {getattr(holder, 'same_as', None)!r}); "
                        "give this record another id",
                    )
                )
                continue
            added.append(inc)
            if isinstance(inc, Agreement | Network):
                used.append(_used(name, inc, inc, sources, merged=False))
            continue
        own = records[at]
        if isinstance(own, Source) and isinstance(inc, Source):
            if not _same_document(own, inc):
                file, row = locate(own, "id", None)
                problems.append(
                    Problem(
                        file,
                        row,
                        "id",
                        f"source id {own.id!r} is also a different source in {name!r} "
                        f"({inc.title!r}); give this source another id so citations keep "
                        "their meaning",
                    )
                )
            continue
        merged = merger.record(own, inc)
        records[at] = merged
        if own.id != inc.id:
            renamed[key] = own.id
        if isinstance(merged, Agreement | Network):
            used.append(_used(name, merged, inc, sources, merged=True))
    out = records + added
    if renamed:  # rule 4, also for the fields a merged record took from the included one
        out = [_rewrite(r, renamed) for r in out]
    problems.extend(merger.problems)
    return out, used, merger.warnings


def _same_document(a: Source, b: Source) -> bool:
    """Two source records of one document: the same address, or (without one) the same
    title; descriptions and notes may differ."""
    if a.url and b.url:
        return a.url.strip().rstrip("/") == b.url.strip().rstrip("/")
    return " ".join(a.title.lower().split()) == " ".join(b.title.lower().split())


def _used(
    name: str, record: Record, inc: Record, sources: dict[str, Source], *, merged: bool
) -> UsedRecord:
    links = record.parties if isinstance(record, Agreement) else getattr(record, "members", ())
    return UsedRecord(
        include=name,
        kind=str(record.KIND),
        id=record.id,
        included_id=inc.id,
        name=record.label,
        states=len(links),
        merged=merged,
        status=_status(inc, sources),
    )


def _check_same_as(
    own: list[Record],
    used: list[UsedRecord],
    locate: Locate,
    problems: list[Problem],
) -> None:
    """A ``same_as`` must name a record of its kind that an include gave (rule 2)."""
    matched = {(u.kind, u.included_id) for u in used if u.merged}
    for record in own:
        same_as = getattr(record, "same_as", None)
        if not same_as or (str(record.KIND), same_as) in matched:
            continue
        file, row = locate(record, "same_as", None)
        problems.append(
            Problem(
                file,
                row,
                "same_as",
                f"no included dataset gives a {record.KIND} {same_as!r}",
                "same_as names the id of the same record in a dataset this one includes "
                "(and, with only, selects)",
            )
        )


def with_includes(dataset: Dataset) -> Dataset:
    """A dataset built in code (its own records, its ``include``) as :func:`coordgraph.load`
    would give it: includes merged, references checked.

    Raises :class:`~coordgraph.errors.ValidationFailed` with every problem.
    """
    from coordgraph.dataset import Dataset
    from coordgraph.validate import check_references

    own = list(dataset.structure())
    if dataset.table is None:
        own.extend(dataset.routes)
    problems: list[Problem] = []
    inclusion = None
    if dataset.info.include:
        own, inclusion, problems = include_records(
            dataset.info.include,
            own,
            base=dataset.path,
            locate=lambda record, _field, _index: (record.SECTION, None),
            include_line=("dataset", None),
        )
    merged = Dataset.from_records(
        dataset.info, own, path=dataset.path, routes=dataset.table, inclusion=inclusion
    )
    problems.extend(check_references(merged))
    if problems:
        raise ValidationFailed(problems)
    return merged


def own_records(dataset: Dataset) -> list[Record]:
    """The dataset's own records (before any include), routes aside."""
    inclusion = getattr(dataset, "inclusion", None)
    if inclusion is None:
        return [r for kind in RECORD_TYPES if kind is not Route for r in dataset.of(kind)]
    return list(inclusion.own)
