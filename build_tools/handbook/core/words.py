"""Counting words in any of the member states' scripts, and saying a count in English."""

from __future__ import annotations

import math
import re
import unicodedata

_IDEOGRAPHIC = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\U00020000-\U0003134f"
_UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff"
_TOKEN = re.compile(
    rf"(?P<ideo>[{_IDEOGRAPHIC}])"
    rf"|(?P<unspaced>[{_UNSPACED}]+)"
    rf"|(?P<word>[^\s{_IDEOGRAPHIC}{_UNSPACED}]+)"
)

LETTERS_PER_WORD_UNSPACED = 5
"""Thai, Lao, Khmer and Myanmar average four to six letters a word; runs are estimated at five."""


def count_words(text: str) -> int:
    """Words as a word processor counts them.

    Space-separated scripts count runs between spaces that hold a letter or digit; each Han or
    kana character counts as one word (as Word does); Thai, Lao, Khmer and Myanmar, written
    without spaces between words, count one word per :data:`LETTERS_PER_WORD_UNSPACED` letters.
    """
    total = 0
    for match in _TOKEN.finditer(text):
        if match["ideo"]:
            total += 1
        elif match["unspaced"]:
            letters = sum(1 for char in match["unspaced"] if not unicodedata.category(char).startswith("M"))
            total += max(1, math.ceil(letters / LETTERS_PER_WORD_UNSPACED))
        elif any(char.isalnum() for char in match["word"]):
            total += 1
    return total


def plural(count: int, word: str) -> str:
    """``1 file``, ``2 files``: a count and an English noun that takes -s."""
    return f"{count} {word}{'' if count == 1 else 's'}"
