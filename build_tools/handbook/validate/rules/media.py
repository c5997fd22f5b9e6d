"""Rules on images and links: they exist, stay in the chapter's own folder, and images have alt text.

Image files are measured from their headers and SVG files read for what they would load or run,
since both go into the web edition and the EPUB as they are.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ...core.model import Chapter, Finding, Image, Severity
from ...sources import layout
from .. import imagefiles, rawhtml
from ..imagefiles import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_SVG_BYTES
from .rulebook import Rule, chapter_check, rule
from .source import FILE_PAGE, FILE_SYMLINK

E = Severity.ERROR
FAMILY = "images and links"

IMAGE_FORMATS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
"""Formats every output takes: EPUB 3 core media types that Typst also reads."""
LINK_SCHEMES = ("http", "https", "mailto", "tel")
ACTIVE_FILE_SUFFIXES = (
    ".html", ".htm", ".shtml", ".xhtml", ".xht", ".mht", ".mhtml", ".svg", ".svgz", ".xml", ".xsl", ".xslt",
    ".js", ".mjs", ".swf", ".hta", ".php", ".asp", ".aspx", ".jsp",
)  # fmt: skip
"""Files a browser opens as pages or runs: offered for download from the web edition, they would run there."""
PAGE_SUFFIXES = (".md", ".rst", ".ipynb")
"""Files Sphinx reads as pages wherever they are in the book's sources, as MyST or reStructuredText."""

MISSING = rule("image-missing", E, "Every image exists.", FAMILY)
OUTSIDE = rule(
    "image-outside",
    E,
    "Images stay inside the chapter's own folder, chapters/<pub>/<cc>/, symbolic links followed.",
    FAMILY,
)
REMOTE = rule("image-remote", E, "Images are files in the repository, not web addresses.", FAMILY)
FORMAT = rule(
    "image-format",
    E,
    f"Images are {', '.join(f[1:] for f in IMAGE_FORMATS)} files, in the format their name says.",
    FAMILY,
)
ALT = rule("image-alt", E, "Every image has alt text that describes it.", FAMILY)
LINK_MISSING = rule("link-missing", E, "A link to a local file points at a file that exists.", FAMILY)
LINK_OUTSIDE = rule(
    "link-outside", E, "Local links stay inside the chapter's folder (or name a sibling chapter).", FAMILY
)
LINK_SCHEME = rule("link-scheme", E, f"Links use {', '.join(LINK_SCHEMES)} or point at local files.", FAMILY)
LINK_FILE_TYPE = rule(
    "link-file-type", E, "Links to files offer data and documents, not pages or scripts (html, svg, js...).", FAMILY
)
SIZE = rule(
    "image-size",
    E,
    f"An image file is at most {MAX_IMAGE_BYTES // 1_000_000} MB (an SVG at most {MAX_SVG_BYTES // 1_000_000} MB).",
    FAMILY,
)
PIXELS = rule(
    "image-pixels",
    E,
    f"An image has at most {MAX_IMAGE_PIXELS // 1_000_000} million pixels, all frames together "
    "(no decompression bombs).",
    FAMILY,
)
SVG_ENTITY = rule("svg-entity", E, "SVG images declare no entities or DTD subsets (no 'billion laughs').", FAMILY)
SVG_SCRIPT = rule(
    "svg-script", E, "SVG images hold no scripts, event handlers, foreignObject or javascript: addresses.", FAMILY
)
SVG_EXTERNAL = rule(
    "svg-external", E, "SVG images load nothing from outside themselves (web addresses, files, style sheets).", FAMILY
)
_SVG_RULES = {"entity": SVG_ENTITY, "script": SVG_SCRIPT, "external": SVG_EXTERNAL, "malformed": FORMAT}
_SVG_HINTS = {
    "entity": "export the SVG again from the drawing program (Inkscape: Save As > Optimized or Plain SVG)",
    "script": "export the SVG again as a plain drawing, without interactivity or scripts",
    "external": "export the SVG again with every picture, font and style embedded in the file",
    "malformed": "export it again as SVG from the drawing program (Inkscape: Save As > Plain SVG)",
}

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_FILE_LIKE_ALT = re.compile(
    r"^\s*[\w.-]+\.(png|jpe?g|gif|svg|webp|bmp|tiff?|emf|wmf)\s*$|^\s*(image|picture|figure|img)\s*\d*\s*$", re.I
)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _local_target(chapter: Chapter, reference: str) -> Path | None:
    """Where a relative reference points, with symlinks followed; None for a symlink that loops."""
    return _resolved(chapter.location.path.parent / unquote(reference))


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of symlinks: RuntimeError before Python 3.13, OSError since
        return None


def _written_target(chapter: Chapter, reference: str) -> Path:
    """Where a relative reference points as written, without following symlinks."""
    return layout.absolute(chapter.location.path.parent / unquote(reference))


def _own_folder(chapter: Chapter) -> Path:
    """The chapter's folder where it really is: a symlinked folder does not count as inside."""
    return chapter.location.path.parent.resolve() / chapter.location.media_dir.name


def _through_link(chapter: Chapter, reference: str) -> bool:
    """A reference that is written inside the chapter's folder but leads out of it through a symlink."""
    return _inside(_written_target(chapter, reference), layout.absolute(chapter.location.media_dir))


def _folder_hint(chapter: Chapter) -> str:
    pub = chapter.location.publication.value
    cc = chapter.location.country.lower()
    return f"chapters/{pub}/{cc}/"


@chapter_check
def images(chapter: Chapter) -> Iterator[Finding]:
    """Images are local files of a supported format in the chapter's folder, with alt text."""
    if chapter.outline is None:
        return
    folder = _own_folder(chapter)
    measured: dict[Path, list[tuple[Rule, str, str]]] = {}
    for image in chapter.outline.images:
        yield from _alt_text(chapter, image)
        target = _image_target(chapter, image, folder)
        if not isinstance(target, Path):
            if target is not None:
                yield target
            continue
        src = image.src.strip()
        if target not in measured:
            measured[target] = list(_image_file(target, PurePosixPath(src).suffix.lower()))
        for found, message, hint in measured[target]:
            yield found.at(chapter, image.line, 1, f"image '{src}' {message}", hint)


def _alt_text(chapter: Chapter, image: Image) -> Iterator[Finding]:
    """The image has alt text, and the alt text is not a file name."""
    src = image.src.strip()
    if not image.alt.strip():
        how = "![description](path)" if image.via == "markdown" else f"add ':alt: description' to the {image.via}"
        yield ALT.at(
            chapter,
            image.line,
            1,
            f"image '{src}' has no alt text",
            "describe what the image shows for readers who cannot see it: " + how,
        )
    elif _FILE_LIKE_ALT.match(image.alt):
        yield ALT.at(
            chapter,
            image.line,
            1,
            f"alt text '{image.alt.strip()}' of image '{src}' does not describe it",
            "write what the image shows, e.g. 'Bar chart of SME share of employment, 2015-2023'",
        )


def _image_target(chapter: Chapter, image: Image, folder: Path) -> Path | Finding | None:
    """The image's file when it is a local file of a supported format in the chapter's folder.

    Otherwise the finding that says why not, or None when another rule reports it (url-unsafe).
    """
    src = image.src.strip()
    mine = _folder_hint(chapter)
    if not src:
        return MISSING.at(chapter, image.line, 1, "image has no file name", f"give the path of a file in {mine}")
    if rawhtml.script_scheme(src) is not None:
        return None  # url-unsafe
    if _SCHEME.match(src) or src.startswith("//"):
        return REMOTE.at(
            chapter, image.line, 1, f"image '{src}' is a web address", f"download it into {mine} and refer to it there"
        )
    target = _local_target(chapter, src)
    if target is None:
        return MISSING.at(
            chapter, image.line, 1, f"image '{src}' is a symbolic link that loops", "replace it with the file"
        )
    if not _inside(target, folder):
        if _through_link(chapter, src):
            message = f"image '{src}' is a symbolic link to a file outside the chapter's folder {mine}"
            hint = "replace the link with the image file itself"
        else:
            message = f"image '{src}' is outside the chapter's folder {mine}"
            hint = f"move the file into {mine} and write the path as {chapter.location.country.lower()}/<file>"
        return OUTSIDE.at(chapter, image.line, 1, message, hint)
    if not target.is_file():
        return MISSING.at(
            chapter, image.line, 1, f"image '{src}' does not exist", f"add the file to {mine}, or correct the path"
        )
    if PurePosixPath(src).suffix.lower() not in IMAGE_FORMATS:
        return FORMAT.at(
            chapter,
            image.line,
            1,
            f"image '{src}' is not in a supported format",
            f"save it as PNG or JPEG (photos), or SVG (charts); supported: {', '.join(IMAGE_FORMATS)}",
        )
    return target


def _image_file(path: Path, suffix: str) -> Iterator[tuple[Rule, str, str]]:
    """What is wrong with an image file itself: (rule, message after the image's name, hint)."""
    expected = imagefiles.SUFFIX_FORMATS[suffix]
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= MAX_IMAGE_BYTES else b""
    except OSError as exc:
        yield MISSING, f"cannot be read: {exc.strerror}", "check that it is a file you may read"
        return
    limit = MAX_SVG_BYTES if expected == "SVG" else MAX_IMAGE_BYTES
    if size > limit:
        yield (
            SIZE,
            f"is {size / 1_000_000:.1f} MB; {expected} images may be at most {limit // 1_000_000} MB",
            "make it smaller: about 2,000 pixels across is enough for a full page"
            if expected != "SVG"
            else "simplify the drawing, or save a map with many shapes as PNG",
        )
        return
    if expected == "SVG":
        yield from _svg_file(data)
        return
    raster = imagefiles.raster(data) if imagefiles.sniff(data) == expected else None
    if raster is None:
        actual = imagefiles.sniff(data)
        what = f"holds {actual} data" if actual and actual != expected else "cannot be read as one"
        yield (
            FORMAT,
            f"is not a {expected} file: it {what}",
            f"open it in an image editor and save it again as {expected}, or name it after its format",
        )
    elif raster.pixels > MAX_IMAGE_PIXELS:
        frames = f" in {raster.frames:,} frames" if raster.frames > 1 else ""
        yield (
            PIXELS,
            f"is {raster.width:,} × {raster.height:,} pixels{frames} ({raster.pixels:,} in all); "
            f"images may have at most {MAX_IMAGE_PIXELS:,}",
            "scale it down: about 2,000 pixels across is enough for a full page",
        )


def _svg_file(data: bytes) -> Iterator[tuple[Rule, str, str]]:
    """One finding per kind of SVG problem, naming the first and counting the others."""
    by_kind: dict[str, list[imagefiles.SvgProblem]] = {}
    for problem in imagefiles.svg_problems(data):
        by_kind.setdefault(problem.kind, []).append(problem)
    for kind, problems in by_kind.items():
        first = problems[0]
        more = f", and {len(problems) - 1} more" if len(problems) > 1 else ""
        what = "is not a usable SVG file: " if kind == "malformed" else "holds "
        yield _SVG_RULES[kind], f"{what}{first.detail} (line {first.line} of the SVG{more})", _SVG_HINTS[kind]


@chapter_check
def links(chapter: Chapter) -> Iterator[Finding]:
    """Links go to the web, to sibling chapters, or to files in the chapter's folder."""
    if chapter.outline is None:
        return
    folder = _own_folder(chapter)
    siblings = chapter.location.path.parent.resolve()
    mine = _folder_hint(chapter)
    for link in chapter.outline.links:
        href = link.href.strip()
        if rawhtml.script_scheme(href) is not None:
            continue  # url-unsafe
        scheme = _SCHEME.match(href)
        if scheme:
            if scheme.group(1).lower() not in LINK_SCHEMES:
                yield LINK_SCHEME.at(
                    chapter,
                    link.line,
                    1,
                    f"link '{_shorten(href)}' uses the scheme '{scheme.group(1)}:'",
                    f"link with {', '.join(LINK_SCHEMES)}, or to a file in {mine}",
                )
            continue
        reference = urlsplit(href).path
        if not reference or href.startswith("//"):
            continue  # "#anchor" within the chapter
        target = _local_target(chapter, reference)
        if target is None:
            yield LINK_MISSING.at(
                chapter, link.line, 1, f"link target '{href}' is a symbolic link that loops", "replace it with the file"
            )
            continue
        is_sibling_chapter = target.parent == siblings and target.suffix == ".md"
        if not is_sibling_chapter and not _inside(target, folder):
            if _through_link(chapter, reference):
                message = f"link '{href}' is a symbolic link to a file outside the chapter's folder {mine}"
                hint = "replace the link with the file itself"
            else:
                message = f"link '{href}' points outside the chapter's folder {mine}"
                hint = (
                    "move the file into " + mine + "; for a section of another chapter in this publication use "
                    "{ref}`label`, and for anything else its web address"
                )
            yield LINK_OUTSIDE.at(chapter, link.line, 1, message, hint)
        elif not target.exists():
            yield LINK_MISSING.at(
                chapter, link.line, 1, f"link target '{href}' does not exist", "correct the path, or add the file"
            )
        elif not is_sibling_chapter and target.suffix.lower() in ACTIVE_FILE_SUFFIXES:
            yield LINK_FILE_TYPE.at(
                chapter,
                link.line,
                1,
                f"link '{href}' offers a {target.suffix.lower()} file, which a browser would open as a page and "
                "run on the book's web site",
                "link to data and documents only (CSV, XLSX, PDF...); show a drawing as a figure, and link to a web "
                "page at its own address",
            )


@chapter_check
def folder_contents(chapter: Chapter) -> Iterator[Finding]:
    """The build copies a chapter's folder into the book: nothing in it may lead out of it or be read as a page."""
    media = layout.absolute(chapter.location.media_dir)
    if not media.is_dir():
        return
    mine = _folder_hint(chapter)
    own = _own_folder(chapter)
    if media.resolve() != own:
        yield FILE_SYMLINK.at(
            chapter,
            1,
            1,
            f"the chapter's folder {mine} is a symbolic link to {media.resolve()}",
            f"replace the link with a real folder {mine} holding the chapter's files",
        )
        return
    outline = chapter.outline
    references = [*(i.src for i in outline.images), *(link.href for link in outline.links)] if outline else []
    reported = {_written_target(chapter, reference.strip()) for reference in references}  # image- or link-outside
    for folder, names, files in os.walk(media):
        for name in sorted([*names, *files]):
            entry = Path(folder) / name
            shown = entry.relative_to(media.parent).as_posix()
            target = _resolved(entry)
            if entry.is_symlink() and entry not in reported and (target is None or not _inside(target, own)):
                where = "that loops" if target is None else f"to {entry.readlink()}, outside it"
                yield FILE_SYMLINK.at(
                    chapter,
                    1,
                    1,
                    f"'{shown}' in the chapter's folder is a symbolic link {where}",
                    "replace the link with the file itself; the build copies the folder into the book",
                )
            elif name in files and entry.suffix.lower() in PAGE_SUFFIXES:
                yield FILE_PAGE.at(
                    chapter,
                    1,
                    1,
                    f"'{shown}' in the chapter's folder would be published as a page of its own, unchecked",
                    f"put its text in {chapter.location.path.name}; the folder is for figures and data files",
                )
