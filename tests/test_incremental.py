"""Rebuilds: formats side by side, and only what changed written again (real Sphinx, Typst, EPUBCheck)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import EPOCH, copy_book, insert_into_chapter
from handbook.core.model import BuildError
from handbook.pipeline import build

BOOK = "gender-dialogue"


def _translated(root: Path) -> tuple[int, int]:
    log = (root / "_build" / BOOK / "en" / "sphinx-typst.log").read_text(encoding="utf-8")
    found = re.search(r"typst: (\d+) of (\d+) documents translated", log)
    assert found, log
    return int(found[1]), int(found[2])


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return copy_book(tmp_path)


def test_pdf_rebuild_translates_only_the_edited_chapter(book: Path) -> None:
    build(book, BOOK, ("pdf",))
    done, total = _translated(book)
    assert done == total > 3
    insert_into_chapter(book / "chapters" / "gender" / "kg.en.md", "Cooperatives of women entrepreneurs grow.")
    build(book, BOOK, ("pdf",))
    assert _translated(book) == (1, total)
    assert "Cooperatives of women entrepreneurs grow." in _pdf_text(book / "_build" / BOOK / "en" / f"{BOOK}.en.pdf")
    build(book, BOOK, ("pdf",))
    assert _translated(book) == (0, total)


def test_a_chapter_that_failed_is_translated_again(book: Path) -> None:
    insert_into_chapter(book / "chapters" / "gender" / "kz.md", "An emoji \U0001f600 here.")
    for _ in range(2):
        with pytest.raises(BuildError) as caught:
            build(book, BOOK, ("pdf",))
        assert any("U+1F600" in f.message for f in caught.value.findings)


def test_html_rebuild_keeps_pages_of_unchanged_chapters(book: Path) -> None:
    build(book, BOOK, ("html",))
    html = book / "_build" / BOOK / "en" / "html" / "chapters" / "gender"
    before = {page.name: page.stat().st_mtime_ns for page in html.glob("*.html")}
    insert_into_chapter(book / "chapters" / "gender" / "eg.md", "جملة جديدة عن التعاونيات.")
    build(book, BOOK, ("html",))
    after = {page.name: page.stat().st_mtime_ns for page in html.glob("*.html")}
    assert after["eg.html"] != before["eg.html"]
    assert "جملة جديدة عن التعاونيات." in (html / "eg.html").read_text(encoding="utf-8")
    assert after["kz.html"] == before["kz.html"]
    # A new title changes every page's navigation: all pages are written again.
    chapter = book / "chapters" / "gender" / "eg.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(re.sub(r"^title: .*$", 'title: "عنوان جديد"', text, count=1, flags=re.M), encoding="utf-8")
    build(book, BOOK, ("html",))
    assert (html / "kz.html").stat().st_mtime_ns != after["kz.html"]
    assert "عنوان جديد" in (html / "kz.html").read_text(encoding="utf-8")


def test_formats_built_side_by_side_publish_what_succeeded(book: Path) -> None:
    built = build(book, BOOK, ("html", "epub", "pdf"))
    assert set(built.outputs) >= {"html", "epub", "pdf"}
    out = book / "_build" / BOOK / "en"
    for name in (f"{BOOK}.en.epub", f"{BOOK}.en.pdf"):
        (out / name).unlink()
    insert_into_chapter(book / "chapters" / "gender" / "kz.md", "An emoji \U0001f600 here.")
    with pytest.raises(BuildError) as caught:
        build(book, BOOK, ("html", "epub", "pdf"))
    assert str(caught.value).startswith("pdf: ")
    assert (out / f"{BOOK}.en.epub").is_file()  # EPUB and HTML have no problem with the character
    assert not (out / f"{BOOK}.en.pdf").exists()


def test_a_warning_while_reading_fails_every_build_until_fixed(book: Path) -> None:
    # heading-skip is only a warning for the validator, but MyST warns too, and that stops the build.
    insert_into_chapter(book / "chapters" / "gender" / "kz.md", "#### Too deep")
    for _ in range(2):
        with pytest.raises(BuildError) as caught:
            build(book, BOOK, ("html",))
        assert any(f.path.endswith("chapters/gender/kz.md") for f in caught.value.findings), caught.value.findings
