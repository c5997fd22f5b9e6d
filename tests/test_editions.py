"""Language editions: one repository, an English and a Russian edition of each book, translations tracked.

The editions are built for real (Sphinx, EPUBCheck inside the build, Typst); the out-of-date note
is checked in a real temporary git repository.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import git
import pypdf
import pytest
from babel.messages.pofile import read_po

from conftest import REPO, copy_book
from handbook.core import registry
from handbook.core.model import Chapter
from handbook.pipeline import build
from handbook.sources import publications
from handbook.validate.gate import load_publication
from handbook.validate.runner import validate

GENDER = "gender-dialogue"
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
RUSSIAN_CATALOGUE = REPO / "build_tools" / "handbook" / "locale" / "ru" / "LC_MESSAGES" / "handbook.po"


def chosen(publication: str, edition: str) -> list[str]:
    """The chapter files an edition of the repository's book takes, in book order."""
    spec = publications.edition_spec(load_publication(REPO, publication), edition)
    chapters: list[Chapter] = validate(REPO, base=REPO).chapters
    return [c.location.path.name for c in publications.select_chapters(spec, chapters)]


# -- which text each edition takes ----------------------------------------------------------------


def test_each_edition_takes_the_chapter_in_its_language_else_the_original() -> None:
    # Egypt (Arabic original), Kazakhstan (English, translated into Russian), Kyrgyzstan (Russian,
    # translated into English); the Russian edition is in the order of the Russian names.
    assert chosen(GENDER, "en") == ["eg.md", "kz.md", "kg.en.md"]
    assert chosen(GENDER, "ru") == ["eg.md", "kz.ru.md", "kg.md"]
    assert chosen("sme-handbook", "ru") == ["kz.md", "qa.md", "cn.md", "ru.md", "th.md"]


def test_an_edition_has_its_own_title_and_identifier() -> None:
    definition = load_publication(REPO, GENDER)
    english, russian = (publications.edition_spec(definition, tag) for tag in ("en", "ru"))
    assert english.identifier == definition.identifier and english.title == definition.title
    assert russian.title.startswith("Ускорение") and russian.title_language == "ru"
    assert russian.identifier != english.identifier
    assert russian.identifier == publications.derived_identifier(definition.identifier, "ru")  # the same every build
    assert (english.stem, russian.stem) == ("gender-dialogue.en", "gender-dialogue.ru")
    with pytest.raises(ValueError, match="no 'fr' edition"):
        publications.edition_spec(definition, "fr")


def test_a_translation_the_book_does_not_take_leaves_the_original(tmp_path: Path) -> None:
    root = copy_book(tmp_path)
    translation = root / "chapters" / "gender" / "kz.ru.md"
    translation.write_text(translation.read_text(encoding="utf-8").replace("status: draft", "status: withdrawn"))
    spec = publications.edition_spec(load_publication(root, GENDER), "ru")
    names = [c.location.path.name for c in publications.select_chapters(spec, validate(root, base=root).chapters)]
    assert names == ["eg.md", "kz.md", "kg.md"]


# -- the Russian editions, built -------------------------------------------------------------------


def test_the_russian_edition_is_built_in_every_format_under_its_own_names(russian: Path) -> None:
    out = russian / "_build" / GENDER / "ru"
    assert (out / "gender-dialogue.ru.epub").is_file() and (out / "gender-dialogue.ru.pdf").is_file()
    page = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ru"' in page
    assert "Ускорение достижения гендерного равенства" in page
    assert (russian / "_build" / "sme-handbook" / "ru" / "sme-handbook.ru.epub").is_file()
    # Every page links the English edition, named in English, where the site and _build/ keep it.
    assert '../../en/html/index.html" hreflang="en" lang="en">English</a>' in page


def test_the_english_edition_links_the_russian_one(built: Path) -> None:
    page = (built / "_build" / GENDER / "en" / "html" / "index.html").read_text(encoding="utf-8")
    assert '../../ru/html/index.html" hreflang="ru" lang="ru">Русский</a>' in page
    offprint = built / "_build" / GENDER / "en" / "offprints" / "gender-dialogue-kg.en-html" / "index.html"
    assert "/ru/html/" not in offprint.read_text(encoding="utf-8")  # an offprint links no other book


def test_the_russian_epub_says_it_is_russian(russian: Path) -> None:
    with zipfile.ZipFile(russian / "_build" / GENDER / "ru" / "gender-dialogue.ru.epub") as archive:
        package = archive.read("content.opf").decode("utf-8")
    languages = re.findall(r"<dc:language>(.*?)</dc:language>", package)
    assert languages[0] == "ru" and "ar" in languages  # the Egyptian paper stays in Arabic
    assert "Ускорение достижения гендерного равенства" in package
    assert publications.derived_identifier(load_publication(REPO, GENDER).identifier, "ru") in package


def test_the_start_landmark_is_the_first_chapter_in_reading_order(russian: Path) -> None:
    with zipfile.ZipFile(russian / "_build" / "sme-handbook" / "ru" / "sme-handbook.ru.epub") as archive:
        package = archive.read("content.opf").decode("utf-8")
        navigation = archive.read("nav.xhtml").decode("utf-8")
    items = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', package))
    spine = [items[idref] for idref in re.findall(r'<itemref idref="([^"]+)"', package)]
    chapters = [href for href in spine if href.startswith("chapters/")]
    start = re.search(r'epub:type="bodymatter" href="([^"]+)"', navigation)
    assert start is not None and chapters
    # The Kazakh chapter comes first in the Russian edition, though 'cn' sorts before 'kz'.
    assert start.group(1) == chapters[0] == "chapters/sme/kz.xhtml"


def test_chapters_say_in_the_editions_language_what_they_are(russian: Path) -> None:
    pages = russian / "_build" / GENDER / "ru" / "html" / "chapters" / "gender"
    egypt = pages.joinpath("eg.html").read_text(encoding="utf-8")
    assert "Глава публикуется на языке оригинала (арабский)" in egypt
    kazakhstan = pages.joinpath("kz.ru.html").read_text(encoding="utf-8")
    assert "Перевод; язык оригинала: английский." in kazakhstan
    assert "Перевод может быть устаревшим" not in kazakhstan  # the sample translation is current
    kyrgyzstan = pages.joinpath("kg.html").read_text(encoding="utf-8")
    assert "edition-note" not in kyrgyzstan  # a Russian original in the Russian edition needs no note
    assert "Адресат" in kyrgyzstan  # its recommendation boxes are labelled in Russian


def test_the_english_edition_notes_the_translation_from_russian(built: Path) -> None:
    page = built / "_build" / GENDER / "en" / "html" / "chapters" / "gender" / "kg.en.html"
    text = page.read_text(encoding="utf-8")
    assert "Translated from the original in Russian." in text
    egypt = (page.parent / "eg.html").read_text(encoding="utf-8")
    assert "This chapter is published in its original language, Arabic" in egypt


# -- no English left in the Russian edition's interface ---------------------------------------------


class _VisibleText(HTMLParser):
    """Text a reader sees or hears: content outside script and style, and labels in attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        self.parts += [value or "" for name, value in attrs if name in ("alt", "title", "aria-label", "placeholder")]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible(markup: str) -> str:
    parser = _VisibleText()
    parser.feed(markup)
    return " ".join(parser.parts)


def allowed_words(root: Path) -> set[str]:
    """Latin-script words the Russian edition of the gender papers may show: those of its sources.

    The chapters it takes (the Egyptian paper is in Arabic, but names institutions and authors in
    Latin script), its Russian front matter, the Russian catalogue, the contributor registry, and
    the licence and identifier.
    """
    spec = publications.edition_spec(load_publication(root, GENDER), "ru")
    texts = [
        c.location.path.read_text(encoding="utf-8") for c in publications.select_chapters(spec, validate(root).chapters)
    ]
    texts += [p.read_text(encoding="utf-8") for p in (root / "book" / GENDER).glob("*.ru.md")]
    with RUSSIAN_CATALOGUE.open("rb") as stream:
        texts += [str(m.string) for m in read_po(stream) if m.id]
    texts += [p.read_text(encoding="utf-8") for p in (root / "contrib").glob("*.yml")]  # editors' names
    texts += [spec.publisher, spec.license, spec.identifier, "Creative Commons Attribution 4.0 International"]
    texts += ["Ctrl", "JavaScript"]  # a key's name, and Sphinx's Russian for its search page
    texts += ["English"]  # the link to the English edition, named in English
    return {word for text in texts for word in LATIN_WORD.findall(text)}


def english_left(text: str, allowed: set[str]) -> set[str]:
    return {word for word in LATIN_WORD.findall(text) if word not in allowed}


def test_the_russian_html_has_no_english_interface_text(russian: Path) -> None:
    allowed = allowed_words(russian)
    html = russian / "_build" / GENDER / "ru" / "html"
    pages = [page for page in sorted(html.rglob("*.html")) if "_static" not in page.parts]
    assert len(pages) > 8 and html / "status.html" in pages
    # The editors' board names files, countries and languages by their codes: KZ, en, chapters/gender/kz.md.
    allowed |= {state.code for state in registry.members()} | {tag for s in registry.members() for tag in _tags(s)}
    for page in pages:
        text = re.sub(r"[\w/.-]+\.md\b", " ", visible(page.read_text(encoding="utf-8")))
        assert not english_left(text, allowed), page


def _tags(state: registry.State) -> set[str]:
    return {part for language in state.languages for part in language.tag.split("-")}


def test_the_russian_epub_has_no_english_interface_text(russian: Path) -> None:
    allowed = allowed_words(russian)
    with zipfile.ZipFile(russian / "_build" / GENDER / "ru" / "gender-dialogue.ru.epub") as archive:
        for name in archive.namelist():
            if name.endswith((".xhtml", ".html")):
                assert not english_left(visible(archive.read(name).decode("utf-8")), allowed), name


def test_the_russian_pdf_has_no_english_interface_text(russian: Path) -> None:
    reader = pypdf.PdfReader(russian / "_build" / GENDER / "ru" / "gender-dialogue.ru.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    joined = re.sub(r"(?<=[a-z])[-\u00ad]\s*\n\s*(?=[a-z])", "", text)  # words hyphenated at a line end
    assert "Рекомендации: обзор" in joined and "Содержание" in joined
    assert not english_left(joined, allowed_words(russian))


def test_the_check_finds_english_labels(russian: Path) -> None:
    """The check above can fail: the English edition's own labels are not allowed in the Russian one."""
    allowed = allowed_words(russian)
    assert {"Recommendations", "glance"} <= english_left("Recommendations at a glance", allowed)
    assert not english_left("Рекомендации: обзор", allowed)


# -- a translation falls behind its original -------------------------------------------------------


def _commit(repo: git.Repo, message: str, day: str) -> str:
    repo.git.add("--all")
    when = f"{day}T09:00:00+0000"
    actor = git.Actor("Editor", "editors@example.org")
    return repo.index.commit(message, author=actor, committer=actor, author_date=when, commit_date=when).hexsha


def test_the_out_of_date_note_appears_when_the_original_changes(tmp_path: Path) -> None:
    root = copy_book(tmp_path)
    repo = git.Repo.init(root, initial_branch="main")
    first = _commit(repo, "The papers", "2026-03-02")
    translation = root / "chapters" / "gender" / "kz.ru.md"
    text = translation.read_text(encoding="utf-8")
    translation.write_text(re.sub(r'commit: "?[0-9a-f]+"?', f'commit: "{first}"', text), encoding="utf-8")
    _commit(repo, "The Russian translation follows the original of 2 March", "2026-03-03")
    page = root / "_build" / GENDER / "ru" / "html" / "chapters" / "gender" / "kz.ru.html"

    build(root, GENDER, ("html",), edition="ru")
    assert "Перевод может быть устаревшим" not in page.read_text(encoding="utf-8")

    original = root / "chapters" / "gender" / "kz.md"
    original.write_text(original.read_text(encoding="utf-8") + "\nA paragraph added to the original.\n", "utf-8")
    _commit(repo, "Kazakhstan: a new paragraph", "2026-04-15")
    build(root, GENDER, ("html",), edition="ru")
    text = page.read_text(encoding="utf-8")
    assert "Перевод может быть устаревшим" in text
    assert "(последующих редакций: 1, последняя — 15 апреля 2026 г.)." in text


def test_editions_built_one_after_the_other_keep_their_own_language(tmp_path: Path) -> None:
    """Sphinx keeps message catalogues per process; an English edition after a Russian one stays English."""
    root = copy_book(tmp_path)
    build(root, GENDER, ("html",), edition="ru")
    build(root, GENDER, ("html", "epub"), edition="en", check=False)
    out = root / "_build" / GENDER / "en"
    page = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert "Поиск" not in page and "Search" in page
    for log in ("sphinx-html.log", "sphinx-handbook-epub.log"):  # the formats use what was read, as it was read
        assert "updating environment: 0 added, 0 changed" in (out / log).read_text(encoding="utf-8"), log


def test_an_unknown_edition_is_a_usage_error_naming_the_editions() -> None:
    handbook = str(Path(sys.executable).parent / "handbook")
    done = subprocess.run([handbook, "build", GENDER, "--edition", "fr"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 2
    assert "gender-dialogue has no 'fr' edition (editions: en, ru)" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_english_chapter_in_the_russian_handbook_has_its_key_facts_in_russian(russian: Path) -> None:
    with zipfile.ZipFile(russian / "_build" / "sme-handbook" / "ru" / "sme-handbook.ru.epub") as archive:
        chapter = visible(archive.read("chapters/sme/kz.xhtml").decode("utf-8"))
        annex = visible(archive.read("back/annex.xhtml").decode("utf-8"))
    facts = " ".join(chapter.split())
    assert "Глава публикуется на языке оригинала (английский)" in facts
    assert "Страна Казахстан" in facts and "Доля МСП в ВВП 36,5 % †" in facts  # the box is the book's
    assert "Note" in facts and "Примечание" not in facts  # the chapter's own boxes stay in its language
    assert "Казахстан 99,7 % † 2023" in " ".join(annex.split())  # the annex names countries in Russian
