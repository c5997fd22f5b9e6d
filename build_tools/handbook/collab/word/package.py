"""The Word package before pandoc sees it, and the pandoc the pipeline installs.

A .docx is checked to be a real, unencrypted, reasonably sized Word document with its images inside:
no zip bomb, no macros or ActiveX controls, no parts linked from outside the file but hyperlinks, and
no picture too large or unsafe for the book. Its core properties and paragraph styles are read for
the front matter.
"""

from __future__ import annotations

import importlib
import io
import re
import subprocess
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

from ...sources import layout
from ...validate import imagefiles

MAX_DOCX_BYTES = 50 * 1024 * 1024
"""Largest Word file accepted."""
MAX_EXPANDED_BYTES = 500 * 1024 * 1024
"""Most a Word file may hold once unzipped: more is a zip bomb, not a chapter."""
MAX_MEMBERS = 10_000
"""Most parts a Word file may have: a long chapter with many pictures has a few hundred."""
MAX_RATIO = 100
"""Most a part may expand on unzipping, past :data:`RATIO_FLOOR` (Apache POI's zip-bomb limit too)."""
RATIO_FLOOR = 10_000_000
"""Parts smaller than this unzipped are not taken for zip bombs, whatever their ratio (a long table of
empty cells packs very tightly)."""
PANDOC_TIMEOUT = 300
EXPORT_DIR = Path("_build") / "docx"

MARKDOWN = "commonmark_x" + "".join(
    f"-{extension}"
    for extension in (
        "attributes", "bracketed_spans", "fenced_divs", "raw_attribute", "smart", "fancy_lists",
        "superscript", "subscript", "strikeout", "task_lists", "emoji",
    )
)  # fmt: skip
"""What pandoc writes on import: CommonMark with footnotes, pipe tables and $math$, nothing MyST misreads."""

_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MAGIC = b"PK\x03\x04"
_WORD_MAIN = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_OTHER_KINDS = {"spreadsheetml": "an Excel workbook", "presentationml": "a PowerPoint presentation"}
_NS = {
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
}
_CORE_TYPE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_MACRO_TYPES = ("macroEnabled", "vbaProject", "vbaData", "activeX")
"""Content types of macros (a .docm), their data, and ActiveX controls."""
_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
_LINKED = {
    "image": "embed the images: in Word, File > Info > Edit Links to Files, tick 'Save picture in document' "
    "for each, and save",
    "attachedTemplate": "detach the template: in Word, Developer > Document Template, clear the template "
    "name (or choose Normal), and save",
    "oleObject": "replace each linked object (a chart or table linked from another file) with a picture or "
    "a table typed in the document, and save",
}
"""For relationships that may not point outside the file, what to do; any other kind gets a general hint."""
_SAVE_AS = "open it in Word and save it as a Word Document (.docx) with File > Save As"
_EMPTY_ATTR: list[Any] = ["", [], []]
_LEADING_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[IVXLC]+)[.)]?\s+")
_LABEL_LINE = re.compile(r"^\([a-z]{2}-[a-z0-9-]+\)=$")
_CODE_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


class DocxError(Exception):
    """A Word file that cannot be imported, or a chapter that cannot be exported; the message says what to do."""


@dataclass(frozen=True)
class WordFile:
    """What import reads from a Word file itself: its properties (docProps/core.xml), abstract and bookmarks."""

    title: str = ""
    creators: tuple[str, ...] = ()
    subject: str = ""
    description: str = ""
    keywords: tuple[str, ...] = ()
    language: str = ""
    abstract: tuple[str, ...] = ()
    """Paragraphs in the ``Abstract`` style, which pandoc gives the abstract of a chapter it exports."""
    abstract_titles: tuple[str, ...] = ()
    """Paragraphs in the ``AbstractTitle`` style ("Abstract", "Аннотация"...)."""
    bookmarks: tuple[tuple[str, str], ...] = ()
    """(paragraph text, bookmark name): an exported chapter's headings are bookmarked with their labels."""


@dataclass
class ImportResult:
    """An imported chapter, the figures written for it, and what is left to do before it validates."""

    path: Path
    media: list[Path]
    notes: list[str]


def check_docx(data: bytes) -> WordFile:
    """Check that ``data`` is a Word document pandoc may be given, and read its core properties."""
    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise DocxError(
                "the document is protected with a password; remove the password in Word: File > Info > "
                "Protect Document > Encrypt with Password, clear the password, save, and import again"
            )
        raise DocxError(f"this is an old Word 97-2003 (.doc) file, not a .docx; {_SAVE_AS}")
    if not data.startswith(_ZIP_MAGIC):
        raise DocxError(f"this is not a Word .docx file; {_SAVE_AS}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_members(archive)
            _check_macros(archive)
            main = _main_part(archive)
            _check_relationships(archive)
            _check_media(archive)
            return _properties(archive, main)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ) as exc:
        raise DocxError(f"the file is damaged ({exc}); {_SAVE_AS} again") from None


def _read_docx(source: Path) -> bytes:
    try:
        size = source.stat().st_size
        if size > MAX_DOCX_BYTES:
            raise DocxError(
                f"{source.name} is {size / 2**20:.1f} MB, over the limit of {MAX_DOCX_BYTES // 2**20} MB: "
                "compress the pictures in Word (File > Compress Pictures) or split the document"
            )
        return source.read_bytes()
    except OSError as exc:
        raise DocxError(f"cannot read {source}: {exc.strerror}") from None


def _check_members(archive: zipfile.ZipFile) -> None:
    """Refuse zip bombs, odd part names, and XML parts with a DTD; reading every part also checks its CRC.

    A zip bomb has too many parts, unpacks to too much in all, or has a part that expands too much.
    """
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise DocxError(
            f"the file holds {len(members):,} parts, more than the {MAX_MEMBERS:,} any Word document needs; "
            f"it may be damaged or malicious: {_SAVE_AS} again"
        )
    declared = sum(info.file_size for info in members)
    if declared > MAX_EXPANDED_BYTES:
        _too_big(declared)
    total = 0
    for info in members:
        name = PurePosixPath(info.filename)
        if name.is_absolute() or ".." in name.parts or "\\" in info.filename:
            raise DocxError(f"the file holds an unsafe entry '{info.filename}'; {_SAVE_AS} again")
        _check_ratio(info, info.file_size)
        size = 0
        with archive.open(info) as stream:
            while chunk := stream.read(1 << 20):
                if not size and name.suffix in (".xml", ".rels"):
                    _check_no_doctype(info.filename, chunk)
                size += len(chunk)
                total += len(chunk)
                _check_ratio(info, size)
                if total > MAX_EXPANDED_BYTES:
                    _too_big(total)


def _check_ratio(info: zipfile.ZipInfo, size: int) -> None:
    """A part that unpacks to more than :data:`MAX_RATIO` times its packed size is a zip bomb."""
    if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
        raise DocxError(
            f"the part {info.filename} unpacks to more than {MAX_RATIO} times its size ({info.compress_size:,} "
            f"bytes to at least {size:,}), which only a zip bomb does; {_SAVE_AS} again"
        )


def _check_no_doctype(name: str, head: bytes) -> None:
    """Word never writes a DTD; one in a part could declare entities that expand into a bomb."""
    start = head[:4096]
    if any(marker in start for marker in (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"))):
        raise DocxError(
            f"the part {name} declares a document type (DTD), which Word never writes; the file may be "
            f"malicious: {_SAVE_AS} again"
        )


def _too_big(size: int) -> None:
    raise DocxError(
        f"the document would unpack to more than {MAX_EXPANDED_BYTES // 2**20} MB (at least {size / 2**20:.0f} MB), "
        f"which no chapter needs; it may be damaged or malicious: {_SAVE_AS} again, with compressed pictures"
    )


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    """A package part as XML, or None when absent; document type declarations are refused."""
    try:
        data = archive.read(name)
    except KeyError:
        return None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ValueError(f"{name} declares a document type")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ValueError(f"{name}: {exc}") from None


def _main_part(archive: zipfile.ZipFile) -> str:
    """The main document part named in [Content_Types].xml, e.g. ``word/document.xml``."""
    types = _xml(archive, "[Content_Types].xml")
    if types is None:
        names = archive.namelist()
        what = "an OpenDocument (LibreOffice) file" if "mimetype" in names else "a zip archive"
        raise DocxError(f"this is {what}, not a Word .docx document; {_SAVE_AS}")
    overrides = {o.get("ContentType", ""): o.get("PartName", "") for o in types.iterfind("ct:Override", _NS)}
    for content_type, part in overrides.items():
        if content_type in _WORD_MAIN:
            return part.lstrip("/")
    kind = next((what for key, what in _OTHER_KINDS.items() for t in overrides if key in t), "not a Word document")
    raise DocxError(f"this file is {kind}, not a Word .docx document; {_SAVE_AS}")


def _check_macros(archive: zipfile.ZipFile) -> None:
    """Macros and ActiveX controls are code; the book never runs them, and does not take them in."""
    types = _xml(archive, "[Content_Types].xml")
    declared = [
        element.get("ContentType", "")
        for element in (types.iter() if types is not None else ())
        if any(kind in element.get("ContentType", "") for kind in _MACRO_TYPES)
    ]
    parts = [
        name
        for name in archive.namelist()
        if PurePosixPath(name).name.lower() in _MACRO_PARTS or name.lower().startswith("word/activex/")
    ]
    if declared or parts:
        what = parts[0] if parts else declared[0]
        raise DocxError(
            f"the document contains macros or ActiveX controls ({what}), which are programs; save it in Word as "
            "'Word Document (*.docx)', not 'Word Macro-Enabled Document (*.docm)', remove any controls, and "
            "import that file"
        )


def _check_relationships(archive: zipfile.ZipFile) -> None:
    """No part may come from outside the file: only hyperlinks may point elsewhere."""
    linked: dict[str, list[str]] = {}
    for name in archive.namelist():
        if not name.endswith(".rels"):
            continue
        rels = _xml(archive, name)
        for relationship in rels.iterfind("rel:Relationship", _NS) if rels is not None else ():
            kind = relationship.get("Type", "").rsplit("/", 1)[-1]
            if relationship.get("TargetMode") == "External" and kind != "hyperlink":
                linked.setdefault(kind, []).append(relationship.get("Target", ""))
    if linked:
        kind, targets = next(iter(linked.items()))
        what = "image(s)" if kind == "image" else f"'{kind}' part(s)"
        raise DocxError(
            f"the document links to {len(targets)} {what} outside the file (e.g. {targets[0]}); "
            + _LINKED.get(kind, "make the document self-contained: embed or remove what it links to, and save")
        )


def _check_media(archive: zipfile.ZipFile) -> None:
    """Pictures are of a size the book takes, not decompression bombs, and SVG pictures run and load nothing."""
    for info in archive.infolist():
        name = PurePosixPath(info.filename)
        if "media" not in name.parts[:-1]:
            continue
        limit = imagefiles.MAX_SVG_BYTES if name.suffix.lower() == ".svg" else imagefiles.MAX_IMAGE_BYTES
        if info.file_size > limit:
            raise DocxError(
                f"the picture {info.filename} is {info.file_size / 1_000_000:.1f} MB, over the limit of "
                f"{limit // 1_000_000} MB for a picture in the book: compress it in Word (select it, then Picture "
                "Format > Compress Pictures) or insert a smaller copy, and import again"
            )
        data = archive.read(info)
        raster = imagefiles.raster(data)
        if raster is not None and raster.pixels > imagefiles.MAX_IMAGE_PIXELS:
            raise DocxError(
                f"the picture {info.filename} is {raster.width:,} × {raster.height:,} pixels"
                + (f" in {raster.frames:,} frames" if raster.frames > 1 else "")
                + f", more than the {imagefiles.MAX_IMAGE_PIXELS:,} a picture may have (it may be damaged or "
                "malicious): insert a smaller copy in Word, and import again"
            )
        if name.suffix.lower() == ".svg":
            problems = [p for p in imagefiles.svg_problems(data) if p.kind != "malformed"]
            if problems:
                raise DocxError(
                    f"the picture {info.filename} holds {problems[0].detail}; replace it in Word with a PNG copy "
                    "(right-click it > Save as Picture > PNG, then Insert > Pictures), and import again"
                )


def _properties(archive: zipfile.ZipFile, main: str) -> WordFile:
    package = _xml(archive, "_rels/.rels")
    where = next(
        (
            r.get("Target", "").lstrip("/")
            for r in (package.iterfind("rel:Relationship", _NS) if package is not None else ())
            if r.get("Type") == _CORE_TYPE
        ),
        "docProps/core.xml",
    )
    core = _xml(archive, where)

    def text(tag: str) -> str:
        return " ".join((core.findtext(tag, "", _NS) if core is not None else "").split())

    return WordFile(
        title=text("dc:title"),
        creators=tuple(_unique(text("dc:creator").split(";"))),
        subject=text("dc:subject"),
        description=text("dc:description"),
        keywords=tuple(_unique(re.split(r"[;,]", text("cp:keywords")))),
        language=text("dc:language"),
        **_paragraph_facts(_xml(archive, main)),
    )


def _paragraph_facts(document: ElementTree.Element | None) -> dict[str, Any]:
    """The abstract's paragraphs, and the bookmarks that start at each paragraph."""
    w = "{" + _NS["w"] + "}"
    styled: dict[str, list[str]] = {"Abstract": [], "AbstractTitle": []}
    bookmarks: list[tuple[str, str]] = []
    pending: list[str] = []
    inside: set[int] = set()
    for element in document.iter() if document is not None else ():
        if element.tag == f"{w}bookmarkStart" and id(element) not in inside:
            pending.append(element.get(f"{w}name", ""))
        elif element.tag == f"{w}p":
            own = list(element.iter(f"{w}bookmarkStart"))
            inside.update(id(mark) for mark in own)
            text = " ".join("".join(t.text or "" for t in element.iter(f"{w}t")).split())
            bookmarks += [(text, name) for name in [*pending, *(m.get(f"{w}name", "") for m in own)]]
            pending = []
            style = element.find(f"{w}pPr/{w}pStyle")
            if style is not None and style.get(f"{w}val") in styled:
                styled[style.get(f"{w}val", "")].append(text)
    return {
        "abstract": tuple(styled["Abstract"]),
        "abstract_titles": tuple(styled["AbstractTitle"]),
        "bookmarks": tuple(bookmarks),
    }


def _unique(items: list[str]) -> list[str]:
    found: dict[str, str] = {}
    for item in items:
        if item.strip():
            found.setdefault(item.strip().casefold(), item.strip())
    return list(found.values())


def pandoc_path() -> str:
    """The pandoc that pypandoc-binary installs (pypandoc is untyped: only this path is needed from it)."""
    try:
        return str(importlib.import_module("pypandoc").get_pandoc_path())
    except (ImportError, OSError) as exc:
        raise DocxError(f"pandoc is not available ({exc}); install the pipeline again: make setup") from None


def run_pandoc(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            [pandoc_path(), *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=PANDOC_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DocxError(f"pandoc could not run: {exc}") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", errors="replace").strip() or f"exit status {done.returncode}"
        raise DocxError(f"pandoc failed: {detail}; check that the file opens in Word, then save it again")
    return done.stdout


def shown(path: Path, root: Path) -> str:
    try:
        return layout.absolute(path).relative_to(layout.absolute(root)).as_posix()
    except ValueError:
        return str(path)
