"""The CICA Think Tank Forum publishing pipeline: chapters in MyST Markdown to books."""

from __future__ import annotations

__version__ = "0.1.0"
