"""The PDF route: a Sphinx builder that writes Typst and compiles it in-process with ``typst``."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Register the ``typst`` builder."""
    from .builder import TypstBuilder

    app.add_builder(TypstBuilder)
