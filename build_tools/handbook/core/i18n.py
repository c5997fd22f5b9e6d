"""The interface's message catalogues: English in the code, other languages in gettext .po files.

Each table of English interface text (key -> text) lives next to the code that uses it and is named in
:data:`CONTEXTS`. A message's ``msgctxt`` is ``<context>.<key>`` and its ``msgid`` the English text, so a
translation whose English has changed is no longer used until a translator has looked at it again.
Dates, number marks and language names come from Babel's CLDR data, in the language the text around them is in.
"""

from __future__ import annotations

import datetime
import functools
import importlib
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Formatter

import langcodes
from babel import Locale, UnknownLocaleError
from babel.core import parse_locale
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po

from .files import write_if_changed
from .model import Finding, Severity
from .registry import primary_subtag

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "handbook"
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Context:
    """A table of English interface text in the code: ``{key: English}``."""

    name: str
    module: str
    """The module holding the table, relative to this package."""
    table: str
    used_in: str
    """Where its text appears, for translators."""
    notes: str | None = None
    """The module's table of notes on single messages, for translators, if it has one."""


CONTEXTS = (
    Context("annex", ".assemble.annex", "WORDING", "the comparative annex of the SME handbook (annex.py)"),
    Context(
        "book",
        ".core.labels.book",
        "LABELS",
        "the books: boxes, notes, generated pages and navigation in HTML, EPUB and PDF (sphinx_ext/labels.py)",
        "LABEL_NOTES",
    ),
    Context(
        "board",
        ".publish.status",
        "BOARD_LABELS",
        "the editors' status board, also a page of each HTML edition (status.py)",
        "BOARD_NOTES",
    ),
    Context(
        "credit",
        ".assemble.backmatter",
        "CREDIT_NAMES",
        "the contributors page: CRediT contributor roles (backmatter.py)",
    ),
    Context(
        "recommendation",
        ".core.labels.book",
        "RECOMMENDATION_LABELS",
        "the recommendation box, in the paper's own language (sphinx_ext/labels.py)",
    ),
    Context(
        "site",
        ".publish.site.labels",
        "SITE_LABELS",
        "the download site and its OPDS feed (site/labels.py)",
        "SITE_NOTES",
    ),
    Context(
        "tracking",
        ".collab.translations",
        "REASONS",
        "the status board: why it cannot tell whether a translation is current (translations.py)",
    ),
    Context(
        "theme",
        ".core.labels.theme",
        "THEME_LABELS",
        "the HTML theme: buttons and landmarks its own catalogues leave in English (sphinx_ext/theme_labels.py)",
        "THEME_NOTES",
    ),
)
"""Every table of interface text, in the order of the template."""

PARTIAL: Mapping[str, frozenset[str]] = {"ar": frozenset({"recommendation"})}
"""Catalogues that translate only some contexts: Arabic papers have their recommendation boxes in Arabic,
in books whose interface is in another language. Other catalogues translate everything."""

_CREATION_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
"""The template's POT-Creation-Date, fixed: the same code gives the same bytes."""
_HEADER = {"Project-Id-Version": DOMAIN, "Generated-By": None}
"""Header fields set (or, None, left out) after Babel writes them, so that the files do not name versions."""
_TEMPLATE_COMMENT = (
    "# The handbook's interface text: the template of its translations.\n"
    "# The English lives in the code; `handbook i18n extract` writes this file. Do not edit it.\n"
    "#"
)
_CATALOGUE_COMMENT = (
    "# The handbook's interface text in {name}.\n"
    "# See build_tools/handbook/locale/README.md; English lives in the code.\n"
    "#"
)
_LOCALES = {"en": "en_GB"}
"""Babel's locale for a language: English dates read day-month-year, as the publications have always written."""


class CatalogueError(Exception):
    """A catalogue cannot be read or written; the message says which file and line."""


# -- translating -------------------------------------------------------------------------------------------------


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


# -- the template and the catalogues ---------------------------------------------------------------------------


def messages() -> Iterator[tuple[Context, str, str, str | None]]:
    """(context, key, English, note) of every registered message, in the template's order."""
    package = "handbook"
    for context in CONTEXTS:
        module = importlib.import_module(context.module, package)
        table: Mapping[str, str] = getattr(module, context.table)
        notes: Mapping[str, str] = getattr(module, context.notes) if context.notes else {}
        for key in sorted(table):
            yield context, key, table[key], notes.get(key)


def template() -> Catalog:
    """Every registered message, untranslated, with comments for translators."""
    catalog = Catalog(domain=DOMAIN, project=DOMAIN, creation_date=_CREATION_DATE, header_comment=_TEMPLATE_COMMENT)
    for context, key, english, note in messages():
        catalog.add(english, context=f"{context.name}.{key}", auto_comments=_comments(context, english, note))
    return catalog


def _comments(context: Context, english: str, note: str | None) -> list[str]:
    """What a translator is told about a message: where it appears and what must be kept."""
    comments = [f"Used in {context.used_in}."]
    if note:
        comments.append(note)
    names = sorted(placeholders(english) or ())
    if names:
        comments.append(f"Keep the placeholders: {', '.join(names)}.")
    for name in names:
        if name.endswith("_in_sentence}"):
            plain = name.removesuffix("_in_sentence}") + "}"
            comments.append(f"{name} is {plain} as written inside a sentence; either may be used.")
    return comments


def template_bytes() -> bytes:
    """The template as its .pot file's bytes."""
    return _po_bytes(template())


def extract(locale_dir: Path = LOCALE_DIR) -> Path:
    """Write the template; returns its path."""
    path = template_path(locale_dir)
    write_if_changed(path, template_bytes())
    return path


def init(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """Start an empty catalogue for a language Babel knows; returns its path. Raises CatalogueError."""
    primary = primary_subtag(language)
    path = catalogue_path(primary, locale_dir)
    if path.exists():
        raise CatalogueError(f"{path}: there is a catalogue for '{primary}' already; update it instead")
    try:
        locale = Locale.parse(primary)
    except (ValueError, UnknownLocaleError):
        raise CatalogueError(f"'{language}' is not a language Babel knows; use a BCP 47 primary subtag") from None
    catalog = Catalog(
        locale=locale,
        domain=DOMAIN,
        project=DOMAIN,
        creation_date=_CREATION_DATE,
        header_comment=_CATALOGUE_COMMENT.format(name=locale.english_name),
        language_team=str(locale.english_name),
        fuzzy=False,
    )
    catalog.update(_scoped(template(), primary))
    write_if_changed(path, _po_bytes(catalog))
    return path


def update(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """Bring a catalogue up to date with the code: new messages added untranslated (or fuzzy, from a close
    match), removed ones kept as obsolete entries. Returns its path; raises CatalogueError."""
    path = catalogue_path(language, locale_dir)
    if not path.is_file():
        raise CatalogueError(f"{path}: no catalogue for '{primary_subtag(language)}'")
    catalog = read_catalogue(path, primary_subtag(language))
    catalog.update(_scoped(template(), language))
    for message in [*catalog, *catalog.obsolete.values()]:
        # Babel reads the previous msgid that PO editors keep on fuzzy entries ("#| msgid") as a comment.
        message.user_comments = [comment for comment in message.user_comments if not comment.startswith("|")]
    write_if_changed(path, _po_bytes(catalog))
    return path


def _scoped(catalog: Catalog, language: str) -> Catalog:
    """The template's messages a catalogue of ``language`` translates."""
    for message in list(catalog):
        if message.id and not covers(language, _context_of(message)):
            catalog.delete(message.id, context=message.context)
    return catalog


def _context_of(message: Message) -> str:
    return (message.context or "").partition(".")[0]


def _po_bytes(catalog: Catalog) -> bytes:
    """Babel's PO text without the fields that change from one run or machine to the next."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, no_location=True)
    text = buffer.getvalue().decode("utf-8")
    for name, value in _HEADER.items():
        field = re.compile(rf'^"{re.escape(name)}: [^"\n]*?(\\n)?"\n', re.MULTILINE)
        text = field.sub("" if value is None else rf'"{name}: {value}\\n"\n', text, count=1)
    return text.encode("utf-8")


# -- checking ---------------------------------------------------------------------------------------------------


def check(language: str, locale_dir: Path = LOCALE_DIR) -> list[Finding]:
    """What a catalogue lacks or gets wrong, one finding per message, by line; nothing for English, the source.

    Rules: i18n-missing (no translation), i18n-fuzzy (marked fuzzy, so unused), i18n-placeholders (``{name}``
    fields differ from the English's), i18n-outdated (the code has new, changed or removed messages: run
    ``handbook i18n update``), i18n-obsolete (an obsolete entry still in the file), i18n-syntax.
    """
    primary = primary_subtag(language)
    if primary == SOURCE_LANGUAGE:
        return []
    path = catalogue_path(primary, locale_dir)
    shown = str(path)
    try:
        catalog = read_catalogue(path, primary)
    except CatalogueError as error:
        where = re.match(r".*?:(\d+): (.*)", str(error))
        line, text = (int(where.group(1)), where.group(2)) if where else (1, str(error))
        return [_finding(shown, line, "i18n-syntax", text, "fix the file with a PO editor")]
    update_hint = f"run `handbook i18n update {primary}`"
    present = {message.context: message for message in catalog if message.id}
    wanted = {message.context: message for message in template() if message.id}
    findings: list[Finding] = []
    for name, expected in wanted.items():
        found = present.get(name)
        in_scope = covers(primary, _context_of(expected))
        if found is None:
            if in_scope:
                what = f'message "{name}" is not in this catalogue'
                findings.append(_finding(shown, 1, "i18n-outdated", what, f"{update_hint}, then translate it"))
        elif found.id != expected.id:
            what = f'the English of message "{name}" has changed since it was translated'
            hint = f"{update_hint}, then review the translation, which it marks fuzzy"
            findings.append(_finding(shown, _line(found), "i18n-outdated", what, hint))
        else:
            findings += _message_findings(shown, found, in_scope)
    for name, message in present.items():
        if name not in wanted:
            what = f'message "{name}" is no longer used'
            findings.append(_finding(shown, _line(message), "i18n-outdated", what, update_hint))
    for message in catalog.obsolete.values():
        what = f'obsolete message "{message.context}" is still in the file'
        hint = "delete it once its translation is of no more use"
        findings.append(_finding(shown, _line(message), "i18n-obsolete", what, hint, Severity.WARNING))
    return sorted(findings, key=lambda finding: (finding.line, finding.rule, finding.message))


def _message_findings(shown: str, message: Message, in_scope: bool) -> list[Finding]:
    """What is wrong with one message whose English is current."""
    name, line = message.context, _line(message)
    text = message.string if isinstance(message.string, str) else ""
    if not text:
        what = f'message "{name}" has no translation'
        return [_finding(shown, line, "i18n-missing", what, "translate it in this file")] if in_scope else []
    if message.fuzzy:
        what = f'the translation of "{name}" is marked fuzzy, so it is not used'
        return [_finding(shown, line, "i18n-fuzzy", what, "check it against the English, then remove the flag")]
    english, translated = placeholders(str(message.id)), placeholders(text)
    if translated is None:
        what = f'the translation of "{name}" has an unmatched brace'
        return [_finding(shown, line, "i18n-placeholders", what, "write a brace of the text itself as {{ or }}")]
    if english is not None and _as_in_english(translated, english) != english:
        given, expected = ", ".join(sorted(translated)) or "none", ", ".join(sorted(english)) or "none"
        what = f'the translation of "{name}" has the placeholders {given}, the English {expected}'
        return [_finding(shown, line, "i18n-placeholders", what, "keep every {name} of the English, spelt the same")]
    return []


def placeholders(text: str) -> set[str] | None:
    """The ``{name}`` fields of a format string (``{}`` for a positional one); None if it is malformed."""
    try:
        return {f"{{{field}}}" for _, field, _, _ in Formatter().parse(text) if field is not None}
    except ValueError:
        return None


def _as_in_english(translated: set[str], english: set[str]) -> set[str]:
    """``{label}`` counts as ``{label_in_sentence}`` where the English has the latter: the code passes both."""
    swapped = set()
    for name in translated:
        sentence = name[:-1] + "_in_sentence}"
        swapped.add(sentence if sentence in english and name not in english else name)
    return swapped


def _line(message: Message) -> int:
    return int(message.lineno or 1)


def _finding(
    path: str, line: int, rule: str, message: str, hint: str = "", severity: Severity = Severity.ERROR
) -> Finding:
    return Finding(path, line, 1, severity, rule, message, hint)


# -- what CLDR says about languages ----------------------------------------------------------------------------


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
