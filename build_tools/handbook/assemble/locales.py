"""The assembled project's ``locales/``: the theme's labels in the edition's language, as Sphinx reads them."""

from __future__ import annotations

import io

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from ..core import i18n, registry
from ..core.labels.theme import THEME_LABELS

LOCALES = "locales"
"""Where the assembled project keeps the theme labels' catalogue (``<language>/LC_MESSAGES/sphinx.mo``)."""


def sphinx_catalogue(language: str) -> bytes | None:
    """A compiled ``sphinx.mo`` with the theme labels translated into ``language``; None when none is."""
    catalog = Catalog(locale=registry.primary_subtag(language), domain="sphinx")
    for key, english in THEME_LABELS.items():
        text, found = i18n.translate(language, "theme", key, english)
        if found != i18n.SOURCE_LANGUAGE:
            catalog.add(english, text)
    if not len(catalog):
        return None
    stream = io.BytesIO()
    write_mo(stream, catalog, use_fuzzy=False)
    return stream.getvalue()
