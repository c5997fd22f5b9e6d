"""What CLDR (through Babel and langcodes) says about languages: their names, number marks and dates.

Each is given in the language of the interface text around it, so that numbers and dates read like the words.
"""

from __future__ import annotations

import datetime
import functools

import langcodes
from babel import Locale, UnknownLocaleError
from babel.core import parse_locale

from .i18n import SOURCE_LANGUAGE, interface_language
from .registry import primary_subtag

_LOCALES = {"en": "en_GB"}
"""Babel's locale for a language: English dates read day-month-year, as the publications have always written."""


@functools.cache
def language_name(tag: str) -> str:
    """A language's name in that language (``ar`` -> العربية), capitalised where the script has case."""
    try:
        name = str(langcodes.Language.get(tag).display_name(tag))
    except (ValueError, LookupError, ImportError):
        # Names need langcodes' data package; without it the tag still says which language it is.
        return tag
    return name[:1].upper() + name[1:]


def language_name_in(tag: str, language: str) -> str:
    """The name of the language ``tag`` in ``language``, from CLDR: ``ru`` in ``en`` -> ``Russian``, ``en`` in
    ``ru`` -> ``английский``, ``zh-Hans`` with its script where CLDR names it; the tag itself when CLDR has no
    name for it."""
    try:
        base, region, script, _ = parse_locale(tag.replace("_", "-"), sep="-")[:4]
    except ValueError:
        return tag
    names = _locale(language).languages
    candidates: list[list[str | None]] = [[base, script, region], [base, script], [base, region], [base]]
    keys = ["_".join(part for part in parts if part) for parts in candidates]
    return next((str(names[key]) for key in keys if key in names), tag)


def number_symbols(language: str) -> tuple[str, str]:
    """The decimal mark and the digit-group mark of a language (``ru``: comma and no-break space)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = _locale(language)
    return get_decimal_symbol(locale), get_group_symbol(locale)


def with_number_marks(number: str, language: str) -> str:
    """A number written with ``,`` between digit groups and ``.`` before decimals, in ``language``'s marks:
    ``12,345.5`` -> ``12 345,5`` in Russian (no-break space)."""
    decimal, group = number_symbols(language)
    marks: dict[str, str | int | None] = {",": group, ".": decimal}
    return number.translate(str.maketrans(marks))


def format_date(iso: str, language: str) -> str:
    """``2026-11-27`` (or a timestamp on that day) in words, as CLDR writes it in the language of the interface
    text around it: ``27 November 2026``, ``27 ноября 2026 г.``."""
    from babel.dates import format_date as babel_format_date

    day = datetime.date.fromisoformat(iso[:10])
    text = babel_format_date(day, format="long", locale=_locale(interface_language(language)))
    # CLDR joins "2026 г." with a narrow no-break space, which not every font of the books has.
    return text.replace("\u202f", " ")


@functools.cache
def _locale(language: str) -> Locale:
    """Babel's locale of a tag's primary subtag (English ones British); British English if Babel has none."""
    primary = primary_subtag(language)
    try:
        return Locale.parse(_LOCALES.get(primary, primary))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(_LOCALES[SOURCE_LANGUAGE])
