"""One .sav or .dta file from pyreadstat's files of row chunks, so memory stays at one chunk at any size.

pyreadstat writes a whole data frame and cannot append. So each chunk of rows is written by pyreadstat
(same variables, labels, value labels and missing codes: readstat encodes every value), and its data
rows are copied after the first chunk's dictionary, whose row count (and, for Stata, section map) is
set to the total. The chunks must share one row layout: the caller starts every chunk frame with the
same sentinel row (widest strings, a number in every numeric column), which is dropped here, and each
chunk's dictionary is checked against the first.

Layouts (uncompressed SPSS system file; Stata 118/119): SPSS has a 176-byte header (layout code at
byte 64, case size in 8-byte units at 68, compression at 72, case count at 80), the dictionary, then
fixed-width rows to the end (readstat also writes the count as 64 bits in extension record 7/16).
Stata has `<N>` in its header, a `<map>` of 14 section offsets, then
`<data>rows</data><strls>...</strls><value_labels>...</value_labels></stata_dta>`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import BinaryIO

SAV_HEADER = 176
DTA_MAP_ENTRIES = 14
DTA_DATA, DTA_STRLS = 9, 10  # map entries: <data>, <strls>; the ones after move with the data's length


class SpliceError(RuntimeError):
    """A chunk pyreadstat wrote does not fit the file being assembled (a layout this module cannot copy)."""


@dataclass(frozen=True)
class Part:
    """A chunk file cut into the bytes before its rows, its rows (sentinel dropped) and the bytes after."""

    head: bytes
    rows: bytes
    tail: bytes
    row_len: int
    dictionary: bytes  # the part of the head that must be the same in every chunk


def _sav_order(data: bytes) -> str:
    return "<" if struct.unpack("<i", data[64:68])[0] in (2, 3) else ">"


def _sav_count_at(head: bytes, order: str) -> int | None:
    """Where the 64-bit case count of the extension record 7/16 is, if the file has that record."""
    found = head.find(struct.pack(f"{order}4i", 7, 16, 8, 2), SAV_HEADER)
    return None if found < 0 else found + 16 + 8


def sav_part(data: bytes, rows: int) -> Part:
    """Cut an uncompressed .sav holding `rows` rows (sentinel first)."""
    if data[:4] != b"$FL2":
        raise SpliceError("not an SPSS system file")
    order = _sav_order(data)
    case_size, compression = struct.unpack(f"{order}ii", data[68:76])
    if compression != 0:
        raise SpliceError("compressed SPSS rows cannot be spliced")
    row_len = case_size * 8
    start = len(data) - rows * row_len
    dictionary = bytearray(data[:start])
    at = _sav_count_at(data[:start], order)
    if at is not None:
        dictionary[at : at + 8] = bytes(8)
    return Part(data[:start], data[start + row_len :], b"", row_len, bytes(dictionary[SAV_HEADER:]))


def _dta_fields(data: bytes) -> tuple[str, int, int, tuple[int, ...]]:
    """(byte order, offset and size of N, the section map) of a Stata 117-119 file."""
    if not data.startswith(b"<stata_dta><header><release>"):
        raise SpliceError("not a Stata 117+ file")
    release = int(data[28:31])
    order = "<" if b"<byteorder>LSF</byteorder>" in data[:100] else ">"
    at = data.index(b"<N>") + 3
    start = data.index(b"<map>") + 5
    offsets = struct.unpack(f"{order}{DTA_MAP_ENTRIES}Q", data[start : start + 8 * DTA_MAP_ENTRIES])
    return order, at, 8 if release >= 118 else 4, offsets


def dta_part(data: bytes, rows: int) -> Part:
    """Cut a .dta holding `rows` rows (sentinel first); a file with strL values is refused."""
    _order, _at, _size, offsets = _dta_fields(data)
    start, end = offsets[DTA_DATA] + len(b"<data>"), offsets[DTA_STRLS] - len(b"</data>")
    if data[offsets[DTA_DATA] : start] != b"<data>" or data[end : offsets[DTA_STRLS]] != b"</data>":
        raise SpliceError("unexpected Stata section map")
    if not data[offsets[DTA_STRLS] :].startswith(b"<strls></strls>"):
        raise SpliceError("long strings (strL) cannot be spliced")
    row_len, extra = divmod(end - start, rows)
    if extra:
        raise SpliceError("Stata rows of uneven length")
    map_end = data.index(b"</map>")
    return Part(data[:start], data[start + row_len : end], data[end:], row_len, data[map_end:start])


def _sav_head(part: Part, total: int) -> bytes:
    order = _sav_order(part.head)
    head = bytearray(part.head)
    head[80:84] = struct.pack(f"{order}i", total if total < 2**31 else -1)  # -1: "unknown", allowed
    at = _sav_count_at(part.head, order)
    if at is not None:
        head[at : at + 8] = struct.pack(f"{order}q", total)
    return bytes(head)


def _dta_head(part: Part, total: int) -> bytes:
    order, at, size, offsets = _dta_fields(part.head)
    chunk_rows = len(part.rows) // part.row_len + 1  # with the sentinel
    shift = (total - chunk_rows) * part.row_len
    moved = [*offsets[:DTA_STRLS], *(offset + shift for offset in offsets[DTA_STRLS:])]
    head = bytearray(part.head)
    head[at : at + size] = total.to_bytes(size, "little" if order == "<" else "big")
    start = head.index(b"<map>") + 5
    head[start : start + 8 * DTA_MAP_ENTRIES] = struct.pack(f"{order}{DTA_MAP_ENTRIES}Q", *moved)
    return bytes(head)


class Splicer:
    """Writes the first chunk's head (with the total row count), every chunk's rows, then the tail."""

    def __init__(self, target: BinaryIO, *, fmt: str, total: int) -> None:
        self._target, self._fmt, self._total = target, fmt, total
        self._first: Part | None = None
        self._written = 0

    def add(self, data: bytes, rows: int) -> None:
        """One chunk file's bytes, holding the sentinel row and then rows - 1 rows of data."""
        part = sav_part(data, rows) if self._fmt == "sav" else dta_part(data, rows)
        if self._first is None:
            self._first = part
            self._target.write(_sav_head(part, self._total) if self._fmt == "sav" else _dta_head(part, self._total))
        elif (part.row_len, part.dictionary) != (self._first.row_len, self._first.dictionary):
            raise SpliceError("a chunk's variables differ from the first chunk's")
        self._target.write(part.rows)
        self._written += rows - 1

    def close(self) -> None:
        if self._first is None or self._written != self._total:
            raise SpliceError(f"{self._written} rows written, {self._total} announced")
        self._target.write(self._first.tail)
