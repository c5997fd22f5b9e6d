"""Which code points a font file has glyphs for, read straight from its ``cmap`` table.

fontTools decodes glyph names on the way, which for the CJK and CFF fonts the books use takes
seconds; a book build only needs the set of code points, so the Unicode subtables (formats 4, 12
and 13) are read here directly.
"""

from __future__ import annotations

import struct
from pathlib import Path

_UNICODE = {(0, 3), (0, 4), (0, 6), (3, 1), (3, 10)}
"""(platform, encoding) pairs of Unicode subtables: BMP and full repertoire."""


class FontFormatError(ValueError):
    """The file is not an OpenType/TrueType font or collection this reader understands."""


def code_points(path: Path) -> set[int]:
    """Every code point any font in the file (a collection has several) maps to a glyph."""
    data = path.read_bytes()
    covered: set[int] = set()
    for offset in _font_offsets(data):
        cmap = _table(data, offset, b"cmap")
        if cmap is not None:
            covered |= _cmap(data, cmap)
    return covered


def _font_offsets(data: bytes) -> list[int]:
    if data[:4] == b"ttcf":
        (count,) = struct.unpack_from(">I", data, 8)
        return list(struct.unpack_from(f">{count}I", data, 12))
    if data[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        return [0]
    raise FontFormatError("not an OpenType or TrueType font")


def _table(data: bytes, font: int, tag: bytes) -> int | None:
    (count,) = struct.unpack_from(">H", data, font + 4)
    for index in range(count):
        record = font + 12 + 16 * index
        if data[record : record + 4] == tag:
            return int(struct.unpack_from(">I", data, record + 8)[0])
    return None


def _cmap(data: bytes, cmap: int) -> set[int]:
    (count,) = struct.unpack_from(">H", data, cmap + 2)
    covered: set[int] = set()
    seen: set[int] = set()
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * index)
        start = cmap + offset
        if (platform, encoding) not in _UNICODE or start in seen:
            continue
        seen.add(start)
        (fmt,) = struct.unpack_from(">H", data, start)
        if fmt == 4:
            covered |= _format4(data, start)
        elif fmt in (12, 13):
            covered |= _format12(data, start, many_to_one=fmt == 13)
    return covered


def _format4(data: bytes, table: int) -> set[int]:
    """Segment mapping to delta values (the BMP)."""
    (segments2,) = struct.unpack_from(">H", data, table + 6)
    segments = segments2 // 2
    ends = struct.unpack_from(f">{segments}H", data, table + 14)
    starts_at = table + 16 + segments2
    starts = struct.unpack_from(f">{segments}H", data, starts_at)
    deltas = struct.unpack_from(f">{segments}h", data, starts_at + segments2)
    ranges_at = starts_at + 2 * segments2
    range_offsets = struct.unpack_from(f">{segments}H", data, ranges_at)
    covered: set[int] = set()
    for index, (first, last, delta, range_offset) in enumerate(zip(starts, ends, deltas, range_offsets, strict=True)):
        if first == 0xFFFF:
            continue
        if range_offset == 0:
            covered.update(c for c in range(first, last + 1) if (c + delta) & 0xFFFF)
            continue
        base = ranges_at + 2 * index + range_offset
        for char in range(first, last + 1):
            (glyph,) = struct.unpack_from(">H", data, base + 2 * (char - first))
            if glyph and (glyph + delta) & 0xFFFF:
                covered.add(char)
    return covered


def _format12(data: bytes, table: int, many_to_one: bool) -> set[int]:
    """Segmented coverage (12) or many-to-one range mappings (13): the full Unicode repertoire."""
    (groups,) = struct.unpack_from(">I", data, table + 12)
    covered: set[int] = set()
    for index in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, table + 16 + 12 * index)
        if many_to_one:
            if glyph:
                covered.update(range(first, last + 1))
        else:
            covered.update(range(first + (glyph == 0), last + 1))
    return covered
