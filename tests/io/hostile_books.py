"""Small workbooks that unpack into a lot of work: built as raw zip and XML, fast.

Each builder writes a valid workbook (a ``routes`` sheet with a header row) whose first
sheet's XML is replaced by what an attacker would put there. The large parts are written
as one compressed block repeated many times (a deflate block ended by a full flush is
byte-aligned and starts afresh, so repeating its bytes repeats the text), so building
a part that unpacks to a gigabyte takes a second, not a minute of compression.

Used by tests/io/test_xlsx_bounds.py and, to measure, by running this file:
``python tests/io/hostile_books.py OUT_DIR`` writes every workbook into OUT_DIR.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl

HEADER = ["id", "origin", "destination", "victims"]
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _header_xml() -> bytes:
    cells = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for i, name in enumerate(HEADER)
    )
    return f'<row r="1">{cells}</row>'.encode()


def _row_xml(row: int, values: list[str]) -> bytes:
    cells = "".join(
        f'<c r="{chr(65 + i)}{row}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{row}">{cells}</row>'.encode()


def _template() -> dict[str, bytes]:
    """The parts of a one-sheet workbook made by openpyxl, by name."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "routes"
    ws.append(HEADER)
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


class _Part:
    """A zip member given as pieces: plain bytes, or (block, times) repeated."""

    def __init__(self, name: str, pieces: list[bytes | tuple[bytes, int]]) -> None:
        self.name = name
        self.pieces = pieces

    def stream(self) -> Iterator[tuple[bytes, bytes]]:
        """(uncompressed, compressed) pieces; the compressed ones concatenate to one stream."""
        for piece in self.pieces:
            if isinstance(piece, bytes):
                packer = zlib.compressobj(9, zlib.DEFLATED, -15)
                yield piece, packer.compress(piece) + packer.flush(zlib.Z_FULL_FLUSH)
            else:
                block, times = piece
                packer = zlib.compressobj(9, zlib.DEFLATED, -15)
                packed = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
                for _ in range(times):
                    yield block, packed
        yield b"", zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)


def _write_zip(path: Path, parts: list[_Part]) -> Path:
    """A zip file written by hand (deflate, CRC and sizes computed while writing)."""
    central = []
    with path.open("wb") as out:
        for part in parts:
            name = part.name.encode()
            offset = out.tell()
            out.write(
                struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, 0, 0, 0, len(name), 0)
            )
            out.write(name)
            crc, size, packed = 0, 0, 0
            for plain, data in part.stream():
                crc = zlib.crc32(plain, crc)
                size += len(plain)
                packed += len(data)
                out.write(data)
            end = out.tell()
            out.seek(offset + 14)
            out.write(struct.pack("<3L", crc, packed, size))
            out.seek(end)
            central.append((name, crc, packed, size, offset))
        start = out.tell()
        for name, crc, packed, size, offset in central:
            out.write(
                struct.pack(
                    "<4s6H3L5H2L",
                    b"PK\x01\x02",
                    20,
                    20,
                    0,
                    8,
                    0,
                    0,
                    crc,
                    packed,
                    size,
                    len(name),
                    0,
                    0,
                    0,
                    0,
                    0,
                    offset,
                )
            )
            out.write(name)
        length = out.tell() - start
        out.write(
            struct.pack(
                "<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), length, start, 0
            )
        )
    return path


def _book(path: Path, sheet_pieces: list[bytes | tuple[bytes, int]]) -> Path:
    parts = []
    for name, data in _template().items():
        if name == "xl/worksheets/sheet1.xml":
            head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_NS}"><sheetData>'
            parts.append(_Part(name, [head.encode(), *sheet_pieces, b"</sheetData></worksheet>"]))
        else:
            parts.append(_Part(name, [data]))
    return _write_zip(path, parts)


def empty_rows(path: Path, *, megabytes: int = 1400, after: list[str] | None = None) -> Path:
    """A header, then about ``megabytes`` MB of ``<row/>`` (no cell, no number), then
    optionally one route (``after``) whose row has no number either."""
    block = b"<row/>" * (1 << 18)  # 1.5 MB
    times = max(1, megabytes * 1024 * 1024 // len(block))
    tail = [b"<row>" + _row_xml(0, after)[len(b'<row r="0">') :]] if after else []
    return _book(path, [_header_xml(), (block, times), *tail])


def far_column(path: Path, *, rows: int = 200_000) -> Path:
    """A header, then ``rows`` rows that each hold one value, in column XFD (the last)."""
    block = b'<row><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>' * 1000
    return _book(path, [_header_xml(), (block, rows // 1000)])


def whitespace(path: Path, *, megabytes: int = 1900) -> Path:
    """A header, one route, then ``megabytes`` MB of blanks between two rows."""
    block = b" " * (1 << 20)
    return _book(
        path, [_header_xml(), _row_xml(2, ["r1", "ALB", "GRC", "girls"]), (block, megabytes)]
    )


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "empty-rows": empty_rows,
    "far-column": far_column,
    "whitespace": whitespace,
}


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    for label, build in BUILDERS.items():
        book = build(target / f"{label}.xlsx")
        with zipfile.ZipFile(book) as archive:
            unpacked = sum(i.file_size for i in archive.infolist())
        print(f"{book}: {book.stat().st_size / 1e6:.2f} MB, unpacks to {unpacked / 1e9:.2f} GB")
