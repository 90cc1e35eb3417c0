"""A depositary's status table, as the user saved it, read into dated party rows.

Three layouts are read:

``untc``
    A United Nations Treaty Collection status page saved as HTML. Its participant table
    has the columns *Participant*, *Signature* and *Ratification, Acceptance(A),
    Approval(AA), Accession(a), Succession(d)*; dates read ``12 Dec 2000`` and a letter
    after the date gives the form of consent (``26 Sep 2003 a``). Footnote numbers follow
    names and dates. The status date is the page's ``STATUS AS AT : DD-MM-YYYY`` line; the
    text under *Declarations and Reservations* gives each State's declarations and
    reservations, under a paragraph that names the State.
``coe``
    A Council of Europe Treaty Office "Chart of signatures and ratifications" saved as
    HTML: columns *States*, *Signature*, *Ratification*, *Entry into force*, *Notes* and
    the marks *R.* (reservations), *D.* (declarations), *A.* (authorities), *T.*
    (territorial application), *C.* (communication), *O.* (objection); dates read
    ``DD/MM/YYYY``; *Notes* gives ``a`` (accession), ``s`` (signature without reservation
    as to ratification), ``su`` (succession) and ``r`` (signature *ad referendum*). Rows
    under a section heading name member States, non-member States or international
    organisations. The status date is the page's ``Status as of DD/MM/YYYY``.
``csv``
    A CSV file with a header row: a country column (``country``, ``state``,
    ``participant`` or ``party``), ``signature`` and ``ratification``; optionally
    ``accession``, ``succession``, ``withdrawal``, ``reservations``, ``declarations`` and
    ``notes``. Dates are ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``) or as the UN writes
    them (``12 Dec 2000``, with the same letters after them).

Rules for every layout: a country name is read as
:func:`~coordgraph.countries.normalise_depositary_name` reads it; a participant that is
not a State (the European Union) is named in :attr:`StatusTable.not_states`, never
recorded as a party and never dropped in silence; a row that cannot be read (an unknown
name, a date that is not a date, a letter that means nothing) is a
:class:`~coordgraph.errors.Problem` at ``file:row``, and the table is refused
(:class:`~coordgraph.errors.ValidationFailed`) with every such problem at once. A
reservation's text is recorded; what it excludes is for a person to judge (``excludes``
is never filled in by the reader).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

from coordgraph.countries import CountryCodeError, normalise_depositary_name
from coordgraph.dates import FuzzyDate
from coordgraph.errors import DataError, Problem, ValidationFailed
from coordgraph.io.tree import read_bytes
from coordgraph.vocab import ConsentForm

__all__ = [
    "LAYOUTS",
    "NOT_STATES",
    "StatusFileInvalid",
    "StatusRow",
    "StatusTable",
    "read_treaty_status",
]

#: layout name -> what it is (for --help and messages)
LAYOUTS = {
    "untc": "a UN Treaty Collection status page saved as HTML",
    "coe": "a Council of Europe chart of signatures and ratifications saved as HTML",
    "csv": "a CSV file with country, signature and ratification columns",
}
#: Participants of treaty tables that are not States (named, never recorded as parties).
NOT_STATES = frozenset(
    {"european union", "european community", "european economic community", "euratom"}
)
#: Largest status file read.
MAX_STATUS_BYTES = 20_000_000

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
#: The UN's letters after a date in the consent column.
_UN_LETTERS = {
    "": ConsentForm.RATIFICATION,
    "A": ConsentForm.ACCEPTANCE,
    "AA": ConsentForm.APPROVAL,
    "a": ConsentForm.ACCESSION,
    "d": ConsentForm.SUCCESSION,
}
#: The Council of Europe's notes.
_COE_NOTES = {
    "a": ConsentForm.ACCESSION,
    "s": ConsentForm.DEFINITIVE_SIGNATURE,
    "su": ConsentForm.SUCCESSION,
}
_UN_DATE = re.compile(r"^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})(?:\s+(AA|A|a|d))?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: Footnote marks after a name: numbers, bracketed marks, asterisks and daggers.
_FOOTNOTE_TAIL = re.compile(r"(\s*(\[[^\]]{0,6}\]|[\d,]+|[*\u2020\u2021#]+))+$")
#: Footnote marks after a date (never bare numbers: the year is one).
_DATE_MARKS = re.compile(r"(\s*(\[[^\]]{0,6}\]|\(\d{1,3}\)|[*\u2020\u2021#]+))+$")
_UNTC_STATUS = re.compile(r"STATUS\s+AS\s+AT\s*:?\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", re.I)
_COE_STATUS = re.compile(r"Status\s+as\s+of\s*:?\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.I)
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)", re.I)


class StatusFileInvalid(ValidationFailed):
    """A status file with rows that cannot be read (every problem at once)."""

    def __init__(self, problems: list[Problem], file: str) -> None:
        super().__init__(problems)
        count = len(self.problems)
        self.args = (f"{count} {'row' if count == 1 else 'rows'} of {file} cannot be read",)


@dataclass(frozen=True)
class StatusRow:
    """One State's line of a status table.

    ``consented`` is the date of its ratification, acceptance, approval, accession or
    succession (``consent`` says which), or of a definitive signature.
    """

    row: int
    name: str
    country: str
    signed: FuzzyDate | None = None
    consented: FuzzyDate | None = None
    consent: ConsentForm | None = None
    withdrawn: FuzzyDate | None = None
    reservations: str | None = None
    declarations: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class StatusTable:
    """What a status file says: its layout, where it came from, its date and its rows."""

    file: str
    layout: str
    rows: tuple[StatusRow, ...]
    title: str | None = None
    url: str | None = None
    status_as_at: FuzzyDate | None = None
    #: Participants that are not States: (row, name as written).
    not_states: tuple[tuple[int, str], ...] = field(default=())

    @property
    def parties(self) -> tuple[StatusRow, ...]:
        """Rows with a ratification (or accession, ...) date: the parties."""
        return tuple(r for r in self.rows if r.consented is not None)


# ----------------------------------------------------------------------------- HTML


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    sup: list[str] = field(default_factory=list)
    span: int = 1

    @property
    def value(self) -> str:
        return " ".join("".join(self.text).split())


@dataclass
class _Table:
    rows: list[tuple[int, list[_Cell]]] = field(default_factory=list)


class _PageParser(HTMLParser):
    """Tables (innermost first-class: a nested table's text is not its parent cell's),
    text blocks with their lines, the title and the page's own address."""

    _BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "tr", "table"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self._stack: list[_Table] = []
        self._cell: list[_Cell | None] = []
        self._sup = 0
        self._skip = 0
        self.blocks: list[tuple[int, str]] = []
        self._block: list[str] = []
        self._block_line = 1
        self.title: str | None = None
        self._in_title = False
        self.url: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in {"script", "style"}:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "link" and values.get("rel", "").lower() == "canonical" and not self.url:
            self.url = values.get("href") or None
        elif tag == "meta" and values.get("property", "").lower() == "og:url" and not self.url:
            self.url = values.get("content") or None
        elif tag == "table":
            table = _Table()
            self.tables.append(table)
            self._stack.append(table)
            self._cell.append(None)
        elif tag == "tr" and self._stack:
            self._stack[-1].rows.append((self.getpos()[0], []))
        elif tag in {"td", "th"} and self._stack and self._stack[-1].rows:
            span = values.get("colspan", "1")
            cell = _Cell(span=int(span) if span.isdigit() and 0 < int(span) < 50 else 1)
            self._stack[-1].rows[-1][1].append(cell)
            self._cell[-1] = cell
        elif tag == "sup":
            self._sup += 1
        if tag in self._BLOCKS:
            self._end_block()

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag == "table" and self._stack:
            self._stack.pop()
            self._cell.pop()
        elif tag in {"td", "th"} and self._cell:
            self._cell[-1] = None
        elif tag == "sup":
            self._sup = max(0, self._sup - 1)
        if tag in self._BLOCKS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title = ((self.title or "") + data).strip() or None
            return
        cell = self._cell[-1] if self._cell else None
        if cell is not None:
            (cell.sup if self._sup else cell.text).append(data)
        if not self._sup:
            if not self._block:
                self._block_line = self.getpos()[0]
            self._block.append(data)

    def handle_comment(self, data: str) -> None:
        match = _SAVED_FROM.search(data)
        if match and not self.url:
            self.url = match.group(1)

    def _end_block(self) -> None:
        text = " ".join("".join(self._block).split())
        if text:
            self.blocks.append((self._block_line, text))
        self._block = []

    def close(self) -> None:
        super().close()
        self._end_block()


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        head = data[:4000].decode("ascii", "replace").lower()
        match = re.search(r"charset=[\"']?([a-z0-9_-]+)", head)
        try:
            return data.decode(match.group(1) if match else "cp1252")
        except (LookupError, UnicodeDecodeError):
            return data.decode("latin-1")


def _date_dmy(day: str, month: str, year: str) -> FuzzyDate:
    return FuzzyDate(int(year), int(month), int(day))


# ----------------------------------------------------------------------------- reading


class _Reader:
    """Collects rows and problems for one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.rows: list[StatusRow] = []
        self.problems: list[Problem] = []
        self.not_states: list[tuple[int, str]] = []
        self.seen: dict[str, int] = {}

    def problem(
        self, row: int | None, column: str | None, message: str, hint: str | None = None
    ) -> None:
        self.problems.append(Problem(self.file, row, column, message, hint))

    def country(self, row: int, raw: str) -> str | None:
        """The State a name means (None, with a problem or a note, when it is not one)."""
        name = _FOOTNOTE_TAIL.sub("", raw).strip()
        if " ".join(name.lower().split()) in NOT_STATES:
            self.not_states.append((row, name))
            return None
        try:
            code = normalise_depositary_name(name)
        except CountryCodeError as exc:
            self.problem(row, "country", exc.reason, exc.hint)
            return None
        if code in self.seen:
            self.problem(
                row,
                "country",
                f"{name!r} is listed twice (first at row {self.seen[code]})",
            )
            return None
        self.seen[code] = row
        return code

    def un_date(self, row: int, column: str, text: str) -> tuple[FuzzyDate | None, str]:
        """A UN-style date and its letter (``26 Sep 2003 a``); (None, "") when empty."""
        value = _DATE_MARKS.sub("", text).strip()
        if not value:
            return None, ""
        match = _UN_DATE.match(value)
        if match is None:
            iso = _iso(value)
            if iso is not None:
                return iso, ""
            self.problem(
                row,
                column,
                f"{text!r} is not a date as the UN writes them (12 Dec 2000, with a, d, A or "
                "AA after it for accession, succession, acceptance, approval)",
            )
            return None, ""
        day, month, year, letter = match.groups()
        number = _MONTHS.get(month.lower())
        try:
            if number is None:
                raise ValueError(f"{month!r} is not a month")
            return FuzzyDate(int(year), number, int(day)), letter or ""
        except ValueError as exc:
            self.problem(row, column, f"{text!r}: {exc}")
            return None, ""

    def dmy(self, row: int, column: str, text: str) -> FuzzyDate | None:
        value = _DATE_MARKS.sub("", text).strip()
        if not value:
            return None
        match = _DMY.match(value)
        if match is None:
            self.problem(row, column, f"{text!r} is not a date DD/MM/YYYY")
            return None
        try:
            return _date_dmy(*match.groups())
        except ValueError as exc:
            self.problem(row, column, f"{text!r}: {exc}")
            return None

    def table(
        self, layout: str, *, title: str | None, url: str | None, status: FuzzyDate | None
    ) -> StatusTable:
        if self.problems:
            raise StatusFileInvalid(self.problems, self.file)
        if not self.rows:
            raise StatusFileInvalid(
                [Problem(self.file, None, None, f"no State is listed in this {LAYOUTS[layout]}")],
                self.file,
            )
        return StatusTable(
            self.file,
            layout,
            tuple(self.rows),
            title,
            url,
            status,
            tuple(self.not_states),
        )


def _iso(text: str) -> FuzzyDate | None:
    if _ISO.match(text):
        try:
            return FuzzyDate.parse(text)
        except ValueError:
            return None
    return None


def _header_index(cells: list[str]) -> dict[str, int] | None:
    """Which column holds what, when ``cells`` is a status table's header row."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = cell.lower().strip()
        if text in {"participant", "participants", "states", "state", "country", "party"}:
            found.setdefault("name", index)
        elif text.startswith("signature"):
            found.setdefault("signature", index)
        elif text.startswith(("ratification", "accession")):
            found.setdefault("consent", index)
        elif text.startswith("entry into force"):
            found.setdefault("in_force", index)
        elif text.startswith("notes"):
            found.setdefault("notes", index)
        elif text in {"r.", "r"}:
            found.setdefault("reservations", index)
        elif text in {"d.", "d"}:
            found.setdefault("declarations", index)
    if {"name", "signature", "consent"} <= found.keys():
        return found
    return None


def _expand(cells: list[_Cell]) -> list[_Cell]:
    """Cells with a colspan repeated, so that column numbers match the header's."""
    out: list[_Cell] = []
    for cell in cells:
        out.append(cell)
        out.extend(_Cell() for _ in range(cell.span - 1))
    return out


def read_treaty_status(
    path: Path, *, layout: str | None = None, url: str | None = None
) -> StatusTable:
    """Read a saved status table (see the module docstring for the three layouts).

    Parameters
    ----------
    path
        The saved HTML page or CSV file.
    layout
        ``untc``, ``coe`` or ``csv``; by default from the file (a CSV by its extension,
        an HTML page by its status line or its header row).
    url
        The page's address, when the saved file does not carry it.

    Raises
    ------
    ValidationFailed
        Every row that cannot be read, each at ``file:row``.
    """
    if layout is not None and layout not in LAYOUTS:
        raise DataError(f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    data = read_bytes(path, MAX_STATUS_BYTES)
    text = _decode(data)
    if layout == "csv" or (layout is None and path.suffix.lower() in {".csv", ".txt"}):
        return _read_csv(path.name, text, url=url)
    if "<" not in text[:5000]:
        raise DataError(
            f"{path.name}: not an HTML page; save the status page as HTML, or give a CSV file"
        )
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    whole = "\n".join(block for _, block in parser.blocks)
    if layout is None:
        layout = "coe" if _COE_STATUS.search(whole) or "Chart of signatures" in whole else "untc"
    reader = _Reader(path.name)
    found = False
    for table in parser.tables:
        header: dict[str, int] | None = None
        for line, cells in table.rows:
            values = [c.value for c in _expand(cells)]
            if header is None:
                header = _header_index(values)
                continue
            found = True
            if layout == "coe":
                _coe_row(reader, line, _expand(cells), header)
            else:
                _untc_row(reader, line, _expand(cells), header)
        if found:
            break
    if not found:
        raise DataError(
            f"{path.name}: no status table found (a header row with "
            + ("States" if layout == "coe" else "Participant")
            + ", Signature and Ratification"
            + f"); is this {LAYOUTS[layout]}?"
        )  # fmt: skip
    status_re = _COE_STATUS if layout == "coe" else _UNTC_STATUS
    match = status_re.search(whole)
    status = _date_dmy(*match.groups()) if match else None
    if layout == "untc":
        reader.rows = _with_declarations(reader, parser.blocks)
    title = _page_title(layout, parser.blocks, parser.title)
    return reader.table(layout, title=title, url=url or parser.url, status=status)


def _untc_row(reader: _Reader, line: int, cells: list[_Cell], header: dict[str, int]) -> None:
    def cell(key: str) -> str:
        index = header.get(key)
        return cells[index].value if index is not None and index < len(cells) else ""

    name = cell("name")
    if not name:
        if any(c.value for c in cells):
            reader.problem(line, "country", "a row with dates but no participant")
        return
    country = reader.country(line, name)
    signed, letter = reader.un_date(line, "signature", cell("signature"))
    if letter not in {"", "d"}:  # d: succession to a signature
        reader.problem(line, "signature", f"{cell('signature')!r}: {letter!r} after a signature")
    consented, letter = reader.un_date(line, "ratification", cell("consent"))
    if country is None:
        return
    reader.rows.append(
        StatusRow(
            line,
            _FOOTNOTE_TAIL.sub("", name).strip(),
            country,
            signed=signed,
            consented=consented,
            consent=_UN_LETTERS[letter] if consented is not None else None,
        )
    )


def _coe_row(reader: _Reader, line: int, cells: list[_Cell], header: dict[str, int]) -> None:
    def cell(key: str) -> str:
        index = header.get(key)
        return cells[index].value if index is not None and index < len(cells) else ""

    name = cell("name")
    others = [c.value for i, c in enumerate(cells) if i != header["name"] and c.value]
    if not name:
        if others:
            reader.problem(line, "country", "a row with dates but no State")
        return
    if not others and not _looks_like_state(name):
        return  # a section heading: "Members of the Council of Europe", ...
    country = reader.country(line, name)
    signed = reader.dmy(line, "signature", cell("signature"))
    consented = reader.dmy(line, "ratification", cell("consent"))
    notes = cell("notes").lower().replace(".", "").split()
    consent: ConsentForm | None = ConsentForm.RATIFICATION if consented is not None else None
    remarks = []
    for note in notes:
        if note in _COE_NOTES:
            consent = _COE_NOTES[note]
        elif note == "r":
            remarks.append("signed ad referendum")
        else:
            reader.problem(
                line,
                "notes",
                f"{note!r} is not a note of the chart (a: accession, s: signature without "
                "reservation as to ratification, su: succession, r: signature ad referendum)",
            )
    if consent is ConsentForm.DEFINITIVE_SIGNATURE and consented is None:
        consented = signed
    marks = [
        what
        for key, what in (
            ("reservations", "reservations (R.)"),
            ("declarations", "declarations (D.)"),
        )
        if cell(key)
    ]  # fmt: skip
    if marks:
        remarks.append(
            "the chart marks " + " and ".join(marks) + "; their text is on the depositary's page"
        )
    if country is None:
        return
    reader.rows.append(
        StatusRow(
            line,
            _FOOTNOTE_TAIL.sub("", name).strip(),
            country,
            signed=signed,
            consented=consented,
            consent=consent if consented is not None else None,
            notes="; ".join(remarks) or None,
        )
    )


def _looks_like_state(name: str) -> bool:
    try:
        normalise_depositary_name(_FOOTNOTE_TAIL.sub("", name).strip())
    except CountryCodeError:
        return " ".join(name.lower().split()) in NOT_STATES
    return True


def _with_declarations(reader: _Reader, blocks: list[tuple[int, str]]) -> list[StatusRow]:
    """UNTC: the text under "Declarations and Reservations", State by State, on its row."""
    start = next(
        (
            i
            for i, (_, text) in enumerate(blocks)
            if text.lower().startswith("declarations and reservations")
        ),
        None,
    )
    if start is None:
        return reader.rows
    by_country = {r.country: r for r in reader.rows}
    texts: dict[str, list[str]] = {}
    current: str | None = None
    for _, text in blocks[start + 1 :]:
        if text.lower().startswith(_AFTER_DECLARATIONS):
            break
        heading = _FOOTNOTE_TAIL.sub("", text).strip()
        code = _state_heading(heading)
        if code is not None and code in by_country:
            current = code
            texts.setdefault(code, [])
            continue
        if current is not None:
            texts[current].append(text)
    out = []
    for row in reader.rows:
        parts = texts.get(row.country)
        if not parts:
            out.append(row)
            continue
        kinds: dict[str, list[str]] = {"reservations": [], "declarations": []}
        kind = "reservations" if "reserv" in parts[0].lower() else "declarations"
        for part in parts:
            head = part.lower()[:40]
            if head.startswith("reservation"):
                kind = "reservations"
            elif head.startswith(("declaration", "interpretative declaration")):
                kind = "declarations"
            kinds[kind].append(part)
        out.append(
            replace(
                row,
                reservations=" ".join(kinds["reservations"]) or None,
                declarations=" ".join(kinds["declarations"]) or None,
            )
        )
    return out


def _page_title(layout: str, blocks: list[tuple[int, str]], fallback: str | None) -> str | None:
    """The treaty's title as the page gives it: on a UN page the line that starts with its
    number (``12. a Protocol to ...``), on a Council of Europe chart the chart's heading
    and the line after it."""
    texts = [text for _, text in blocks]
    for index, text in enumerate(texts):
        if layout == "untc" and re.match(r"^\d{1,3}\s*\.\s*[a-z]?\s+[A-Z]", text):
            return text[:500]
        if layout == "coe" and text.startswith("Chart of signatures and ratifications"):
            following = texts[index + 1] if index + 1 < len(texts) else ""
            return f"{text}: {following}"[:500] if following else text[:500]
    return fallback


#: Headings that end the "Declarations and Reservations" part of a UN status page.
_AFTER_DECLARATIONS = ("objections", "notifications", "territorial application", "notes")


def _state_heading(text: str) -> str | None:
    if len(text) > 80 or not text:
        return None
    try:
        return normalise_depositary_name(text)
    except CountryCodeError:
        return None


# ----------------------------------------------------------------------------- CSV

_CSV_COLUMNS = {
    "name": ("country", "state", "states", "participant", "party"),
    "signature": ("signature", "signed"),
    "consent": ("ratification", "ratified"),
    "accession": ("accession", "acceded"),
    "succession": ("succession", "succeeded"),
    "withdrawal": ("withdrawal", "withdrawn", "denunciation"),
    "reservations": ("reservations", "reservation"),
    "declarations": ("declarations", "declaration"),
    "notes": ("notes", "note"),
}


def _csv_key(header: str) -> str | None:
    text = " ".join(header.lower().split())
    for key, names in _CSV_COLUMNS.items():
        if text in names or any(text.startswith((n + ",", n + " (")) for n in names):
            return key
    return None


def _read_csv(file: str, text: str, *, url: str | None) -> StatusTable:
    from coordgraph.io.csvdir import sniff_delimiter

    delimiter, skip = sniff_delimiter(text)
    lines = text.splitlines()[skip:]
    reader = _Reader(file)
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    if not rows:
        raise StatusFileInvalid([Problem(file, None, None, "the file is empty")], file)
    header = rows[0]
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _csv_key(name)
        if key is None:
            reader.problem(
                1 + skip,
                name,
                f"unknown column {name!r}",
                "known: country, signature, ratification, accession, succession, withdrawal, "
                "reservations, declarations, notes",
            )
        elif key in columns:
            reader.problem(1 + skip, name, f"two columns mean {key}")
        else:
            columns[key] = index
    for needed in ("name", "signature", "consent"):
        if needed not in columns:
            label = {"name": "country", "consent": "ratification"}.get(needed, needed)
            reader.problem(1 + skip, None, f"no {label} column")
    if reader.problems:
        raise StatusFileInvalid(reader.problems, file)
    for number, values in enumerate(rows[1:], start=2 + skip):
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            reader.problem(number, None, f"{len(values)} cells in a row of {len(header)} columns")
            continue

        def cell(key: str, values: list[str] = values) -> str:
            index = columns.get(key)
            return values[index].strip() if index is not None and index < len(values) else ""

        _csv_row(reader, number, cell)
    return reader.table("csv", title=None, url=url, status=None)


def _csv_row(reader: _Reader, number: int, cell: Callable[[str], str]) -> None:
    name = cell("name")
    if not name:
        reader.problem(number, "country", "no country in this row")
        return
    country = reader.country(number, name)
    signed, letter = reader.un_date(number, "signature", cell("signature"))
    consented, letter = reader.un_date(number, "ratification", cell("consent"))
    consent = _UN_LETTERS[letter] if consented is not None else None
    for key, form in (("accession", ConsentForm.ACCESSION), ("succession", ConsentForm.SUCCESSION)):
        other, _ = reader.un_date(number, key, cell(key))
        if other is not None:
            if consented is not None:
                reader.problem(
                    number, key, f"both a ratification ({consented}) and an {key} ({other})"
                )
            consented, consent = other, form
    withdrawn, _ = reader.un_date(number, "withdrawal", cell("withdrawal"))
    if country is None:
        return
    reader.rows.append(
        StatusRow(
            number,
            name,
            country,
            signed=signed,
            consented=consented,
            consent=consent,
            withdrawn=withdrawn,
            reservations=cell("reservations") or None,
            declarations=cell("declarations") or None,
            notes=cell("notes") or None,
        )
    )
