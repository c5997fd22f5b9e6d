"""The CICA Think Tank Forum publishing pipeline: chapters in MyST Markdown to books."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point, ``extensions = ["handbook"]``: the extension, the shared read's builder, and the EPUB and
    PDF builders."""
    from .builders import epub, read, typst
    from .sphinx_ext.main import setup_sphinx

    setup_sphinx(app)
    read.setup(app)
    epub.setup(app)
    typst.setup(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
