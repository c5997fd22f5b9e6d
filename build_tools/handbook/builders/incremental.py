"""A digest of a book's structure: what every page shows of the other pages."""

from __future__ import annotations

import hashlib
from typing import Any


def structure_digest(env: Any) -> str:
    """Titles, tables of contents, section, figure and label numbers of every document, as one digest.

    While it stays the same, a page's output depends on its own document only, so a rebuild may
    keep the output of unchanged documents (HTML pages, Typst fragments).
    """
    data = (
        sorted((doc, env.titles[doc].astext()) for doc in env.found_docs if doc in env.titles),
        sorted(env.toctree_includes.items()),
        sorted((doc, sorted(numbers.items())) for doc, numbers in env.toc_secnumbers.items()),
        sorted((doc, repr(sorted(numbers.items()))) for doc, numbers in env.toc_fignumbers.items()),
        sorted(env.domaindata.get("std", {}).get("labels", {}).items()),
    )
    return hashlib.sha256(repr(data).encode()).hexdigest()
