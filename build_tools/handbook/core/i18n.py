"""The interface's message catalogues at run time: English in the code, other languages in gettext .po files.

Each table of English interface text (key -> text) is a module of :mod:`handbook.core.labels`, which registers
it under its catalogue context with :func:`context`. A message's ``msgctxt`` is ``<context>.<key>`` and its
``msgid`` the English text, so a translation whose English has changed is no longer used until a translator has
looked at it again. Writing and checking the catalogues is :mod:`handbook.collab.catalogues`' job.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

from .registry import primary_subtag

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "handbook"
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Context:
    """A table of English interface text in the code, ``{key: English}``, under its catalogue context."""

    name: str
    table: Mapping[str, str]
    used_in: str
    """Where its text appears, for translators."""
    notes: Mapping[str, str] = field(default_factory=dict)
    """Notes on single messages, for translators."""


CONTEXTS: dict[str, Context] = {}
"""Every registered table, by context name (the template lists them by name)."""


def context(name: str, table: Mapping[str, str], used_in: str, notes: Mapping[str, str] | None = None) -> Context:
    """Register ``table`` as the catalogue context ``name`` (a label module does it once, as it is imported)."""
    if name in CONTEXTS:
        raise ValueError(f"catalogue context {name} registered twice")
    CONTEXTS[name] = found = Context(name, table, used_in, notes or {})
    return found


PARTIAL: Mapping[str, frozenset[str]] = {"ar": frozenset({"recommendation"})}
"""Catalogues that translate only some contexts: Arabic papers have their recommendation boxes in Arabic,
in books whose interface is in another language. Other catalogues translate everything."""


class CatalogueError(Exception):
    """A catalogue cannot be read or written; the message says which file and line."""


def translate(language: str, context: str, key: str, english: str) -> tuple[str, str]:
    """The message in ``language`` and the language it is in; the English and ``en`` when not translated.

    Fuzzy translations are not used, nor those made for other English.
    """
    primary = primary_subtag(language)
    catalogue = None if primary == SOURCE_LANGUAGE else _catalogue(primary)
    return find_translation(catalogue, primary, context, key, english)


def find_translation(catalogue: Catalog | None, language: str, context: str, key: str, english: str) -> tuple[str, str]:
    """:func:`translate` in a given catalogue of ``language`` (None: there is none)."""
    message = catalogue.get(english, context=f"{context}.{key}") if catalogue is not None else None
    if message is None or message.fuzzy or not isinstance(message.string, str) or not message.string:
        return english, SOURCE_LANGUAGE
    return message.string, primary_subtag(language)


def interface_language(language: str, context: str = "book") -> str:
    """The language ``context``'s text is shown in for ``language``: its own if its catalogue covers the
    context, else English. Numbers and dates follow it, so that they read like the words around them."""
    primary = primary_subtag(language)
    if primary != SOURCE_LANGUAGE and _catalogue(primary) is not None and covers(primary, context):
        return primary
    return SOURCE_LANGUAGE


def covers(language: str, context: str) -> bool:
    """Whether ``language``'s catalogue is meant to translate ``context`` (see :data:`PARTIAL`)."""
    scope = PARTIAL.get(primary_subtag(language))
    return scope is None or context in scope


def languages(locale_dir: Path = LOCALE_DIR) -> tuple[str, ...]:
    """The languages with a catalogue, sorted."""
    return tuple(sorted(path.parent.parent.name for path in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


def catalogue_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / primary_subtag(language) / "LC_MESSAGES" / f"{DOMAIN}.po"


def template_path(locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / f"{DOMAIN}.pot"


@functools.cache
def _catalogue(language: str) -> Catalog | None:
    """The installed catalogue of a primary subtag, read once per process; None when there is none."""
    path = catalogue_path(language)
    return read_catalogue(path, language) if path.is_file() else None


def read_catalogue(path: Path, language: str | None = None) -> Catalog:
    """A .po or .pot file; raises CatalogueError with the file and line of what is wrong."""
    try:
        with path.open("rb") as stream:
            return read_po(stream, locale=language, domain=DOMAIN, abort_invalid=True)
    except PoFileError as error:
        reason = str(error).removesuffix(f" on {error.lineno}")  # Babel counts lines from 0
        raise CatalogueError(f"{path}:{error.lineno + 1}: {reason}: {error.line.strip()}") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise CatalogueError(f"{path}: {error}") from None
