"""Cover thumbnails for the landing pages and e-reader catalogues, scaled with Typst (no imaging library)."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import typst

THUMBNAIL_WIDTH = 400
"""Pixels: twice the width the landing page shows it at, for high-density screens."""
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


@dataclass(frozen=True)
class Thumbnail:
    """A small PNG of a cover, and its path in the site."""

    href: str
    data: bytes
    width: int
    height: int


def thumbnail(cover: Path, href: str, width: int = THUMBNAIL_WIDTH) -> Thumbnail:
    """``cover`` (PNG or JPEG) scaled to ``width`` pixels, keeping its proportions; the same cover gives the
    same bytes."""
    kind = "jpg" if is_jpeg(cover) else "png"
    # One point is one pixel at 72 ppi; the page takes the height of the scaled image.
    source = (
        f"#set page(width: {width}pt, height: auto, margin: 0pt)\n"
        f'#image("{cover.name}", format: "{kind}", width: 100%)\n'
    )
    try:
        # The stubs want root of the same type as the input; Typst takes source bytes with a folder path.
        data: bytes = typst.compile(  # type: ignore[call-overload]
            source.encode(), root=str(cover.parent), format="png", ppi=72.0, ignore_system_fonts=True
        )
    except RuntimeError as error:  # typst.TypstError
        raise ValueError(f"cannot scale the cover {cover}: {error}") from None
    return Thumbnail(href, data, *png_size(data))


def is_jpeg(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(len(_JPEG)) == _JPEG


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its IHDR chunk, which the format puts first."""
    if data[: len(_PNG)] != _PNG:
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)
