"""The EPUB 3 builder: Sphinx's epub3 builder with complete, true package metadata.

Adds every language the book uses, creators and contributors, rights, accessibility metadata
worked out from the written content documents, landmarks, and manifest properties.
"""

from __future__ import annotations

import html
import re
import time
import zipfile
from pathlib import Path
from typing import Any

from sphinx.builders._epub_base import NavPoint as EpubNavPoint
from sphinx.builders.epub3 import Epub3Builder, NavPoint
from sphinx.writers.html5 import HTML5Translator

from ...core.config import BuildOptions, EditionConfig, PublicationConfig
from ...core.labels.book import label

_ZIP_EPOCH = 315532800
"""1980-01-01T00:00:00Z: a ZIP entry cannot be dated earlier."""
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r'\balt="([^"]*)"')


class HandbookEpubTranslator(HTML5Translator):
    """Sphinx's XHTML, with the level ARIA requires of every heading role (contents captions)."""

    def starttag(self, node: Any, tagname: str, suffix: str = "\n", empty: bool = False, **attributes: Any) -> str:
        if attributes.get("ROLE") == "heading":
            attributes.setdefault("ARIA-LEVEL", "2")
        return str(super().starttag(node, tagname, suffix, empty, **attributes))


class HandbookEpubBuilder(Epub3Builder):
    """EPUB 3 that passes EPUBCheck and says truthfully what it contains."""

    name = "handbook-epub"
    default_translator_class = HandbookEpubTranslator
    epilog = "The EPUB is in %(outdir)s."
    template_dir = Path(__file__).resolve().parent / "templates"  # type: ignore[assignment]

    def init(self) -> None:
        super().init()
        # Sphinx's are English constants; the navigation document and landmarks are in the book's language.
        language = str(self.config.language)
        self.guide_titles = {"toc": label(language, "table_of_contents"), "cover": label(language, "cover")}

    def build_epub(self) -> None:
        """The container, reproducibly: the same files give the same bytes.

        Sphinx's builder dates each entry by its file's time; here every entry is dated from the
        source date (at least 1980, the earliest a ZIP can say), with the same permissions, in a
        fixed order: the stored ``mimetype`` first, as EPUB requires.
        """
        stamp = time.gmtime(max(self._source_date(), _ZIP_EPOCH))[:6]
        names = ["mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", *sorted(set(self.files))]
        target = self.outdir / f"{self.config.epub_basename}.epub"
        with zipfile.ZipFile(target, "w") as epub:
            for name in dict.fromkeys(names):
                entry = zipfile.ZipInfo(name, date_time=stamp)
                entry.external_attr = 0o644 << 16
                entry.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
                epub.writestr(entry, (self.outdir / name).read_bytes())

    def _source_date(self) -> int:
        options: BuildOptions = self.config.handbook_build
        return options.source_date_epoch or 0

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        publication: PublicationConfig = self.config.handbook_publication
        edition: EditionConfig = self.config.handbook_edition
        language = self.config.epub_language
        written_in = {document.language for document in edition.documents()}
        languages = [language, *sorted(written_in - {language})]
        images = self._images()
        with_alt = [alt for alt in images if alt.strip()]
        modes = ["textual", "visual"] if images else ["textual"]
        sufficient = (["textual"] if len(with_alt) == len(images) else []) + (["textual,visual"] if images else [])
        features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
        if images and len(with_alt) == len(images):
            features.append("alternativeText")
        metadata.update(
            date=html.escape(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self._source_date()))),
            title=html.escape(publication.title),
            subtitle=html.escape(publication.subtitle or ""),
            languages=[html.escape(x) for x in languages],
            direction=publication.direction,
            contributors=[html.escape(x) for x in edition.contributors()],
            issued=html.escape(publication.date),
            rights=html.escape(self.config.epub_copyright),
            description=html.escape(publication.description),
            subjects=[html.escape(x) for x in publication.keywords],
            edition=html.escape(publication.edition),
            access_modes=modes,
            access_modes_sufficient=sufficient,
            accessibility_features=features,
            accessibility_summary=html.escape(_summary(len(images), len(with_alt), languages, edition, language)),
            properties=self._properties(),
        )
        return metadata

    def navigation_doc_metadata(self, navlist: list[NavPoint]) -> dict[str, Any]:
        metadata = super().navigation_doc_metadata(navlist)
        edition: EditionConfig = self.config.handbook_edition
        first_chapter = next((f"{name}{self.out_suffix}" for name in edition.chapters), None)
        landmarks = [{"type": "toc", "href": "nav.xhtml#toc", "title": html.escape(self.guide_titles["toc"])}]
        if self.config.epub_cover:
            landmarks.insert(
                0, {"type": "cover", "href": self.coverpage_name, "title": html.escape(self.guide_titles["cover"])}
            )
        if first_chapter:
            landmarks.append(
                {
                    "type": "bodymatter",
                    "href": first_chapter,
                    "title": html.escape(label(self.config.language, "start")),
                }
            )
        metadata.update(landmarks=landmarks, landmarks_title=html.escape(label(self.config.language, "landmarks")))
        return metadata

    def toc_metadata(self, level: int, navpoints: list[EpubNavPoint]) -> dict[str, Any]:
        """The EPUB 2 NCX names the book by its identifier, as the package does."""
        metadata = super().toc_metadata(level, navpoints)
        metadata.update(uid=html.escape(self.config.epub_identifier), lang=html.escape(self.config.epub_language))
        return metadata

    def _content_documents(self) -> list[Path]:
        return sorted(Path(self.outdir).rglob(f"*{self.out_suffix}"))

    def _images(self) -> list[str]:
        """The alt text of every image in the content documents ('' where there is none)."""
        alts: list[str] = []
        for document in self._content_documents():
            for tag in _IMG.findall(document.read_text(encoding="utf-8")):
                found = _ALT.search(tag)
                alts.append(html.unescape(found.group(1)) if found else "")
        return alts

    def _properties(self) -> dict[str, str]:
        """Manifest item properties: the cover image, and documents with inline SVG or MathML."""
        properties: dict[str, str] = {}
        if self.config.epub_cover:
            properties[self.make_id(self.config.epub_cover[0])] = "cover-image"
        for document in self._content_documents():
            text = document.read_text(encoding="utf-8")
            found = [name for name, tag in (("svg", "<svg"), ("mathml", "<math")) if tag in text]
            if found:
                relative = document.relative_to(self.outdir).as_posix()
                properties[self.make_id(relative)] = " ".join(found)
        return properties


def _summary(images: int, with_alt: int, languages: list[str], edition: EditionConfig, language: str) -> str:
    """The accessibility summary, in the book's language."""
    parts = [label(language, "a11y_summary")]
    if images:
        some = label(language, "a11y_some_alt").format(with_alt=with_alt, images=images)
        parts.append(label(language, "a11y_all_alt") if images == with_alt else some)
    if len(languages) > 1:
        parts.append(label(language, "a11y_languages").format(languages=", ".join(languages)))
    if any(chapter.direction == "rtl" for chapter in edition.chapters.values()):
        parts.append(label(language, "a11y_rtl"))
    parts.append(label(language, "a11y_hazards"))
    return " ".join(parts)
