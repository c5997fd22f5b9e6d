"""The interface's label tables, one module per catalogue context; importing this package registers them all."""

from ..i18n import CONTEXTS
from . import annex, board, book, credit, recommendation, site, theme, tracking  # noqa: F401 - each registers its table

__all__ = ["CONTEXTS"]
