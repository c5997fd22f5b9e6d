"""Labels of the HTML theme that its own catalogues leave in English, given to Sphinx as a catalogue.

sphinx-book-theme and pydata-sphinx-theme translate their labels through Sphinx's ``sphinx``
catalogue, but their Russian has gaps ("Back to top", "Color mode"), and a few of their templates
name landmarks in plain English; the extension's overrides in ``sphinx_ext/templates`` ask for those
through the same catalogue (see :mod:`handbook.assemble.locales`). Each label's English is the theme's
message id, exactly.
"""

from __future__ import annotations

from .. import i18n

THEME_LABELS: dict[str, str] = {
    "announcement": "Announcement",
    "back_to_top": "Back to top",
    "collapse_sidebar": "Collapse Sidebar",
    "color_mode": "Color mode",
    "expand_sidebar": "Expand Sidebar",
    "indices": "Indices",
    "main_navigation": "Main navigation",
    "page_contents": "Page contents",
    "search_placeholder": "Search…",
    "system_settings": "System Settings",
    "toggle_primary_sidebar": "Toggle primary sidebar",
    "toggle_secondary_sidebar": "Toggle secondary sidebar",
    "version_warning": "Version warning",
}
"""The theme's message ids that need a translation, by key; ``search_placeholder`` goes in through conf.py."""

THEME_NOTES: dict[str, str] = {
    "back_to_top": "The button that scrolls back to the top of a long page.",
    "color_mode": "The menu choosing light, dark or the system's colours.",
    "main_navigation": "The name screen readers give the sidebar listing the book's pages.",
    "page_contents": "The name of the list of a page's sections, in a printed page.",
    "system_settings": "The colour mode that follows the reader's system.",
}


CONTEXT = i18n.context(
    "theme",
    THEME_LABELS,
    "the HTML theme: buttons and landmarks its own catalogues leave in English (core/labels/theme.py)",
    THEME_NOTES,
)


def theme_label(language: str, key: str) -> str:
    """A theme label in ``language``, else English."""
    return i18n.translate(language, "theme", key, THEME_LABELS[key])[0]
