"""``handbook i18n``: the interface's catalogues written and checked against the code.

The template (``locale/handbook.pot``) holds every message the label modules register; each language's
catalogue (``locale/<lang>/LC_MESSAGES/handbook.po``) is brought up to date with it and checked for what
it lacks. The files' bytes depend on the code alone, so that a current catalogue is never rewritten.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterator
from pathlib import Path
from string import Formatter

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import write_po

from ..core import labels
from ..core.files import write_if_changed
from ..core.i18n import (
    DOMAIN,
    LOCALE_DIR,
    SOURCE_LANGUAGE,
    CatalogueError,
    Context,
    catalogue_path,
    covers,
    read_catalogue,
    template_path,
)
from ..core.model import Finding, Severity
from ..core.registry import primary_subtag

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


def messages() -> Iterator[tuple[Context, str, str, str | None]]:
    """(context, key, English, note) of every registered message, in the template's order."""
    for context in sorted(labels.CONTEXTS.values(), key=lambda found: found.name):
        for key in sorted(context.table):
            yield context, key, context.table[key], context.notes.get(key)


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
