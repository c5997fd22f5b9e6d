"""Image files read from their bytes without decoding them: format, pixel size, and what an SVG would load or run.

Headers are parsed here rather than by an image library, so that a decompression bomb is measured,
never opened. Nothing here knows about rules: problems are returned as values.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from xml.parsers import expat

from .rawhtml import script_scheme, shown

MAX_IMAGE_BYTES = 10_000_000
"""Largest image file accepted: a full-page photograph at print resolution is a few megabytes."""
MAX_SVG_BYTES = 2_000_000
"""Largest SVG accepted: charts and maps are far smaller; readers parse SVG inside the page."""
MAX_IMAGE_PIXELS = 50_000_000
"""Most pixels an image may decode to, all frames together (an A4 page scanned at 600 dpi is 35 million)."""

SUFFIX_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP", ".svg": "SVG"}
"""The format each image file name promises."""

_SVG_NS = "http://www.w3.org/2000/svg"
_SEPARATOR = "\x1f"
_EMBEDDED_IMAGE = re.compile(r"^\s*data:image/(?:png|jpeg|gif|webp)[;,]", re.I)
_CSS_URL = re.compile(r"""url\(\s*['"]?\s*([^'")\s]*)""", re.I)
_ACTIVE_SVG_ELEMENTS = {
    "script": "a <script> element",
    "foreignObject": "a <foreignObject> element, which can hold HTML",
    "handler": "a <handler> element",
    "iframe": "an <iframe> element",
    "embed": "an <embed> element",
    "object": "an <object> element",
}
_ANIMATIONS = {"set", "animate", "animateMotion", "animateTransform", "discard"}
_Add = Callable[[str, str], None]
"""Records a problem: (kind, detail)."""


@dataclass(frozen=True)
class Raster:
    """A bitmap's format and size as its header declares them."""

    format: str
    width: int
    height: int
    frames: int = 1

    @property
    def pixels(self) -> int:
        return self.width * self.height * self.frames


def sniff(data: bytes) -> str | None:
    """The format the bytes are in, by their signature: PNG, JPEG, GIF, WebP, HTML, SVG (XML), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:15].lower().startswith((b"<html", b"<!doctype html")):
        return "HTML"
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!DOCTYPE")) or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "SVG"
    return None


def raster(data: bytes) -> Raster | None:
    """Format, size and frame count from a PNG, JPEG, GIF or WebP header; None when it cannot be read."""
    try:
        kind = sniff(data)
        if kind == "PNG":
            return _png(data)
        if kind == "JPEG":
            return _jpeg(data)
        if kind == "GIF":
            return _gif(data)
        if kind == "WebP":
            return _webp(data)
    except (struct.error, IndexError, ValueError):
        return None
    return None


def _png(data: bytes) -> Raster:
    if data[12:16] != b"IHDR":
        raise ValueError("no IHDR chunk")
    width, height = struct.unpack(">II", data[16:24])
    frames, position = 1, 8
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        if kind == b"acTL":
            frames = max(1, struct.unpack(">I", data[position + 8 : position + 12])[0])
        if kind in (b"IDAT", b"IEND"):
            break
        position += 12 + length
    return Raster("PNG", width, height, frames)


def _jpeg(data: bytes) -> Raster:
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise ValueError("not a marker")
        marker = data[position + 1]
        if marker == 0xFF:
            position += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return Raster("JPEG", width, height)
        position += 2 + length
    raise ValueError("no frame header")


def _gif(data: bytes) -> Raster:
    width, height, flags = struct.unpack("<HHB", data[6:11])
    position = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    frames = 0
    while position < len(data):
        block = data[position]
        if block == 0x3B:
            break
        if block == 0x21:
            position = _skip_sub_blocks(data, position + 2)
        elif block == 0x2C:
            frame_width, frame_height, local = struct.unpack("<HHB", data[position + 5 : position + 10])
            width, height = max(width, frame_width), max(height, frame_height)
            frames += 1
            position += 10 + (3 << ((local & 7) + 1) if local & 0x80 else 0)
            position = _skip_sub_blocks(data, position + 1)
        else:
            break
    return Raster("GIF", width, height, max(frames, 1))


def _skip_sub_blocks(data: bytes, position: int) -> int:
    while position < len(data) and data[position]:
        position += data[position] + 1
    return position + 1


def _webp(data: bytes) -> Raster:
    position, width, height, frames = 12, 0, 0, 0
    while position + 8 <= len(data):
        kind, size = data[position : position + 4], struct.unpack("<I", data[position + 4 : position + 8])[0]
        body = data[position + 8 : position + 8 + size]
        if kind == b"VP8X":
            width = 1 + int.from_bytes(body[4:7], "little")
            height = 1 + int.from_bytes(body[7:10], "little")
        elif kind == b"VP8 " and not width:
            width, height = (v & 0x3FFF for v in struct.unpack("<HH", body[6:10]))
        elif kind == b"VP8L" and not width:
            bits = int.from_bytes(body[1:5], "little")
            width, height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        elif kind == b"ANMF":
            frames += 1
        position += 8 + size + (size & 1)
    if not width:
        raise ValueError("no image chunk")
    return Raster("WebP", width, height, max(frames, 1))


@dataclass(frozen=True)
class SvgProblem:
    """Something in an SVG file that a reader's browser would load, run or expand."""

    kind: str
    """'entity' (DTD declarations), 'script' (code, event handlers), 'external' (files or web addresses),
    or 'malformed' (not a well-formed SVG document)."""
    line: int
    """1-based line in the SVG file."""
    detail: str


class _Stop(Exception):
    """Raised from a parser callback to stop at the first DTD declaration, before anything is expanded."""


def svg_problems(data: bytes) -> list[SvgProblem]:
    """What in an SVG document could run code, load another file, or expand into a bomb.

    The document is parsed with expat and stopped at an internal DTD subset, so entities are
    never expanded; external entities and DTDs are never fetched.
    """
    scan = _SvgScan()
    try:
        scan.parser.Parse(data, True)
    except _Stop:
        return scan.problems
    except expat.ExpatError as exc:
        return [SvgProblem("malformed", exc.lineno, f"it is not well-formed XML ({expat.ErrorString(exc.code)})")]
    if scan.root and scan.root != f"{_SVG_NS}{_SEPARATOR}svg":
        scan.problems.insert(0, SvgProblem("malformed", 1, "its root element is not <svg> in the SVG namespace"))
    return scan.problems


class _SvgScan:
    """An expat parser whose callbacks note each problem with the line it is on."""

    def __init__(self) -> None:
        self.parser = expat.ParserCreate(namespace_separator=_SEPARATOR)
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.buffer_text = True  # a style sheet's text in one piece, not split where expat's buffer ends
        self.parser.StartDoctypeDeclHandler = self.doctype
        self.parser.EntityDeclHandler = self.entity
        self.parser.ProcessingInstructionHandler = self.instruction
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.problems: list[SvgProblem] = []
        self.stack: list[str] = []
        self.root = ""

    def add(self, kind: str, detail: str) -> None:
        self.problems.append(SvgProblem(kind, self.parser.CurrentLineNumber, detail))

    def doctype(self, name: str, system: str | None, public: str | None, internal: int) -> None:
        if internal:
            self.add("entity", "a DOCTYPE with its own declarations (entities can expand into a 'billion laughs' bomb)")
            raise _Stop
        if system and not system.startswith("http://www.w3.org/"):
            self.add("external", f"a DOCTYPE that refers to '{shown(system)}'")

    def entity(self, name: str, *_: object) -> None:
        self.add("entity", f"an entity declaration '{shown(name)}'")
        raise _Stop

    def instruction(self, target: str, data: str) -> None:
        if target == "xml-stylesheet":
            self.add("external", f"a style sheet instruction ({shown(data)})")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(_SEPARATOR)[2]
        if not self.stack:
            self.root = self.root or name
        self.stack.append(local)
        if local in _ACTIVE_SVG_ELEMENTS:
            self.add("script", _ACTIVE_SVG_ELEMENTS[local])
        if local in _ANIMATIONS:
            target = attributes.get("attributeName", "")
            if target.endswith("href") or target.lower().startswith("on"):
                self.add("script", f"an <{local}> element that changes '{target}'")
        for key, value in attributes.items():
            _attribute(key.rpartition(_SEPARATOR)[2], value, self.add)

    def end(self, name: str) -> None:
        self.stack.pop()

    def text(self, data: str) -> None:
        if self.stack and self.stack[-1] == "style":
            _style(data, self.add)


def _attribute(name: str, value: str, add: _Add) -> None:
    if name.lower().startswith("on") and len(name) > 2:
        add("script", f"an event handler '{name}'")
    elif (scheme := script_scheme(value)) is not None and not _EMBEDDED_IMAGE.match(value):
        add("script", f"a {scheme}: address in '{name}'")
    elif name == "href" and not value.strip().startswith("#") and not _EMBEDDED_IMAGE.match(value):
        add("external", f"a reference to '{shown(value)}'")
    else:
        _style(value, add)


def _style(css: str, add: _Add) -> None:
    if "@import" in css.lower():
        add("external", "a style sheet @import")
    for target in _CSS_URL.findall(css):
        if target and not target.startswith("#") and not _EMBEDDED_IMAGE.match(target):
            add("external", f"a reference to '{shown(target)}' in its style")
