"""Registering the extension with Sphinx: its configuration, role, directive, nodes and event handlers."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from ..core import dates
from ..core.config import CONFIG_VALUES, BuildOptions
from . import events, nodes, numref, recommendation, roles

TEMPLATES = Path(__file__).resolve().parent / "templates"
"""The extension's HTML templates: the downloads box, and theme templates whose landmarks it translates."""
STATIC = Path(__file__).resolve().parent / "static"
"""The HTML edition's style sheet, handbook.css."""


def setup_sphinx(app: Sphinx) -> None:
    """Register the extension's config values, role, directive, nodes and handlers."""
    for name, (kind, rebuild) in CONFIG_VALUES.items():
        app.add_config_value(name, kind(), rebuild, types=frozenset({kind}))
    app.connect("config-inited", add_templates)
    app.connect("config-inited", date_the_build)
    app.add_domain(numref.StandardDomain, override=True)
    app.add_role("native", roles.native_role)
    app.add_directive("recommendation", recommendation.RecommendationDirective)
    app.add_node(
        recommendation.recommendation,
        html=(recommendation.visit_recommendation_html, recommendation.depart_recommendation_html),
    )
    app.connect("doctree-resolved", events.on_doctree_resolved)
    app.connect("html-page-context", events.on_html_page_context)
    app.connect("missing-reference", events.on_missing_reference)
    app.connect("build-finished", drop_theme_sources)
    for node, visitors in nodes.HTML_VISITORS.items():
        app.add_node(node, override=True, html=visitors)


THEME_SOURCES = ("webpack-macros.html", "sbt-webpack-macros.html")
"""Jinja macros the themes keep in their static folders, which Sphinx copies into ``_static/`` as they are:
template source, not pages, with links that lead nowhere."""


def drop_theme_sources(app: Sphinx, exception: BaseException | None) -> None:
    """Remove the themes' template sources from the HTML's ``_static/``: readers download only pages and assets."""
    if exception is None and app.builder.format == "html":
        for name in THEME_SOURCES:
            (Path(app.outdir) / "_static" / name).unlink(missing_ok=True)


def add_templates(app: Sphinx, config: Config) -> None:
    """The extension's templates and static files, after the project's own."""
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def date_the_build(app: Sphinx, config: Config) -> None:
    """Give a build that the pipeline did not date (``sphinx-build`` on an assembled project, a preview) its
    source date: SOURCE_DATE_EPOCH if set, else now. ``handbook build`` always passes one."""
    options: BuildOptions = config.handbook_build
    if options.source_date_epoch is None:
        try:
            epoch = dates.from_environment(os.environ)
        except dates.SourceDateError as error:
            raise ConfigError(str(error)) from None
        config.handbook_build = replace(options, source_date_epoch=int(time.time()) if epoch is None else epoch)
