"""``handbook-read``: the builder of the one shared read, which reads every document and writes nothing.

Sphinx pickles the environment before a builder writes, so what a writing phase would do here (resolve
every reference of every document, for a builder that then throws the result away) is work for
nothing: at ten times the bench corpus it took 50 of the read's 70 s.
"""

from __future__ import annotations

from collections.abc import Set

from sphinx.application import Sphinx
from sphinx.builders.dummy import DummyBuilder


class ReadBuilder(DummyBuilder):
    """Reads the documents into the environment and the doctrees; the formats' builders write them."""

    name = "handbook-read"

    def write_documents(self, docnames: Set[str]) -> None:
        """Nothing to write: no document is resolved."""


def setup(app: Sphinx) -> None:
    """Register the ``handbook-read`` builder."""
    app.add_builder(ReadBuilder)
