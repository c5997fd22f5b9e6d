"""The PDF route for real: Sphinx, the Typst builder, Typst's PDF/UA-1 checks; read back with pypdf."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pypdf
import pytest
import yaml

from conftest import REPO, copy_book, insert_into_chapter
from handbook.core.model import BuildError
from handbook.pipeline import build

BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def chapter_titles(publication: str) -> list[str]:
    """The titles of the English edition's chapters: originals, or their English translations."""
    folder = REPO / "chapters" / ("sme" if publication == "sme-handbook" else "gender")
    titles = []
    for path in sorted(folder.glob("??.md")):
        english = path.with_suffix(".en.md")
        text = (english if english.is_file() else path).read_text(encoding="utf-8")
        titles.append(yaml.safe_load(text.split("---", 2)[1])["title"])
    return titles


@pytest.mark.parametrize("publication", ["sme-handbook", "gender-dialogue"])
def test_outline_has_an_entry_per_chapter(pdfs: Path, publication: str) -> None:
    reader = pypdf.PdfReader(pdfs / "_build" / publication / "en" / f"{publication}.en.pdf")
    entries = [e["/Title"] for e in reader.outline if not isinstance(e, list)]
    numbered = [re.sub(r"^\d+\. ", "", e) for e in entries if re.match(r"^\d+\. ", e)]
    assert sorted(numbered) == sorted(chapter_titles(publication))


@pytest.mark.parametrize("publication", ["sme-handbook", "gender-dialogue"])
def test_tagged_pdf_ua_with_language_title_and_embedded_fonts(pdfs: Path, publication: str) -> None:
    path = pdfs / "_build" / publication / "en" / f"{publication}.en.pdf"
    with pikepdf.open(path) as pdf:
        assert "/StructTreeRoot" in pdf.Root and len(pdf.Root.StructTreeRoot.K) > 0
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en"
        metadata = pdf.open_metadata()
        assert metadata.get("pdfuaid:part") == "1"
        assert metadata.get("dc:title")
        fonts = 0
        for page in pdf.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                fonts += 1
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.FontDescriptor
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font
        assert fonts > 0


def test_arabic_comes_back_in_logical_order(pdfs: Path) -> None:
    text = subprocess.run(
        [
            "pdftotext",
            "-enc",
            "UTF-8",
            str(pdfs / "_build" / "sme-handbook" / "en" / "offprints" / "sme-handbook-qa.en.pdf"),
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(BIDI_MARKS.sub("", text).split())
    assert "دعم المشاريع الصغيرة والمتوسطة في دولة قطر" in flat
    assert "بنك قطر للتنمية" in flat


def test_offprint_holds_one_chapter_with_the_same_design(pdfs: Path) -> None:
    reader = pypdf.PdfReader(pdfs / "_build" / "sme-handbook" / "en" / "offprints" / "sme-handbook-qa.en.pdf")
    entries = [e["/Title"] for e in reader.outline if not isinstance(e, list)]
    assert [e for e in entries if re.match(r"^\d+\. ", e)] == ["1. دعم المشاريع الصغيرة والمتوسطة في دولة قطر"]
    assert reader.metadata is not None and reader.metadata.title == "دعم المشاريع الصغيرة والمتوسطة في دولة قطر"


def test_a_character_outside_every_font_fails_with_its_code_point(tmp_path: Path) -> None:
    root = copy_book(tmp_path)
    line = insert_into_chapter(root / "chapters" / "gender" / "kz.md", "A sentence with an emoji \U0001f600 in it.")
    with pytest.raises(BuildError) as caught:
        build(root, "gender-dialogue", ("pdf",))
    glyphs = [f for f in caught.value.findings if "U+1F600" in f.message]
    assert glyphs, caught.value.findings
    assert glyphs[0].path.endswith("chapters/gender/kz.md")
    assert glyphs[0].line == line
    assert not (root / "_build" / "gender-dialogue" / "en" / "gender-dialogue.en.pdf").exists()


SOURCE = re.compile(
    r"#[a-z-]+\(|\b(?:image|box|align|figure|block|text)\(|\balt: \S|\bwidth: \S|</?[a-z]+[ >/]|\{\{|\}\}"
)
"""Typst or HTML source as it would read if it leaked into a page: ``image(``, ``#box(``, ``alt: "``, ``<a ``."""


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_no_source_code_reaches_any_page(pdfs: Path) -> None:
    files = sorted((pdfs / "_build").rglob("*.pdf"))
    assert len(files) == 3
    for path in files:
        leaked = SOURCE.findall(pdf_text(path))
        assert not leaked, (path.name, leaked[:5])


def test_markdown_images_are_pictures_not_code(tmp_path: Path) -> None:
    """``![alt](path "title")`` alone in a paragraph and ``![alt](path)`` among words: both were printed as
    the text 'image("images/...", alt: ..., width: auto)'."""
    root = copy_book(tmp_path)
    chapter = root / "chapters" / "sme" / "kz.md"
    insert_into_chapter(
        chapter,
        '![Ceilings by sector](kz/employee-ceilings.svg "Employee ceilings")\n\n'
        "A line with ![a small chart](kz/employee-ceilings.svg) inside it.",
    )
    result = build(root, "sme-handbook", ("pdf",), chapter="kz")
    text = pdf_text(result.outputs["pdf"])
    assert not SOURCE.findall(text), SOURCE.findall(text)[:5]
    assert "A line with" in text and "inside it." in text
    with pikepdf.open(result.outputs["pdf"]) as pdf:  # tagged as figures, with their alternative text
        alts = {str(o.Alt) for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and "/Alt" in o}
    assert {"Ceilings by sector", "a small chart"} <= alts
