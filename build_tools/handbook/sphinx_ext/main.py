"""Registering the extension with Sphinx: its configuration, role, directive, nodes and event handlers."""

from __future__ import annotations

from sphinx.application import Sphinx

from . import events, nodes, recommendation, roles


def setup_sphinx(app: Sphinx) -> None:
    """Register the extension's config values, role, directive, nodes and handlers."""
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
    )
    app.connect("doctree-resolved", events.on_doctree_resolved)
    app.connect("html-page-context", events.on_html_page_context)
    app.connect("missing-reference", events.on_missing_reference)
    for node, visitors in nodes.HTML_VISITORS.items():
        app.add_node(node, override=True, html=visitors)
