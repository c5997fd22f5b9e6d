"""The fonts every output is set in: Noto, one family per script, passed to Typst explicitly.

Typst is given a folder holding exactly these files (never the whole system's fonts), so the
same sources give the same PDF on every machine, and :func:`coverage` says which characters
can be set at all, so that a character no font covers fails the build instead of printing tofu.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

NOTO = Path("/usr/share/fonts/truetype/noto")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto")
FONT_DIRS: tuple[Path, ...] = (NOTO, NOTO_CJK)
"""Where Debian's fonts-noto-core (TrueType) and fonts-noto-cjk (OpenType) install the Noto fonts."""

_STYLES = ("Regular", "Bold")
_FOUR = ("Regular", "Bold", "Italic", "BoldItalic")

_SCRIPT_FAMILIES = (
    "Hebrew",
    "Thai",
    "Khmer",
    "Lao",
    "Bengali",
    "Devanagari",
    "Sinhala",
    "Tamil",
    "Georgian",
    "Armenian",
)

FONT_FILES: dict[str, tuple[Path, ...]] = {
    "Noto Serif": tuple(NOTO / f"NotoSerif-{s}.ttf" for s in _FOUR),
    "Noto Sans": tuple(NOTO / f"NotoSans-{s}.ttf" for s in _FOUR),
    "Noto Sans Mono": tuple(NOTO / f"NotoSansMono-{s}.ttf" for s in _STYLES),
    "Noto Serif CJK": tuple(NOTO_CJK / f"NotoSerifCJK-{s}.ttc" for s in _STYLES),
    "Noto Sans CJK": tuple(NOTO_CJK / f"NotoSansCJK-{s}.ttc" for s in _STYLES),
    **{
        f"Noto {kind} {script}": tuple(NOTO / f"Noto{kind}{script.replace(' ', '')}-{s}.ttf" for s in _STYLES)
        for kind in ("Serif", "Sans")
        for script in _SCRIPT_FAMILIES
    },
    "Noto Naskh Arabic": tuple(NOTO / f"NotoNaskhArabic-{s}.ttf" for s in _STYLES),
    "Noto Sans Arabic": tuple(NOTO / f"NotoSansArabic-{s}.ttf" for s in _STYLES),
    "Noto Nastaliq Urdu": tuple(NOTO / f"NotoNastaliqUrdu-{s}.ttf" for s in _STYLES),
    "Noto Sans Symbols": (NOTO / "NotoSansSymbols-Regular.ttf",),
    "Noto Sans Symbols2": (NOTO / "NotoSansSymbols2-Regular.ttf",),
    "Noto Sans Math": (NOTO / "NotoSansMath-Regular.ttf",),
}
"""Every font file the pipeline sets text in, by family (CJK collections hold SC, TC, KR, JP, HK)."""

_SCRIPTS_IN_ORDER = (
    "Arabic", "Hebrew", "CJK", "Thai", "Khmer", "Lao", "Bengali", "Devanagari", "Sinhala", "Tamil", "Georgian",
    "Armenian",
)  # fmt: skip


def _family(kind: str, script: str) -> str:
    if script == "Arabic":
        return "Noto Naskh Arabic" if kind == "Serif" else "Noto Sans Arabic"
    if script == "CJK":
        return f"Noto {kind} CJK SC"
    return f"Noto {kind} {script}"


SERIF: tuple[str, ...] = ("Noto Serif", *(_family("Serif", s) for s in _SCRIPTS_IN_ORDER), "Noto Sans Math")
SANS: tuple[str, ...] = ("Noto Sans", *(_family("Sans", s) for s in _SCRIPTS_IN_ORDER), "Noto Sans Math")
SYMBOLS: tuple[str, ...] = ("Noto Sans Symbols", "Noto Sans Symbols2")

_FIRST_FOR_SCRIPT = {
    "Hans": "CJK SC",
    "Hant": "CJK TC",
    "Kore": "CJK KR",
    "Jpan": "CJK JP",
}


def families(script: str | None, language: str = "", sans: bool = False) -> tuple[str, ...]:
    """Font fallback list for text in ``script`` (ISO 15924): its own family first.

    Han characters look different in Chinese, Korean and Japanese, so the CJK collection's
    family for the language comes first; Urdu is set in Nastaliq, as Urdu readers expect.
    """
    kind = "Sans" if sans else "Serif"
    base = SANS if sans else SERIF
    first: str | None = None
    if script in _FIRST_FOR_SCRIPT:
        first = f"Noto {kind} {_FIRST_FOR_SCRIPT[script]}"
    elif language.split("-")[0] == "ur" and not sans:
        first = "Noto Nastaliq Urdu"
    if first is None:
        return (*base, *SYMBOLS)
    return (first, *(f for f in base if f != first), *SYMBOLS)


class FontsMissing(Exception):
    """Font files the pipeline needs are not installed."""

    def __init__(self, missing: Sequence[Path]) -> None:
        listed = ", ".join(str(path) for path in missing[:5]) + (" ..." if len(missing) > 5 else "")
        super().__init__(
            f"{len(missing)} font file(s) missing ({listed}); install the Debian packages fonts-noto-core "
            "and fonts-noto-cjk, e.g. with `make setup`"
        )
        self.missing = tuple(missing)


def font_files() -> list[Path]:
    """Every configured font file; FontsMissing if any is absent."""
    files = [path for group in FONT_FILES.values() for path in group]
    missing = [path for path in files if not path.is_file()]
    if missing:
        raise FontsMissing(missing)
    return files


def font_dir(target: Path) -> Path:
    """A folder holding links to exactly the configured font files, for Typst's font path."""
    target.mkdir(parents=True, exist_ok=True)
    wanted = {path.name: path for path in font_files()}
    for existing in target.iterdir():
        if existing.name not in wanted or existing.resolve() != wanted[existing.name].resolve():
            existing.unlink()
    for name, path in wanted.items():
        link = target / name
        if not link.exists():
            link.symlink_to(path)
    return target


def font_paths(candidates: Sequence[Path] = FONT_DIRS) -> list[Path]:
    """The Noto folders that exist (for the cover, which needs only Latin and Cyrillic)."""
    found = [path for path in candidates if path.is_dir()]
    if not found:
        raise FontsMissing(list(candidates))
    return found


@functools.cache
def coverage() -> frozenset[int]:
    """Every code point at least one configured font has a glyph for."""
    from .cmap import code_points

    covered: set[int] = set()
    for path in font_files():
        covered |= code_points(path)
    return frozenset(covered)
