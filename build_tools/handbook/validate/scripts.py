"""Which script a text is written in, by Unicode block (ISO 15924 codes)."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable

_BLOCKS: list[tuple[int, int, str]] = sorted(
    [
        (0x0041, 0x005A, "Latn"),
        (0x0061, 0x007A, "Latn"),
        (0x00C0, 0x024F, "Latn"),
        (0x1E00, 0x1EFF, "Latn"),
        (0x0370, 0x03FF, "Grek"),
        (0x0400, 0x052F, "Cyrl"),
        (0x0530, 0x058F, "Armn"),
        (0x0590, 0x05FF, "Hebr"),
        (0xFB1D, 0xFB4F, "Hebr"),
        (0x0600, 0x06FF, "Arab"),
        (0x0750, 0x077F, "Arab"),
        (0x08A0, 0x08FF, "Arab"),
        (0xFB50, 0xFDFF, "Arab"),
        (0xFE70, 0xFEFF, "Arab"),
        (0x0780, 0x07BF, "Thaa"),
        (0x0900, 0x097F, "Deva"),
        (0x0980, 0x09FF, "Beng"),
        (0x0B80, 0x0BFF, "Taml"),
        (0x0D80, 0x0DFF, "Sinh"),
        (0x0E00, 0x0E7F, "Thai"),
        (0x0E80, 0x0EFF, "Laoo"),
        (0x10A0, 0x10FF, "Geor"),
        (0x1100, 0x11FF, "Hang"),
        (0x3130, 0x318F, "Hang"),
        (0xAC00, 0xD7AF, "Hang"),
        (0x1780, 0x17FF, "Khmr"),
        (0x1800, 0x18AF, "Mong"),
        (0x3040, 0x30FF, "Kana"),
        (0x3400, 0x4DBF, "Hani"),
        (0x4E00, 0x9FFF, "Hani"),
        (0xF900, 0xFAFF, "Hani"),
        (0x20000, 0x3134F, "Hani"),
    ]
)
_STARTS = [start for start, _, _ in _BLOCKS]

WRITTEN_WITH = {
    "Hans": {"Hani"},
    "Hant": {"Hani"},
    "Jpan": {"Hani", "Kana"},
    "Kore": {"Hang", "Hani"},
}
"""Scripts of language tags that are written with several Unicode scripts."""


def char_script(char: str) -> str | None:
    """The script of a letter, or None for digits, punctuation and symbols."""
    code = ord(char)
    index = bisect.bisect_right(_STARTS, code) - 1
    if index >= 0:
        start, end, script = _BLOCKS[index]
        if start <= code <= end and char.isalpha():
            return script
    return None


def script_counts(texts: Iterable[str]) -> Counter[str]:
    """How many letters of each script the texts hold."""
    chars: Counter[str] = Counter()
    for text in texts:
        chars.update(text)
    counts: Counter[str] = Counter()
    for char, number in chars.items():
        script = char_script(char)
        if script is not None:
            counts[script] += number
    return counts


def matches(language_script: str, text_script: str) -> bool:
    """Whether text in ``text_script`` fits a language written in ``language_script``."""
    return text_script in WRITTEN_WITH.get(language_script, {language_script})
