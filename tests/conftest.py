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


EPOCH = "1767225600"  # 2026-01-01T00:00:00Z, so that dates in the outputs are known


def build_copy(folder: Path, jobs: list[tuple[str, tuple[str, ...], str | None]]) -> Path:
    """Copy the book into ``folder`` and build (publication, formats, chapter) for each job, for real."""
    from handbook.pipeline import build

    root = copy_book(folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        for publication, formats, chapter in jobs:
            build(root, publication, formats, chapter=chapter)
    return root


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both publications built once, HTML then EPUB, and one paper on its own; EPUBCheck passed each EPUB."""
    jobs: list[tuple[str, tuple[str, ...], str | None]] = [
        (publication, ("html", "epub"), None) for publication in ("sme-handbook", "gender-dialogue")
    ]
    jobs.append(("gender-dialogue", ("html", "epub"), "kg"))
    return build_copy(tmp_path_factory.mktemp("book"), jobs)


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both publications as PDF, and the Qatar chapter as an offprint."""
    jobs = [("sme-handbook", ("pdf",), None), ("gender-dialogue", ("pdf",), None), ("sme-handbook", ("pdf",), "qa")]
    return build_copy(tmp_path_factory.mktemp("pdf"), jobs)


@pytest.fixture(scope="session")
def russian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gender papers' Russian edition in every format, the SME handbook's as EPUB (EPUBCheck passed)."""
    from handbook.pipeline import build

    root = copy_book(tmp_path_factory.mktemp("russian"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        build(root, "gender-dialogue", ("html", "epub", "pdf"), edition="ru")
        build(root, "sme-handbook", ("epub",), edition="ru")
    return root
