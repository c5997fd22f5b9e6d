"""Shared test set-up: the repository root, and --regen for expected-output fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen",
        action="store_true",
        help="rewrite expected-output fixture files from the current output (review the diff!)",
    )


@pytest.fixture
def regen(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen"))


def copy_book(target: Path) -> Path:
    """A copy of the repository's book (definitions, chapters, templates) to build in isolation."""
    for folder in ("book", "chapters", "contrib"):
        shutil.copytree(REPO / folder, target / folder)
    return target


def insert_into_chapter(chapter: Path, text: str) -> int:
    """Insert ``text`` as a paragraph after the first section heading; returns its 1-based line."""
    lines = chapter.read_text(encoding="utf-8").splitlines()
    where = next(i for i, line in enumerate(lines) if line.startswith("## ")) + 2
    lines.insert(where, f"\n{text}\n")
    chapter.write_text("\n".join(lines), encoding="utf-8")
    return where + 2
