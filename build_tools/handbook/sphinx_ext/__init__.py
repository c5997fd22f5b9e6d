"""The handbook's Sphinx extension: chapter languages and directions, key facts, EPUB builder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .. import __version__
from . import events, nodes, recommendation, roles

PACKAGE = Path(__file__).resolve().parent.parent


def _typst_visit(node: type) -> Any:
    return lambda translator, element: getattr(translator, f"visit_{node.__name__}")(element)


def _typst_depart(node: type) -> Any:
    return lambda translator, element: getattr(translator, f"depart_{node.__name__}")(element)


def setup_sphinx(app: Sphinx) -> dict[str, Any]:
    """Register the extension's config values, nodes, handlers, theme and builder."""
    from ..builders.epub.builder import HandbookEpubBuilder
    from ..builders.typst.builder import TypstBuilder

    app.add_config_value("handbook_publication", {}, "env", types=[dict])
    app.add_config_value("handbook_chapters", {}, "env", types=[dict])
    app.add_config_value("handbook_pages", {}, "env", types=[dict])
    app.add_config_value("handbook_downloads", [], "html", types=[list])
    app.add_config_value("handbook_pdf", {}, "", types=[dict])
    app.add_config_value("handbook_external_labels", {}, "env", types=[dict])
    app.add_role("native", roles.native_role)
    app.add_directive("recommendation", recommendation.RecommendationDirective)
    app.add_node(
        recommendation.recommendation,
        html=(recommendation.visit_recommendation_html, recommendation.depart_recommendation_html),
        typst=(_typst_visit(recommendation.recommendation), _typst_depart(recommendation.recommendation)),
    )
    app.connect("doctree-resolved", events.on_doctree_resolved)
    app.connect("html-page-context", events.on_html_page_context)
    app.connect("missing-reference", events.on_missing_reference)
    app.add_html_theme("handbook_epub", str(PACKAGE / "themes" / "handbook_epub"))
    app.add_builder(HandbookEpubBuilder)
    app.add_builder(TypstBuilder)
    for node, visitors in nodes.HTML_VISITORS.items():
        app.add_node(node, override=True, html=visitors, typst=(_typst_visit(node), _typst_depart(node)))
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
