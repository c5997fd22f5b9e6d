"""Word files in and out, with pandoc: a .docx becomes a MyST chapter, and a chapter a .docx for reviewers."""

from __future__ import annotations

from .exporter import export_docx, to_pandoc_markdown
from .importer import import_docx
from .package import EXPORT_DIR, MAX_DOCX_BYTES, MAX_EXPANDED_BYTES, DocxError, ImportResult, WordFile, check_docx

__all__ = [
    "EXPORT_DIR",
    "MAX_DOCX_BYTES",
    "MAX_EXPANDED_BYTES",
    "DocxError",
    "ImportResult",
    "WordFile",
    "check_docx",
    "export_docx",
    "import_docx",
    "to_pandoc_markdown",
]
