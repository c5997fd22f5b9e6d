"""Rebuilding only what changed: a digest of a book's structure, and which previous output a build may start from."""

from __future__ import annotations

import hashlib
from pathlib import Path
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


def reusable(record: Path, structure: str, previous: Path) -> Path | None:
    """``previous`` (the last good HTML) when the book's structure is what ``record`` says it was then.

    The record is removed now and written again only after success (:func:`remember`), so a failed or
    killed build is never reused. (The EPUB is always written whole: Sphinx's EPUB builder lists a
    reused page twice in its spine.)
    """
    same = record.is_file() and record.read_text(encoding="utf-8") == structure
    record.unlink(missing_ok=True)
    return previous if same and previous.is_dir() else None


def remember(record: Path, structure: str) -> None:
    """Record the structure a published output was made with."""
    record.write_text(structure, encoding="utf-8")
