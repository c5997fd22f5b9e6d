"""The download site: files in place, sizes and checksums that match, self-contained pages, an OPDS feed.

Most tests build the site from a small ``_build/`` made here of real files (a zipped EPUB, a Typst PDF,
a cover from the cover template); one builds it from the real books of the session fixtures.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
import typst

from conftest import EPOCH, FIXTURES, copy_book
from handbook.assemble.cover import render_cover
from handbook.publish.site import SiteError, build_site
from handbook.publish.site.covers import png_size
from handbook.publish.site.labels import format_size

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/terms/}"
ACQUISITION_FEED = "application/atom+xml;profile=opds-catalog;kind=acquisition"
PAGES = {"en": "index.html", "ru": "ru/index.html"}
_DOWNLOAD = re.compile(
    r'<a class="download" href="(?P<href>[^"]+)" type="(?P<type>[^"]+)" aria-label="[^"]*">(?P<text>[^<]*)</a>\n'
    r'<span class="checksum">SHA-256 <code>(?P<sha>[0-9a-f]{64})</code></span>'
)


def epub(path: Path, title: str) -> None:
    """A tiny EPUB container: the stored mimetype entry first, then a page; dated 1980 for the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr(zipfile.ZipInfo("EPUB/index.xhtml"), f"<html><body><h1>{title}</h1></body></html>")


def pdf(path: Path, title: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(typst.compile(f"= {title}".encode(), format="pdf", timestamp=0))


def html_edition(folder: Path, title: str) -> None:
    (folder / "_static").mkdir(parents=True)
    (folder / "index.html").write_text(f"<!DOCTYPE html><title>{title}</title><h1>{title}</h1>", encoding="utf-8")
    (folder / "_static" / "book.css").write_text("body { margin: 0; }", encoding="utf-8")
    (folder / ".buildinfo").write_text("# Sphinx build info", encoding="utf-8")


def fake_builds(root: Path) -> Path:
    """The SME handbook's English edition built in full (offprints for KZ and QA), its Russian edition as EPUB
    only; the gender papers' English edition as EPUB and data only, their Russian edition not at all."""
    sme = root / "_build" / "sme-handbook" / "en"
    html_edition(sme / "html", "SME handbook")
    epub(sme / "sme-handbook.en.epub", "SME handbook")
    pdf(sme / "sme-handbook.en.pdf", "SME handbook")
    (sme / "source" / "_static").mkdir(parents=True)
    cover = render_cover("SME handbook", None, "First edition", "CICA Think Tank Forum", "sme", ppi=18)
    (sme / "source" / "_static" / "cover.png").write_bytes(cover)
    pdf(sme / "offprints" / "sme-handbook-kz.en.pdf", "Kazakhstan")
    epub(sme / "offprints" / "sme-handbook-kz.en.epub", "Kazakhstan")
    html_edition(sme / "offprints" / "sme-handbook-kz.en-html", "Kazakhstan")
    pdf(sme / "offprints" / "sme-handbook-qa.en.pdf", "Qatar")
    (sme / "offprints" / "kz").mkdir()  # an offprint's work folder, not published
    epub(root / "_build" / "sme-handbook" / "ru" / "sme-handbook.ru.epub", "Справочник по МСП")
    gender = root / "_build" / "gender-dialogue" / "en"
    epub(gender / "gender-dialogue.en.epub", "Gender papers")
    (gender / "recommendations.csv").write_text("id,text\nkg-1,Publish the data\n", encoding="utf-8")
    (gender / "recommendations.json").write_text('[{"id": "kg-1"}]\n', encoding="utf-8")
    (gender / "source" / "_static").mkdir(parents=True)
    # Sphinx names the cover cover.png whatever it is; this one is a JPEG.
    shutil.copyfile(FIXTURES / "site" / "cover.jpg", gender / "source" / "_static" / "cover.png")
    return root


@pytest.fixture(scope="module")
def fake(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The site of the fake builds, and what build_site reported missing."""
    root = fake_builds(copy_book(tmp_path_factory.mktemp("repo")))
    messages: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        site = build_site(root, report=messages.append)
    return site, messages


@pytest.fixture(scope="module")
def site(fake: tuple[Path, list[str]]) -> Path:
    return fake[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sums(site: Path) -> dict[str, str]:
    lines = (site / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines)}


class Markup(HTMLParser):
    """Tags, attributes and headings of a page, checking that every element opened is closed."""

    VOID = frozenset({"meta", "link", "img", "br", "hr", "input", "source", "wbr"})

    def __init__(self, text: str) -> None:
        super().__init__()
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[int] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()

    def urls(self) -> list[tuple[str, str]]:
        return [(tag, str(a.get("href") or a.get("src"))) for tag, a in self.tags if a.get("href") or a.get("src")]


def test_every_output_is_copied_under_one_folder(site: Path) -> None:
    for relative in (
        "sme-handbook/en/html/index.html",
        "sme-handbook/en/html/_static/book.css",
        "sme-handbook/en/sme-handbook.en.epub",
        "sme-handbook/en/sme-handbook.en.pdf",
        "sme-handbook/en/offprints/sme-handbook-kz.en.pdf",
        "sme-handbook/en/offprints/sme-handbook-kz.en.epub",
        "sme-handbook/en/offprints/sme-handbook-kz.en-html/index.html",
        "sme-handbook/en/offprints/sme-handbook-qa.en.pdf",
        "sme-handbook/en/cover.png",
        "sme-handbook/ru/sme-handbook.ru.epub",
        "gender-dialogue/en/gender-dialogue.en.epub",
        "gender-dialogue/en/recommendations.csv",
        "gender-dialogue/en/recommendations.json",
        "gender-dialogue/en/cover.jpg",
        "index.html",
        "ru/index.html",
        "opds.xml",
        "SHA256SUMS",
    ):
        assert (site / relative).is_file(), relative
    assert not (site / "sme-handbook" / "en" / "html" / ".buildinfo").exists()
    assert not (site / "sme-handbook" / "en" / "offprints" / "kz").exists()
    assert not (site / "sme-handbook" / "en" / "source").exists()
    assert not (site / "gender-dialogue" / "ru").exists()  # nothing of it was built


def test_thumbnails_are_400_pixels_wide_pngs_of_the_cover(site: Path) -> None:
    assert png_size((site / "sme-handbook" / "en" / "cover-thumbnail.png").read_bytes()) == (400, 600)
    assert png_size((site / "gender-dialogue" / "en" / "cover-thumbnail.png").read_bytes()) == (400, 600)


def test_sha256sums_lists_every_download_with_its_digest(site: Path) -> None:
    listed = sums(site)
    downloads = {
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in (".epub", ".pdf", ".csv", ".json")
    }
    assert set(listed) == downloads
    for name, digest in listed.items():
        assert sha256(site / name) == digest, name


SHOWN = {"en": ("sme-handbook/en/", "gender-dialogue/en/"), "ru": ("sme-handbook/ru/", "gender-dialogue/en/")}
"""What each landing page lists: each book's edition in the page's language if it was built, else the one built."""


@pytest.mark.parametrize("language", ["en", "ru"])
def test_landing_page_downloads_give_size_and_checksum_of_the_file(site: Path, language: str) -> None:
    page = site / PAGES[language]
    links = list(_DOWNLOAD.finditer(page.read_text(encoding="utf-8")))
    shown = {(site / name).resolve() for name in sums(site) if name.startswith(SHOWN[language])}
    assert {(page.parent / m["href"]).resolve() for m in links} == shown
    for match in links:
        file = (page.parent / match["href"]).resolve()
        assert sha256(file) == match["sha"]
        assert match["text"].endswith(f", {format_size(file.stat().st_size, language)}")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_landing_page_is_self_contained_accessible_html(site: Path, language: str) -> None:
    page = site / PAGES[language]
    text = page.read_text(encoding="utf-8")
    markup = Markup(text)
    assert text.startswith("<!DOCTYPE html>\n")
    assert markup.open == []
    assert ("html", {"lang": language, "dir": "ltr"}) in markup.tags
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in markup.tags
    assert "<script" not in text and "url(" not in text and "@import" not in text
    for tag, url in markup.urls():
        assert tag == "a" or not re.match(r"(https?:)?//", url), f"<{tag}> loads {url}"
    assert {"header", "main", "footer", "nav"} <= {tag for tag, _ in markup.tags}
    assert markup.headings[0] == 1 and markup.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(markup.headings, markup.headings[1:], strict=False))
    for tag, attributes in markup.tags:
        if tag == "img":
            assert attributes.get("alt")
    for tag, url in markup.urls():
        target, _, fragment = url.partition("#")
        if target:
            assert (page.parent / target).is_file(), f"<{tag}> {url}"
        if fragment:  # on this page, or on the other language's
            shown = (page.parent / target).read_text(encoding="utf-8") if target else text
            assert f'id="{fragment}"' in shown, f"<{tag}> {url}"
    other = "ru" if language == "en" else "en"
    assert any(tag == "a" and a.get("hreflang") == other for tag, a in markup.tags)
    assert any(a.get("aria-current") == "page" and a.get("hreflang") == language for _, a in markup.tags)


def test_languages_are_named_in_their_own_language_and_direction(site: Path) -> None:
    text = (site / "ru" / "index.html").read_text(encoding="utf-8")
    for item in (
        '<li lang="en" dir="ltr">English</li>',
        '<li lang="ar" dir="rtl">العربية</li>',
        '<li lang="ru" dir="ltr">Русский</li>',
        '<li lang="zh-Hans" dir="ltr">中文（简体）</li>',
    ):
        assert item in text
    assert '<time datetime="2026-11-27">27 ноября 2026 г.</time>' in text
    english = (site / "index.html").read_text(encoding="utf-8")
    assert '<cite lang="ar" dir="rtl">' in english  # the Qatar offprint's Arabic title
    assert "<strong>Qatar</strong>" in english


def test_each_page_links_the_other_editions_that_were_built(site: Path) -> None:
    english = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="ru/index.html#sme-handbook-title" hreflang="ru">Russian edition</a>' in english
    russian = (site / "ru" / "index.html").read_text(encoding="utf-8")
    assert "Поддержка малых и средних предприятий" in russian  # the Russian edition's own title
    assert '<a href="../index.html#sme-handbook-title" hreflang="en">Издание на языке: английский</a>' in russian
    assert "gender-dialogue-title" in russian and 'hreflang="ru">' not in english.split("gender-dialogue-title")[1]


def test_what_was_not_built_is_said_not_fatal(fake: tuple[Path, list[str]]) -> None:
    site, messages = fake
    assert "Not built yet: HTML edition, PDF, offprints." in (site / "index.html").read_text(encoding="utf-8")
    assert messages == [
        f"{edition}: the {what} not built yet (`make all` builds everything)"
        for edition, missing in (
            ("gender-dialogue (en)", ("HTML edition", "PDF", "offprints")),
            ("gender-dialogue (ru)", ("HTML edition", "EPUB", "PDF", "offprints")),
            ("sme-handbook (ru)", ("HTML edition", "PDF", "offprints")),
        )
        for what in missing
    ]


def test_opds_feed_is_an_acquisition_feed(site: Path) -> None:
    feed = ElementTree.parse(site / "opds.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert (feed.findtext(f"{ATOM}id") or "").startswith("urn:uuid:")
    assert feed.findtext(f"{ATOM}title")
    assert feed.findtext(f"{ATOM}updated") == "2026-01-01T00:00:00Z"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "CICA Think Tank Forum"
    links = {link.get("rel"): link for link in feed.findall(f"{ATOM}link")}
    for rel in ("self", "start"):
        assert links[rel].get("type") == ACQUISITION_FEED
        assert (site / str(links[rel].get("href"))).is_file()
    entries = {e.findtext(f"{ATOM}id"): e for e in feed.findall(f"{ATOM}entry")}
    assert {
        "urn:uuid:bf0c9537-4d0e-5564-b3a8-a2bd7e85efba",
        "urn:uuid:df2aeadd-da2b-56de-ab10-dfe363ffab09",
    } <= set(entries)
    books = {"urn:uuid:bf0c9537-4d0e-5564-b3a8-a2bd7e85efba", "urn:uuid:df2aeadd-da2b-56de-ab10-dfe363ffab09"}
    for ident, entry in entries.items():
        if ident not in books:  # an offprint: one chapter's files
            assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}summary")
            assert types(entry, REL_ACQUISITION)
            for link in entry.findall(f"{ATOM}link"):
                assert (site / str(link.get("href"))).is_file(), link.get("href")
            continue
        assert entry.findtext(f"{ATOM}title")
        assert entry.findtext(f"{ATOM}updated") == "2026-01-01T00:00:00Z"
        assert entry.findtext(f"{ATOM}summary")
        assert entry.findtext(f"{DC}issued") == "2026-11-27"
        assert entry.findtext(f"{DC}language") == "en"
        assert entry.findall(f"{ATOM}category")
        for link in entry.findall(f"{ATOM}link"):
            assert (site / str(link.get("href"))).is_file(), link.get("href")
    sme = entries["urn:uuid:bf0c9537-4d0e-5564-b3a8-a2bd7e85efba"]
    assert types(sme, "http://opds-spec.org/acquisition") == ["application/epub+zip", "application/pdf"]
    assert types(sme, "http://opds-spec.org/image") == ["image/png"]
    assert types(sme, "http://opds-spec.org/image/thumbnail") == ["image/png"]
    assert types(sme, "alternate") == ["text/html"]
    assert {x.text for x in sme.findall(f"{DC}language")} == {"en", "zh-Hans", "ar", "ru", "th"}
    assert "Aizhan Temirbekova" in [x.text for x in sme.findall(f"{ATOM}author/{ATOM}name")]
    gender = entries["urn:uuid:df2aeadd-da2b-56de-ab10-dfe363ffab09"]
    assert types(gender, "http://opds-spec.org/acquisition") == ["application/epub+zip"]
    assert types(gender, "http://opds-spec.org/image") == ["image/jpeg"]


REL_ACQUISITION = "http://opds-spec.org/acquisition"


def types(entry: ElementTree.Element, rel: str) -> list[str | None]:
    return [link.get("type") for link in entry.findall(f"{ATOM}link") if link.get("rel") == rel]


def test_same_builds_give_the_same_site(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = fake_builds(copy_book(tmp_path / "repo"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = build_site(root, tmp_path / "site")
    for name in ("index.html", "ru/index.html", "opds.xml", "sme-handbook/en/cover-thumbnail.png"):
        assert (again / name).read_bytes() == (site / name).read_bytes(), name
    assert (again / "SHA256SUMS").read_bytes() == (site / "SHA256SUMS").read_bytes()


def test_a_new_site_replaces_the_old_one(tmp_path: Path) -> None:
    root = fake_builds(copy_book(tmp_path / "repo"))
    site = build_site(root)
    assert site == root / "_build" / "site"
    (site / "stale.txt").write_text("from an earlier site", encoding="utf-8")
    shutil.rmtree(root / "_build" / "sme-handbook" / "en" / "offprints")
    build_site(root)
    assert not (site / "stale.txt").exists()
    assert not (site / "sme-handbook" / "en" / "offprints").exists()
    assert sorted(p.name for p in site.parent.iterdir()) == ["gender-dialogue", "site", "sme-handbook"]


def test_a_folder_that_is_not_a_site_is_not_replaced(tmp_path: Path) -> None:
    root = fake_builds(copy_book(tmp_path / "repo"))
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SiteError, match="not a site"):
        build_site(root, tmp_path / "public")
    with pytest.raises(SiteError, match="holds a publication's build"):
        build_site(root, root / "_build" / "sme-handbook")
    assert (tmp_path / "public" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_nothing_built_says_to_run_make_all(tmp_path: Path) -> None:
    root = copy_book(tmp_path)
    with pytest.raises(SiteError, match="run `make all` first"):
        build_site(root)
    assert not (root / "_build" / "site").exists()


def test_site_of_the_real_books(built: Path, pdfs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both books as HTML, EPUB and PDF, with an offprint of each, from the session's real builds."""
    root = copy_book(tmp_path / "repo")
    shutil.copytree(built / "_build", root / "_build", ignore=shutil.ignore_patterns(".doctrees", ".staging"))
    for path in (pdfs / "_build").glob("**/*.pdf"):
        if ".staging" not in path.parts:
            target = root / path.relative_to(pdfs)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = build_site(root, tmp_path / "site")
    for publication in ("sme-handbook", "gender-dialogue"):
        edition = site / publication / "en"
        for name in (f"{publication}.en.epub", f"{publication}.en.pdf", "html/index.html", "cover.png"):
            assert (edition / name).is_file(), f"{publication}/en/{name}"
        # The HTML edition's own download links work in the site too.
        index = edition / "html" / "index.html"
        hrefs = re.findall(r'href="([^"]+\.(?:epub|pdf))"', index.read_text(encoding="utf-8"))
        assert hrefs and all((index.parent / href).is_file() for href in hrefs)
        assert png_size((edition / "cover-thumbnail.png").read_bytes()) == (400, 600)
    assert (site / "sme-handbook" / "en" / "offprints" / "sme-handbook-qa.en.pdf").is_file()
    assert (site / "gender-dialogue" / "en" / "offprints" / "gender-dialogue-kg.en.epub").is_file()
    assert (site / "gender-dialogue" / "en" / "recommendations.csv").is_file()
    for name, digest in sums(site).items():
        assert sha256(site / name) == digest
    feed = ElementTree.parse(site / "opds.xml").getroot()
    assert len(feed.findall(f"{ATOM}entry")) == 2 + 2  # the two books, and the two offprints built
    acquired = {str(link.get("href")) for link in feed.iter(f"{ATOM}link") if link.get("rel") == REL_ACQUISITION}
    assert acquired == {name for name in sums(site) if name.endswith((".epub", ".pdf"))}  # every file
    for language, page in PAGES.items():
        text = (site / page).read_text(encoding="utf-8")
        assert {(site / page).parent.joinpath(m["href"]).resolve() for m in _DOWNLOAD.finditer(text)} == {
            (site / name).resolve() for name in sums(site)
        }, language
