"""Font discovery: the Noto folders that every build (covers, PDF) draws its fonts from."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/opentype/noto"),
)
"""Where Debian's fonts-noto-core (TrueType) and fonts-noto-cjk (OpenType) install the Noto fonts."""


class FontsMissing(Exception):
    """None of the Noto font folders exists."""

    def __init__(self, candidates: Sequence[Path]) -> None:
        searched = ", ".join(str(path) for path in candidates) or "(no folders given)"
        super().__init__(
            f"no Noto fonts found (looked in {searched}); install the Debian packages fonts-noto-core "
            "and fonts-noto-cjk, e.g. with `make setup`"
        )
        self.candidates = tuple(candidates)


def font_paths(candidates: Sequence[Path] = FONT_DIRS) -> list[Path]:
    """The candidate font folders that exist, in order; FontsMissing if none does."""
    found = [path for path in candidates if path.is_dir()]
    if not found:
        raise FontsMissing(candidates)
    return found
