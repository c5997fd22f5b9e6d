"""A publication as a Sphinx project: its source tree, generated pages and configuration.

The tree mirrors the repository where it can (``chapters/sme/kz.md`` stays ``chapters/sme/kz.md``),
so that Sphinx's messages map straight back to the contributor's file and line. Files are only
rewritten when their bytes change, so an unchanged chapter is not read again by Sphinx.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..core import registry
from ..core.config import DocumentConfig
from ..core.files import write_if_changed
from ..core.labels.book import label
from ..core.model import Chapter, PublicationSpec
from ..sources import publications, recommendations
from ..sources.myst import escape
from .annex import CountryIndicators, annex_page
from .backmatter import contributors_page, digest_page
from .documents import chapter_config, page_config
from .extras import Extras
from .locales import LOCALES, sphinx_catalogue
from .settings import DOCUTILS_CONF, conf_py, edition_config, publication_config

FRONT, BACK = "front", "back"


@dataclass
class Assembly:
    """A publication's Sphinx source tree and where its documents came from."""

    srcdir: Path
    origins: dict[str, Path] = field(default_factory=dict)
    """Source file (relative to srcdir, posix) to the repository file it was copied from."""
    chapter_docnames: list[str] = field(default_factory=list)


def assemble(
    root: Path, spec: PublicationSpec, chapters: list[Chapter], srcdir: Path, extras: Extras | None = None
) -> Assembly:
    """Write (or update) the Sphinx project for ``spec`` with ``chapters`` into ``srcdir``."""
    extras = extras or Extras()
    tree = _Tree(srcdir, spec)
    front = [tree.page(FRONT, name) for name in spec.front_matter]
    documents = {chapter.docname: tree.chapter(chapter, extras) for chapter in chapters}
    back = tree.back_matter(chapters, extras)
    tree.put("_static/cover.png", _cover(spec))
    tree.put("index.md", _index(spec, front, list(documents), back).encode())
    theme_catalogue = sphinx_catalogue(spec.language)
    if theme_catalogue is not None:
        tree.put(f"{LOCALES}/{spec.language}/LC_MESSAGES/sphinx.mo", theme_catalogue)
    edition = edition_config(
        spec, documents, tree.pages, extras.external, extras.other_editions, status_board=extras.status_board
    )
    tree.put("conf.py", conf_py(spec, publication_config(spec), edition).encode())
    tree.put("docutils.conf", DOCUTILS_CONF.encode())
    tree.remove_stale()
    return tree.assembly


class _Tree:
    """The project's source tree as it is written: what was written, and where each file came from."""

    def __init__(self, srcdir: Path, spec: PublicationSpec) -> None:
        self.assembly = Assembly(srcdir)
        self.spec = spec
        self.written: set[Path] = set()
        self.pages: dict[str, DocumentConfig] = {}
        """The front and back matter pages left in another language than the edition's."""

    def put(self, relative: str, data: bytes) -> None:
        """A file made by the pipeline."""
        target = self.assembly.srcdir / relative
        write_if_changed(target, data)
        self.written.add(target)

    def copy(self, relative: str, origin: Path) -> None:
        """A file of the repository, copied unless the copy is current."""
        target = self.assembly.srcdir / relative
        if not target.is_file() or target.read_bytes() != origin.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, target)
        self.written.add(target)
        self.assembly.origins[relative] = origin

    def page(self, folder: str, name: str) -> str:
        """Copy a front or back matter page in the edition's language (else the original, noted); its docname."""
        origin, translated = publications.page_for(self.spec, name)
        self.copy(f"{folder}/{name}", origin)
        docname = f"{folder}/{Path(name).stem}"
        if not translated:
            self.pages[docname] = page_config(self.spec.source_language or self.spec.language, self.spec.language)
        return docname

    def chapter(self, chapter: Chapter, extras: Extras) -> DocumentConfig:
        """Copy a chapter and the files of its folder; what the extension is told of it."""
        docname = chapter.docname
        self.copy(f"{docname}.md", chapter.location.path)
        media = chapter.location.media_dir
        if media.is_dir():
            folder = f"chapters/{chapter.location.publication.value}/{media.name}"
            for item in sorted(p for p in media.rglob("*") if p.is_file()):
                self.copy(f"{folder}/{item.relative_to(media).as_posix()}", item)
        self.assembly.chapter_docnames.append(docname)
        notes = extras.notes.get(docname, [])
        return chapter_config(chapter, self.spec.language, notes, extras.history.get(docname))

    def back_matter(self, chapters: list[Chapter], extras: Extras) -> list[str]:
        """The back matter pages, generated or copied, in order; their docnames."""
        spec, back = self.spec, []
        if extras.whats_new is not None:
            self.put(f"{BACK}/whats-new.md", extras.whats_new.encode())
            back.append(f"{BACK}/whats-new")
        for name in spec.back_matter:
            if name == "annex":
                figures = self.assembly.srcdir / BACK / "annex"
                text = annex_page(_annex_input(chapters, spec.language), figures, "annex", spec.language)
                self.written.update(figures.glob("*.svg"))
                self.put(f"{BACK}/annex.md", text.encode())
            elif name == "digest":
                items = [r for c in chapters for r in recommendations.from_chapter(c, c.docname)]
                self.put(f"{BACK}/digest.md", digest_page(items, spec.language, int(spec.date[:4])).encode())
            elif name == "contributors":
                pairs = [(c.docname, c.meta or {}) for c in chapters]
                self.put(f"{BACK}/contributors.md", contributors_page(pairs, spec.language, extras.history).encode())
            else:
                self.page(BACK, name)
            back.append(f"{BACK}/{Path(name).stem}")
        return back

    def remove_stale(self) -> None:
        """Delete files a previous assembly wrote that this one did not (a chapter withdrawn)."""
        for path in sorted(self.assembly.srcdir.rglob("*"), reverse=True):
            if path.is_file() and path not in self.written:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


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
