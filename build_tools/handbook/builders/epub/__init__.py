"""The EPUB 3 builder, ``handbook-epub``: Sphinx's epub3 builder with complete, true package metadata."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

THEME = Path(__file__).resolve().parent / "theme"
"""The ``handbook_epub`` theme: the EPUB's page layout, cover page and style sheet."""


def setup(app: Sphinx) -> None:
    """Register the builder and its theme."""
    from .builder import HandbookEpubBuilder

    app.add_html_theme("handbook_epub", str(THEME))
    app.add_builder(HandbookEpubBuilder)
