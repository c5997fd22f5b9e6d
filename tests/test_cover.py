"""Covers: PNG of the right size, deterministic, long titles, and a clear error without fonts."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from handbook.assemble.cover import render_cover
from handbook.core.fonts import FONT_DIRS, FontsMissing, font_paths

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LONG_TITLE = (
    "Small and Medium-sized Enterprises, Women's Entrepreneurship and Digital Trade in the Member States "
    "of the Conference: Policies, Finance and Data 2024"
)

needs_fonts = pytest.mark.skipif(
    not any(path.is_dir() for path in FONT_DIRS), reason="Noto fonts not installed (make setup)"
)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which the PNG format puts first."""
    _length, chunk, width, height = struct.unpack(">I4sII", png[8:24])
    assert chunk == b"IHDR"
    return width, height


def publication_cover(publication: str) -> bytes:
    definition = yaml.safe_load((REPO / "book" / publication / "publication.yml").read_text(encoding="utf-8"))
    return render_cover(
        definition["title"],
        definition.get("subtitle"),
        definition["edition"],
        definition["publisher"],
        definition["chapters"]["from"],
    )


def test_long_title_is_150_characters() -> None:
    assert len(LONG_TITLE) == 150


@needs_fonts
@pytest.mark.parametrize("publication", ["sme-handbook", "gender-dialogue"])
def test_publication_cover_is_a_1600_by_2400_png(publication: str) -> None:
    png = publication_cover(publication)
    assert png.startswith(PNG_SIGNATURE)
    assert png_size(png) == (1600, 2400)


@needs_fonts
@pytest.mark.parametrize("kind", ["sme", "gender"])
def test_long_title_renders(kind: str) -> None:
    png = render_cover(LONG_TITLE, "A subtitle", "First edition (draft)", "CICA Think Tank Forum", kind, year=2026)
    assert png.startswith(PNG_SIGNATURE)
    assert png_size(png) == (1600, 2400)


@needs_fonts
def test_same_input_gives_same_bytes() -> None:
    assert publication_cover("sme-handbook") == publication_cover("sme-handbook")


@needs_fonts
def test_kinds_look_different() -> None:
    args = ("Title", None, "First edition", "CICA Think Tank Forum")
    assert render_cover(*args, "sme") != render_cover(*args, "gender")


@needs_fonts
def test_ppi_scales_the_image() -> None:
    png = render_cover("Title", None, "First edition", "CICA Think Tank Forum", "sme", ppi=36.0)
    assert png_size(png) == (800, 1200)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        render_cover("Title", None, "First edition", "CICA Think Tank Forum", "catalogue")


def test_font_paths_keeps_existing_folders_in_order(tmp_path: Path) -> None:
    first, second = tmp_path / "b", tmp_path / "a"
    first.mkdir()
    second.mkdir()
    assert font_paths([tmp_path / "missing", first, second]) == [first, second]


def test_missing_font_folders_raise_fonts_missing(tmp_path: Path) -> None:
    with pytest.raises(FontsMissing, match="fonts-noto-core and fonts-noto-cjk") as caught:
        font_paths([tmp_path / "truetype" / "noto", tmp_path / "opentype" / "noto"])
    assert "make setup" in str(caught.value)
    assert str(tmp_path / "truetype" / "noto") in str(caught.value)
