"""Rules on images and links: they exist, stay in the chapter's own folder, and images have alt text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ..model import Chapter, Finding, Severity
from . import chapter_check, rule

E = Severity.ERROR
FAMILY = "images and links"

IMAGE_FORMATS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
"""Formats every output takes: EPUB 3 core media types that Typst also reads."""
LINK_SCHEMES = ("http", "https", "mailto", "tel")

MISSING = rule("image-missing", E, "Every image exists.", FAMILY)
OUTSIDE = rule("image-outside", E, "Images stay inside the chapter's own folder, chapters/<pub>/<cc>/.", FAMILY)
REMOTE = rule("image-remote", E, "Images are files in the repository, not web addresses.", FAMILY)
FORMAT = rule("image-format", E, f"Images are {', '.join(f[1:] for f in IMAGE_FORMATS)}.", FAMILY)
ALT = rule("image-alt", E, "Every image has alt text that describes it.", FAMILY)
LINK_MISSING = rule("link-missing", E, "A link to a local file points at a file that exists.", FAMILY)
LINK_OUTSIDE = rule(
    "link-outside", E, "Local links stay inside the chapter's folder (or name a sibling chapter).", FAMILY
)
LINK_SCHEME = rule("link-scheme", E, f"Links use {', '.join(LINK_SCHEMES)} or point at local files.", FAMILY)

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


def _local_target(chapter: Chapter, reference: str) -> Path:
    """Where a relative reference points, with symlinks followed."""
    return (chapter.location.path.parent / unquote(reference)).resolve()


def _folder_hint(chapter: Chapter) -> str:
    pub = chapter.location.publication.value
    cc = chapter.location.country.lower()
    return f"chapters/{pub}/{cc}/"


@chapter_check
def images(chapter: Chapter) -> Iterator[Finding]:
    """Images are local files of a supported format in the chapter's folder, with alt text."""
    if chapter.outline is None:
        return
    folder = chapter.location.media_dir.resolve()
    mine = _folder_hint(chapter)
    for image in chapter.outline.images:
        src = image.src.strip()
        if not image.alt.strip():
            yield ALT.at(
                chapter,
                image.line,
                1,
                f"image '{src}' has no alt text",
                "describe what the image shows for readers who cannot see it: "
                + (
                    "![description](path)" if image.via == "markdown" else f"add ':alt: description' to the {image.via}"
                ),
            )
        elif _FILE_LIKE_ALT.match(image.alt):
            yield ALT.at(
                chapter,
                image.line,
                1,
                f"alt text '{image.alt.strip()}' of image '{src}' does not describe it",
                "write what the image shows, e.g. 'Bar chart of SME share of employment, 2015-2023'",
            )
        if not src:
            yield MISSING.at(chapter, image.line, 1, "image has no file name", f"give the path of a file in {mine}")
            continue
        if _SCHEME.match(src) or src.startswith("//"):
            yield REMOTE.at(
                chapter,
                image.line,
                1,
                f"image '{src}' is a web address",
                f"download it into {mine} and refer to it there",
            )
            continue
        target = _local_target(chapter, src)
        if not _inside(target, folder):
            yield OUTSIDE.at(
                chapter,
                image.line,
                1,
                f"image '{src}' is outside the chapter's folder {mine}",
                f"move the file into {mine} and write the path as {chapter.location.country.lower()}/<file>",
            )
            continue
        if not target.is_file():
            yield MISSING.at(
                chapter, image.line, 1, f"image '{src}' does not exist", f"add the file to {mine}, or correct the path"
            )
            continue
        if PurePosixPath(src).suffix.lower() not in IMAGE_FORMATS:
            yield FORMAT.at(
                chapter,
                image.line,
                1,
                f"image '{src}' is not in a supported format",
                f"save it as PNG or JPEG (photos), or SVG (charts); supported: {', '.join(IMAGE_FORMATS)}",
            )


@chapter_check
def links(chapter: Chapter) -> Iterator[Finding]:
    """Links go to the web, to sibling chapters, or to files in the chapter's folder."""
    if chapter.outline is None:
        return
    folder = chapter.location.media_dir.resolve()
    siblings = chapter.location.path.parent.resolve()
    mine = _folder_hint(chapter)
    for link in chapter.outline.links:
        href = link.href.strip()
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
        is_sibling_chapter = target.parent == siblings and target.suffix == ".md"
        if not is_sibling_chapter and not _inside(target, folder):
            yield LINK_OUTSIDE.at(
                chapter,
                link.line,
                1,
                f"link '{href}' points outside the chapter's folder {mine}",
                "move the file into " + mine + "; for a section of another chapter in this publication use "
                "{ref}`label`, and for anything else its web address",
            )
        elif not target.exists():
            yield LINK_MISSING.at(
                chapter, link.line, 1, f"link target '{href}' does not exist", "correct the path, or add the file"
            )
