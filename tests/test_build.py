"""Building the sample publications for real: Sphinx, HTML, EPUB and EPUBCheck, no mocks."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import REPO, copy_book, insert_into_chapter
from handbook.builders import epubcheck_
from handbook.core.model import BuildError
from handbook.pipeline import build

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def epub_text(epub: Path, name: str) -> str:
    with zipfile.ZipFile(epub) as archive:
        return archive.read(name).decode("utf-8")


def opf(epub: Path) -> ElementTree.Element:
    return ElementTree.fromstring(epub_text(epub, "content.opf"))


@pytest.mark.parametrize("publication", ["sme-handbook", "gender-dialogue"])
def test_epubcheck_reports_nothing(built: Path, publication: str) -> None:
    epub = built / "_build" / publication / "en" / f"{publication}.en.epub"
    assert epubcheck_.check(epub) == []


def test_doctrees_are_shared_between_formats(built: Path) -> None:
    log = (built / "_build" / "sme-handbook" / "en" / "sphinx-handbook-epub.log").read_text(encoding="utf-8")
    assert "updating environment: 0 added, 0 changed, 0 removed" in log


def test_arabic_chapter_reads_right_to_left_in_html(built: Path) -> None:
    page = (built / "_build" / "sme-handbook" / "en" / "html" / "chapters" / "sme" / "qa.html").read_text(
        encoding="utf-8"
    )
    assert re.search(r'<div class="chapter-language" lang="ar" dir="rtl">', page)
    assert 'aria-label="Key facts" lang="en" dir="ltr"' in page
    assert '<bdi lang="ar" dir="rtl">حصة راشد الكعبي</bdi>' in page


def test_arabic_chapter_reads_right_to_left_in_epub(built: Path) -> None:
    epub = built / "_build" / "sme-handbook" / "en" / "sme-handbook.en.epub"
    root = ElementTree.fromstring(epub_text(epub, "chapters/sme/qa.xhtml").removeprefix("<!DOCTYPE html>"))
    assert (root.get("lang"), root.get(XML_LANG), root.get("dir")) == ("ar", "ar", "rtl")
    english = ElementTree.fromstring(epub_text(epub, "chapters/sme/kz.xhtml").removeprefix("<!DOCTYPE html>"))
    assert (english.get("lang"), english.get("dir")) == ("en", None)


def test_epub_metadata_is_complete_and_true(built: Path) -> None:
    package = opf(built / "_build" / "sme-handbook" / "en" / "sme-handbook.en.epub")
    metadata = package.find(f"{OPF}metadata")
    assert metadata is not None
    languages = [e.text for e in metadata.findall(f"{DC}language")]
    assert languages[0] == "en" and {"ru", "zh-Hans", "ar", "th"} <= set(languages)
    assert metadata.findtext(f"{DC}identifier") == "urn:uuid:bf0c9537-4d0e-5564-b3a8-a2bd7e85efba"
    properties = {m.get("property"): m.text for m in metadata.findall(f"{OPF}meta") if m.get("property")}
    assert properties["dcterms:modified"] == "2026-01-01T00:00:00Z"
    features = [m.text for m in metadata.findall(f"{OPF}meta") if m.get("property") == "schema:accessibilityFeature"]
    assert "alternativeText" in features and "tableOfContents" in features
    contributors = [e.text for e in metadata.findall(f"{DC}contributor")]
    assert "Hessa Rashid Al-Kaabi" in contributors
    assert all((e.text or "").strip() for e in metadata if e.tag.startswith(DC))


def test_epub_has_no_scripts_or_remote_resources(built: Path) -> None:
    epub = built / "_build" / "sme-handbook" / "en" / "sme-handbook.en.epub"
    with zipfile.ZipFile(epub) as archive:
        documents = [n for n in archive.namelist() if n.endswith(".xhtml")]
        for name in documents:
            text = archive.read(name).decode("utf-8")
            assert "<script" not in text, name
            assert not re.search(r'\bsrc="(https?:)?//', text), name
            assert not re.search(r'<link\b[^>]*href="(https?:)?//', text), name


def test_every_sme_chapter_opens_with_key_facts(built: Path) -> None:
    for code in ("cn", "kz", "qa", "ru", "th"):
        page = (built / "_build" / "sme-handbook" / "en" / "html" / "chapters" / "sme" / f"{code}.html").read_text(
            "utf-8"
        )
        assert page.count('<aside class="key-facts"') == 1, code


def test_annex_matches_the_front_matter(built: Path) -> None:
    import yaml

    page = (built / "_build" / "sme-handbook" / "en" / "html" / "back" / "annex.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", page)
    for code in ("kz", "ru"):
        source = (REPO / "chapters" / "sme" / f"{code}.md").read_text(encoding="utf-8")
        meta = yaml.safe_load(source.split("---", 2)[1])
        for item in meta["indicators"]:
            value = item["value"]
            shown = f"{value:,.0f}" if float(value).is_integer() else f"{value}"
            assert shown in text, (code, item["id"], shown)
    assert re.search(r"no data", text)


def test_downloads_are_linked_from_every_page(built: Path) -> None:
    html = built / "_build" / "gender-dialogue" / "en" / "html"
    pages = [p for p in html.rglob("*.html") if "_static" not in p.parts]
    assert pages
    for page in pages:
        if page.name in ("search.html", "genindex.html", "status.html"):
            continue
        assert "gender-dialogue.en.epub" in page.read_text(encoding="utf-8"), page


def test_bad_chapter_stops_the_build_and_keeps_the_last_good_files(built: Path) -> None:
    epub = built / "_build" / "gender-dialogue" / "en" / "gender-dialogue.en.epub"
    before = epub.read_bytes()
    paper = built / "chapters" / "gender" / "kz.md"
    original = paper.read_text(encoding="utf-8")
    paper.write_text(original.replace("status: draft", "status: finished"), encoding="utf-8")
    try:
        with pytest.raises(BuildError) as caught:
            build(built, "gender-dialogue", ("epub",))
    finally:
        paper.write_text(original, encoding="utf-8")
    assert [(f.path.endswith("chapters/gender/kz.md"), f.rule) for f in caught.value.findings] == [
        (True, "schema-enum")
    ]
    assert epub.read_bytes() == before


def test_unknown_directive_fails_with_file_and_line(tmp_path: Path) -> None:
    root = copy_book(tmp_path)
    line = insert_into_chapter(root / "chapters" / "gender" / "kg.md", "```{sidebar-quote}\nText\n```")
    with pytest.raises(BuildError) as caught:
        build(root, "gender-dialogue", ("html",), check=False)
    findings = caught.value.findings
    assert findings and all(f.path.endswith("chapters/gender/kg.md") for f in findings), findings
    assert findings[0].line == line
    assert "sidebar-quote" in findings[0].message
    assert not (root / "_build" / "gender-dialogue" / "en" / "html").exists()
