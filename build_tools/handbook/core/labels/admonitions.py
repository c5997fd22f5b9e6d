"""Labels Sphinx writes into a chapter (Note, Warning, Abstract...) in the chapter's own language.

Sphinx translates them into the book's language only; a Thai or Arabic chapter in an English
book would otherwise show "Note". Sphinx's own catalogues are used where they have the language;
elsewhere the label stays in the book's language and is marked as such. Only Sphinx's catalogue files
are read, never its code: the Word exporter uses these labels too.
"""

from __future__ import annotations

import functools
import gettext
from importlib.util import find_spec
from pathlib import Path

from ..registry import primary_subtag


def _sphinx_locale_dir() -> Path:
    """Sphinx's ``locale/`` folder, found without importing Sphinx."""
    spec = find_spec("sphinx")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("Sphinx is not installed; run `make setup`")
    return Path(spec.origin).resolve().parent / "locale"


LOCALE_DIR = _sphinx_locale_dir()

ADMONITIONS = {
    "attention": "Attention",
    "caution": "Caution",
    "danger": "Danger",
    "error": "Error",
    "hint": "Hint",
    "important": "Important",
    "note": "Note",
    "tip": "Tip",
    "warning": "Warning",
    "seealso": "See also",
}


@functools.cache
def _catalogue(language: str) -> gettext.NullTranslations | None:
    """Sphinx's catalogue for a BCP 47 tag (zh-Hans -> zh_CN), or None when Sphinx has none."""
    primary = primary_subtag(language)
    candidates = {"zh": ["zh_CN"] if "Hant" not in language else ["zh_TW"]}.get(primary, [primary])
    for candidate in candidates:
        try:
            return gettext.translation("sphinx", localedir=LOCALE_DIR, languages=[candidate])
        except OSError:
            continue
    return None


def translate(text: str, language: str) -> tuple[str, bool]:
    """``text`` in ``language`` and True, or unchanged and False when no translation exists.

    English is Sphinx's own language: its labels are English without a catalogue.
    """
    if primary_subtag(language) == "en":
        return text, True
    catalogue = _catalogue(language)
    if catalogue is None:
        return text, False
    translated = catalogue.gettext(text)
    return translated, translated != text
