"""A publication as a Sphinx project: its source tree, generated pages and configuration.

The tree mirrors the repository where it can (``chapters/sme/kz.md`` stays ``chapters/sme/kz.md``),
so that Sphinx's messages map straight back to the contributor's file and line. Files are only
rewritten when their bytes change, so an unchanged chapter is not read again by Sphinx.
"""

from __future__ import annotations

import pprint
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core import registry
from ..core.cldr import language_name
from ..core.files import write_if_changed
from ..core.labels.book import label
from ..core.labels.theme import theme_label
from ..core.model import Chapter, PublicationSpec
from ..sources import publications, recommendations
from ..sources.myst import MYST_EXTENSIONS, escape
from .annex import CountryIndicators, annex_page
from .backmatter import contributors_page, digest_page
from .extras import Extras
from .locales import LOCALES, sphinx_catalogue
from .notes import original_language_note

PACKAGE = Path(__file__).resolve().parents[1]
LICENCES = {
    "CC-BY-4.0": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "CC-BY-SA-4.0": "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)",
    "CC-BY-NC-4.0": "Creative Commons Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)",
    "CC-BY-NC-SA-4.0": "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International (CC BY-NC-SA 4.0)",
    "CC-BY-ND-4.0": "Creative Commons Attribution-NoDerivatives 4.0 International (CC BY-ND 4.0)",
    "CC-BY-NC-ND-4.0": "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International (CC BY-NC-ND 4.0)",
    "CC0-1.0": "CC0 1.0 Universal (public domain dedication)",
}
FRONT, BACK = "front", "back"


@dataclass
class Assembly:
    """A publication's Sphinx source tree and where its documents came from."""

    srcdir: Path
    origins: dict[str, Path] = field(default_factory=dict)
    """Source file (relative to srcdir, posix) to the repository file it was copied from."""
    chapter_docnames: list[str] = field(default_factory=list)


def chapter_context(chapter: Chapter, book_language: str = "en") -> dict[str, Any]:
    """What the Sphinx extension needs to know of a chapter (key facts, language, direction).

    The key facts box is in the book's language: the country's and the indicators' names too.
    """
    meta = chapter.meta or {}
    language = str(meta.get("language", "en"))
    state = registry.member(chapter.location.country)
    catalogue = registry.indicators()
    indicators = [
        {**item, "label": catalogue[item["id"]].label(book_language)}
        for item in meta.get("indicators") or []
        if isinstance(item, dict) and item.get("id") in catalogue
    ]
    return {
        "kind": chapter.location.publication.value,
        "country": chapter.location.country,
        "country_name": state.name(book_language) if state else chapter.location.country,
        "language": language,
        "direction": registry.direction_of(language),
        "title": meta.get("title", ""),
        "institution": meta.get("institution") or {},
        "authors": meta.get("authors") or [],
        "data_year": meta.get("data_year"),
        "currency": meta.get("currency"),
        "indicators": indicators,
        "status": meta.get("status"),
    }


def assemble(
    root: Path, spec: PublicationSpec, chapters: list[Chapter], srcdir: Path, extras: Extras | None = None
) -> Assembly:
    """Write (or update) the Sphinx project for ``spec`` with ``chapters`` into ``srcdir``."""
    extras = extras or Extras()
    assembly = Assembly(srcdir)
    written: set[Path] = set()

    def put(relative: str, data: bytes, origin: Path | None = None) -> None:
        target = srcdir / relative
        write_if_changed(target, data)
        written.add(target)
        if origin is not None:
            assembly.origins[relative] = origin

    def copy(relative: str, origin: Path) -> None:
        target = srcdir / relative
        if not target.is_file() or target.read_bytes() != origin.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, target)
        written.add(target)
        assembly.origins[relative] = origin

    pages: dict[str, dict[str, Any]] = {}

    def page(folder: str, name: str) -> str:
        """Copy a front or back matter page in the edition's language (else the original, noted)."""
        origin, translated = publications.page_for(spec, name)
        copy(f"{folder}/{name}", origin)
        docname = f"{folder}/{Path(name).stem}"
        if not translated:
            written_in = spec.source_language or spec.language
            pages[docname] = {
                "kind": "page",
                "language": written_in,
                "direction": registry.direction_of(written_in),
                "notes": [original_language_note(spec.language, written_in)],
            }
        return docname

    front = [page(FRONT, name) for name in spec.front_matter]
    contexts: dict[str, dict[str, Any]] = {}
    for chapter in chapters:
        docname = chapter.docname
        copy(f"{docname}.md", chapter.location.path)
        media = chapter.location.media_dir
        if media.is_dir():
            for item in sorted(p for p in media.rglob("*") if p.is_file()):
                copy(
                    f"chapters/{chapter.location.publication.value}/{media.name}/{item.relative_to(media).as_posix()}",
                    item,
                )
        contexts[docname] = chapter_context(chapter, spec.language)
        contexts[docname]["notes"] = extras.notes.get(docname, [])
        if docname in extras.history:
            contexts[docname]["history"] = extras.history[docname]
        assembly.chapter_docnames.append(docname)
    back = []
    if extras.whats_new is not None:
        put(f"{BACK}/whats-new.md", extras.whats_new.encode())
        back.append(f"{BACK}/whats-new")
    for name in spec.back_matter:
        if name == "annex":
            figures = srcdir / BACK / "annex"
            text = annex_page(_annex_input(chapters, spec.language), figures, "annex", spec.language)
            written.update(p for p in figures.glob("*.svg"))
            put(f"{BACK}/annex.md", text.encode())
        elif name == "digest":
            items = [r for c in chapters for r in recommendations.from_chapter(c, c.docname)]
            put(f"{BACK}/digest.md", digest_page(items, spec.language, int(spec.date[:4])).encode())
        elif name == "contributors":
            pairs = [(c.docname, c.meta or {}) for c in chapters]
            page_text = contributors_page(pairs, spec.language, extras.history)
            put(f"{BACK}/contributors.md", page_text.encode())
        else:
            page(BACK, name)
        back.append(f"{BACK}/{Path(name).stem}")
    cover = _cover(spec)
    put("_static/cover.png", cover)
    put("_static/handbook.css", (PACKAGE / "templates" / "html" / "handbook.css").read_bytes())
    put("index.md", _index(spec, front, assembly.chapter_docnames, back).encode())
    theme_catalogue = sphinx_catalogue(spec.language)
    if theme_catalogue is not None:
        put(f"{LOCALES}/{spec.language}/LC_MESSAGES/sphinx.mo", theme_catalogue)
    put("conf.py", _conf(spec, contexts, pages, extras).encode())
    put("docutils.conf", DOCUTILS_CONF.encode())
    _remove_stale(srcdir, written)
    return assembly


def _annex_input(chapters: list[Chapter], language: str) -> list[CountryIndicators]:
    """Each chapter's indicators for the annex, its country named in the book's language."""
    entries = []
    for chapter in chapters:
        state = registry.member(chapter.location.country)
        items = (chapter.meta or {}).get("indicators") or []
        entries.append(
            CountryIndicators(
                country=chapter.location.country,
                name=state.name(language) if state else chapter.location.country,
                chapter_label=f"{chapter.location.country.lower()}-key-messages",
                indicators=tuple(i for i in items if isinstance(i, dict)),
            )
        )
    return entries


def _cover(spec: PublicationSpec) -> bytes:
    if spec.cover:
        return (spec.folder / spec.cover).read_bytes()
    from .cover import render_cover

    return render_cover(
        spec.title,
        spec.subtitle,
        spec.edition,
        spec.publisher,
        spec.source.value,
        title_language=spec.title_language or spec.language,
        language=spec.language,
    )


def _index(spec: PublicationSpec, front: list[str], chapters: list[str], back: list[str]) -> str:
    """The root document: the title page, and the book's three tables of contents."""
    lines = [f"# {escape(spec.title)}", ""]
    if spec.subtitle:
        lines += [f"**{escape(spec.subtitle)}**", ""]
    lines += [f"{escape(spec.edition)} · {escape(spec.publisher)} · {spec.date}", ""]
    if spec.description:
        lines += [escape(spec.description), ""]
    for caption, entries, numbered in (
        (label(spec.language, "front_matter"), front, False),
        (label(spec.language, "chapters"), chapters, True),
        (label(spec.language, "back_matter"), back, False),
    ):
        if not entries:
            continue
        lines += ["```{toctree}", f":caption: {caption}", ":maxdepth: 1"]
        if numbered:
            lines.append(":numbered: 1")
        lines += ["", *entries, "```", ""]
    return "\n".join(lines)


def _conf(
    spec: PublicationSpec, chapters: dict[str, dict[str, Any]], pages: dict[str, dict[str, Any]], extras: Extras
) -> str:
    """conf.py for the publication: every value spelled out, nothing read at build time."""
    year = spec.date[:4]
    values: dict[str, Any] = {
        "project": spec.title,
        "author": spec.publisher,
        "copyright": f"{year}, {spec.publisher}. {spec.license}",
        "version": spec.edition,
        "release": spec.edition,
        "language": spec.language,
        "locale_dirs": [LOCALES],
        "extensions": ["myst_parser", "handbook"],
        "root_doc": "index",
        "exclude_patterns": [],
        "templates_path": [str(PACKAGE / "templates" / "html")],
        "smartquotes": False,
        "numfig": True,
        "myst_enable_extensions": list(MYST_EXTENSIONS),
        "myst_title_to_header": True,
        "html_theme": "sphinx_book_theme",
        "html_title": spec.title,
        "html_static_path": ["_static"],
        "html_css_files": ["handbook.css"],
        "html_context": {"default_mode": "auto"},
        "html_copy_source": False,
        "html_show_sourcelink": False,
        "html_last_updated_fmt": None,
        "html_theme_options": {
            "home_page_in_toc": True,
            "show_toc_level": 2,
            "use_download_button": False,
            "use_fullscreen_button": False,
            "search_bar_text": theme_label(spec.language, "search_placeholder"),
        },
        "html_sidebars": {
            "**": ["navbar-logo.html", "search-button-field.html", "sbt-sidebar-nav.html", "downloads.html"]
        },
        "epub_theme": "handbook_epub",
        "epub_basename": spec.stem,
        "epub_title": spec.title,
        "epub_author": spec.publisher,
        "epub_publisher": spec.publisher,
        "epub_copyright": f"© {year} {spec.publisher}. Licensed under {spec.license}.",
        "epub_identifier": spec.identifier,
        "epub_scheme": "URN",
        "epub_uid": "book-id",
        "epub_language": spec.language,
        "epub_description": spec.description,
        "epub_cover": ("_static/cover.png", "epub-cover.html"),
        "epub_show_urls": "no",
        "epub_use_index": False,
        "epub_tocdepth": 2,
        "epub_writing_mode": "horizontal",
        "epub_exclude_files": ["_static/handbook.css"],
        "handbook_publication": {
            "id": spec.id,
            "kind": spec.source.value,
            "title": spec.title,
            "subtitle": spec.subtitle,
            "edition": spec.edition,
            "date": spec.date,
            "description": spec.description,
            "keywords": list(spec.keywords),
            "direction": registry.direction_of(spec.language),
            "title_language": spec.title_language or spec.language,
        },
        "handbook_chapters": chapters,
        "handbook_pages": pages,
        "handbook_external_labels": extras.external,
        "handbook_pdf": {
            "basename": spec.stem,
            "paper": spec.paper,
            "license": LICENCES.get(spec.license, spec.license),
            "notice": label(spec.language, "imprint_notice"),
        },
        "handbook_downloads": [
            {"text": label(spec.language, "epub"), "href": f"../{spec.stem}.epub"},
            {"text": label(spec.language, "pdf"), "href": f"../{spec.stem}.pdf"},
            {"text": label(spec.language, "status"), "href": "status.html"},
            # The other editions sit beside this one: _build/<id>/<lang>/html/, and so in the site.
            *(
                {"text": language_name(other), "href": f"../../{other}/html/index.html", "lang": other}
                for other in extras.other_editions
            ),
        ],
    }
    body = "\n".join(f"{name} = {pprint.pformat(value, width=110, sort_dicts=True)}" for name, value in values.items())
    return f"# Generated by `handbook build` for {spec.id}; edit book/{spec.id}/publication.yml instead.\n\n{body}\n"


DOCUTILS_CONF = """\
# Written by `handbook build`. Chapters are untrusted: even if one got past validation, docutils
# passes no raw HTML or LaTeX and reads no other file (raw, include, csv-table :file:...).
[general]
raw_enabled: false
file_insertion_enabled: false
"""


def _remove_stale(srcdir: Path, written: set[Path]) -> None:
    """Delete files a previous assembly wrote that this one did not (a chapter withdrawn)."""
    for path in sorted(srcdir.rglob("*"), reverse=True):
        if path.is_file() and path not in written:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
