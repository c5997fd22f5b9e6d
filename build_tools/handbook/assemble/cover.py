"""E-book covers drawn from a publication's title with Typst (``cover.typ`` beside this module)."""

from __future__ import annotations

from importlib import resources

import typst

from ..core.fonts import font_paths
from ..core.registry import primary_subtag

KINDS = ("sme", "gender")
"""The kinds of publication, each with its own colours and motif on the cover."""


def render_cover(
    title: str,
    subtitle: str | None,
    edition: str,
    publisher: str,
    kind: str,
    *,
    year: int | str | None = None,
    ppi: float = 72.0,
    output: str = "png",
    title_language: str = "en",
    language: str = "en",
) -> bytes:
    """The cover as PNG bytes (1600 x 2400 pixels at 72 ppi), or as SVG with ``output="svg"``.

    The same input gives the same bytes.

    Raises ValueError for an unknown kind and ``fonts.FontsMissing`` without the Noto fonts.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind of publication {kind!r}; expected one of {', '.join(KINDS)}")
    inputs = {"title": title, "edition": edition, "publisher": publisher, "kind": kind}
    inputs["title-lang"] = primary_subtag(title_language) or "en"
    inputs["lang"] = primary_subtag(language) or "en"
    if subtitle:
        inputs["subtitle"] = subtitle
    if year is not None:
        inputs["year"] = str(year)
    fonts = [str(path) for path in font_paths()]
    template = resources.files("handbook.assemble").joinpath("cover.typ")
    with resources.as_file(template) as path:
        # System fonts are ignored so that the same input gives the same bytes on every machine.
        return typst.compile(
            str(path),
            format="svg" if output == "svg" else "png",
            ppi=ppi,
            font_paths=fonts,
            ignore_system_fonts=True,
            sys_inputs=inputs,
        )
