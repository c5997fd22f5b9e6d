"""Sphinx event handlers: chapters in their own language and direction, key facts, page context."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder

from ..core import registry
from ..core.config import DocumentConfig, EditionConfig, Note, PublicationConfig
from ..core.labels import admonitions
from ..core.labels.book import label
from . import keyfacts
from .nodes import foreign, language_block

EPUB_HTML_TAG = '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"{attributes}>'


def chapter_data(app: Sphinx, docname: str) -> DocumentConfig | None:
    """What the pipeline knows of the chapter behind ``docname`` (or of a page in another language), else None."""
    edition: EditionConfig = app.config.handbook_edition
    return edition.document(docname)


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Open each country chapter with its key facts and put its content in its own language.

    Single-file builders (the PDF) resolve the merged book at once: each included document is
    then found under its ``start_of_file`` node.
    """
    from sphinx import addnodes

    included: list[tuple[str, nodes.Element]] = [(n["docname"], n) for n in doctree.findall(addnodes.start_of_file)]
    for name, tree in included or [(docname, doctree)]:
        chapter = chapter_data(app, name)
        if chapter is not None:
            _open_chapter(app, tree, chapter)


def _open_chapter(app: Sphinx, tree: nodes.Element, chapter: DocumentConfig) -> None:
    """Notes, key facts and abstract under the title; the whole in the chapter's language.

    Front and back matter pages in another language than the edition's (an untranslated
    foreword) come here too, with ``kind`` "page": they get their notes and their language.
    """
    section = next(iter(tree.findall(nodes.section)), None)
    if section is None:
        return
    title_index = next((i for i, child in enumerate(section.children) if isinstance(child, nodes.title)), -1)
    opening: list[nodes.Node] = [_edition_note(note, app.config.language) for note in chapter.notes]
    if chapter.kind == "sme":
        opening.append(keyfacts.build(chapter, app.config.language))
    opening.extend(_abstracts(tree, chapter, app.config.language))
    for offset, node in enumerate(opening, start=1):
        section.insert(title_index + offset, node)
    _label_admonitions(section, chapter.language, app.config.language)
    block = language_block(lang=chapter.language, dir=chapter.direction)
    parent = section.parent
    index = parent.index(section)
    parent.remove(section)
    block += section
    parent.insert(index, block)


def _edition_note(note: Note, language: str) -> nodes.Element:
    """A note of the edition on a chapter (original language, translation out of date), in the edition's language."""
    box = nodes.admonition(
        "",
        nodes.title(note.title, note.title),
        nodes.paragraph(note.text, note.text),
        classes=["edition-note", note.kind],
    )
    block = language_block(lang=language, dir=registry.direction_of(language), classes=["edition-language"])
    block += box
    return block


def _abstracts(doctree: nodes.Element, chapter: DocumentConfig, book_language: str) -> list[nodes.Node]:
    """The abstract docutils made from the front matter, moved under the title in the chapter's language."""
    found = [t for t in doctree.findall(nodes.topic) if "abstract" in t["classes"]]
    for topic in found:
        topic.parent.remove(topic)
        title = next(iter(topic.findall(nodes.title)), None)
        if title is not None:
            _retitle(title, "Abstract", chapter.language, book_language)
    return list(found)


def _label_admonitions(section: nodes.Element, language: str, book_language: str) -> None:
    """Give Note, Warning... boxes a title in the chapter's language (or marked as the book's)."""
    for node in list(section.findall(nodes.Element)):
        kind = type(node).__name__
        if not isinstance(node, nodes.Admonition) or kind not in admonitions.ADMONITIONS:
            continue
        title = nodes.title("", "")
        _retitle(title, admonitions.ADMONITIONS[kind], language, book_language)
        generic = nodes.admonition("", title, *node.children, classes=[*node["classes"], kind])
        generic.source, generic.line = node.source, node.line
        node.replace_self(generic)


def _retitle(title: nodes.Element, text: str, language: str, book_language: str) -> None:
    translated, ok = admonitions.translate(text, language)
    title.children = []
    if ok:
        title += nodes.Text(translated)
    else:
        fallback, _ = admonitions.translate(text, book_language)
        title += foreign(fallback, fallback, lang=book_language, dir=registry.direction_of(book_language))


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """The downloads box's links (HTML); in the EPUB, each chapter's language and direction on <html>."""
    if not isinstance(app.builder, Epub3Builder):
        context["handbook_downloads"] = app.config.handbook_edition.downloads
        context["handbook_downloads_title"] = label(app.config.language, "downloads")
        return
    publication: PublicationConfig = app.config.handbook_publication
    title = publication.title
    context["handbook_cover_alt"] = label(app.config.language, "cover_alt").format(title=title)
    chapter = chapter_data(app, pagename)
    lang = chapter.language if chapter else app.config.language
    attributes = f' lang="{lang}" xml:lang="{lang}"'
    if chapter and chapter.direction == "rtl":
        attributes += ' dir="rtl"'
    context["html_tag"] = EPUB_HTML_TAG.format(attributes=attributes)


def on_missing_reference(app: Sphinx, env: Any, node: nodes.Element, contnode: nodes.Element) -> nodes.Element | None:
    """A reference to a chapter left out of this build (an offprint) reads as text, not a link."""
    if node.get("refdomain") != "std" or node.get("reftype") not in ("ref", "numref"):
        return None
    edition: EditionConfig = app.config.handbook_edition
    text = edition.external_labels.get(node.get("reftarget", ""))
    if text is None:
        return None
    return nodes.inline(text, text, classes=["external-reference"])
