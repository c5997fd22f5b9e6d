"""The cmap reader agrees with fontTools on the fonts the books are set in."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection, TTFont

from handbook.core import fonts
from handbook.core.cmap import FontFormatError, code_points


def _fonttools(path: Path) -> set[int]:
    faces = TTCollection(path, lazy=True).fonts if path.suffix == ".ttc" else [TTFont(path, lazy=True)]
    return {char for face in faces for char in face.getBestCmap() or {}}


@pytest.mark.parametrize(
    "name",
    ["NotoSerif-Regular.ttf", "NotoNaskhArabic-Regular.ttf", "NotoSansKhmer-Regular.ttf", "NotoSerifCJK-Regular.ttc"],
)
def test_code_points_match_fonttools(name: str) -> None:
    path = next(p for p in fonts.font_files() if p.name == name)
    assert code_points(path) == _fonttools(path)


def test_coverage_holds_every_script_of_the_member_states() -> None:
    covered = fonts.coverage()
    for char in "Aяә中ع한ไខශঅअ":
        assert ord(char) in covered, char
    assert 0x1F600 not in covered  # no emoji font is configured


def test_not_a_font(tmp_path: Path) -> None:
    path = tmp_path / "x.ttf"
    path.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(FontFormatError):
        code_points(path)
