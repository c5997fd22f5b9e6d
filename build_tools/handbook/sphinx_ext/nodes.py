"""The project's own doctree nodes, and how the HTML and EPUB writers render them."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.builders.epub3 import Epub3Builder


class language_block(nodes.General, nodes.Element):  # docutils names nodes in lower case
    """A chapter's content in its own language and direction (``lang``, ``dir``)."""


class key_facts(nodes.General, nodes.Element):
    """The generated box of a country chapter's key facts, in the publication's language."""


class foreign(nodes.Inline, nodes.TextElement):
    """A phrase in another language or script (a name in its native script), isolated for bidi."""


def language_attributes(node: nodes.Element, xml: bool) -> str:
    """``lang``/``dir`` attributes (and ``xml:lang`` for XHTML) for a node's language."""
    lang = node.get("lang", "")
    text = f' lang="{lang}"' if lang else ""
    if lang and xml:
        text += f' xml:lang="{lang}"'
    if node.get("dir"):
        text += f' dir="{node["dir"]}"'
    return text


def _is_xhtml(translator: Any) -> bool:
    """Whether the translator writes an EPUB's XHTML (any EPUB 3 builder), not HTML."""
    return isinstance(translator.builder, Epub3Builder)


def visit_language_block(translator: Any, node: language_block) -> None:
    """A chapter's content (class chapter-language), or a note in the book's language (its own classes)."""
    attributes = language_attributes(node, _is_xhtml(translator))
    classes = " ".join(node["classes"]) or "chapter-language"
    translator.body.append(f'<div class="{classes}"{attributes}>\n')


def depart_language_block(translator: Any, node: language_block) -> None:
    translator.body.append("</div>\n")


def visit_key_facts(translator: Any, node: key_facts) -> None:
    attributes = language_attributes(node, _is_xhtml(translator))
    label = translator.attval(node.get("label", "Key facts"))
    translator.body.append(f'<aside class="key-facts" aria-label="{label}"{attributes}>\n')


def depart_key_facts(translator: Any, node: key_facts) -> None:
    translator.body.append("</aside>\n")


def visit_foreign(translator: Any, node: foreign) -> None:
    translator.body.append(f"<bdi{language_attributes(node, _is_xhtml(translator))}>")


def depart_foreign(translator: Any, node: foreign) -> None:
    translator.body.append("</bdi>")


HTML_VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    language_block: (visit_language_block, depart_language_block),
    key_facts: (visit_key_facts, depart_key_facts),
    foreign: (visit_foreign, depart_foreign),
}
