"""The CICA Think Tank Forum publishing pipeline: chapters in MyST Markdown to books."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point: ``extensions = ["handbook"]``."""
    from .sphinx_ext import setup_sphinx

    return setup_sphinx(app)
