"""Word counts in spaced and unspaced scripts."""

from __future__ import annotations

import pytest

from handbook.core.words import count_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Small and medium-sized enterprises.", 4),
        ("Малые и средние предприятия — основа экономики.", 6),
        ("الشركات الصغيرة والمتوسطة", 3),
        ("中小企业", 4),
        ("SME 中小企业 2023", 6),
        ("วิสาหกิจ", 2),
        ("", 0),
        ("— – …", 0),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words
