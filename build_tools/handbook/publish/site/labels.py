"""How the download site writes its languages, file sizes and dates; its words are :mod:`handbook.core.labels.site`."""

from __future__ import annotations

from ...core import cldr, i18n
from ...core.labels.site import site_label

LANGUAGES = ("en", "ru")
"""The languages of the landing pages: CICA's working languages, English first."""


def format_size(size: int, language: str) -> str:
    """A file size for people: ``532 B``, ``8.4 kB``, ``1,3 МБ`` (decimal units, no-break space)."""
    units = site_label(language, "units").split()
    value, unit = float(size), 0
    while value >= 1000 and unit < len(units) - 1:
        value, unit = value / 1000, unit + 1
    text = f"{value:.0f}" if unit == 0 or value >= 10 else f"{value:.1f}"
    return f"{cldr.with_number_marks(text, i18n.interface_language(language, 'site'))}\u00a0{units[unit]}"


format_date = cldr.format_date
"""``2026-11-27`` as ``27 November 2026`` or ``27 ноября 2026 г.`` (see :func:`handbook.core.cldr.format_date`)."""
