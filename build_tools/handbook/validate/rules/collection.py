"""Rules across chapters: one chapter per country, publication and language; translations; references."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...core.model import Chapter, Finding, Publication, Severity
from ...sources.layout import absolute
from .rulebook import project_check, rule
from .structure import labels

E = Severity.ERROR
FAMILY = "across chapters"

DUPLICATE = rule("chapter-duplicate", E, "One chapter per country, publication and language.", FAMILY)
TRANSLATION = rule(
    "translation-of", E, "A translation names its original (translation_of), and only a translation does.", FAMILY
)
REFERENCE = rule(
    "ref-unknown", E, "Cross-references ({ref}, {numref}) name a label defined in the publication.", FAMILY
)

REFERENCE_ROLES = ("ref", "numref")
_EXPLICIT_TARGET = re.compile(r"<([^<>]+)>\s*$")


def _language(chapter: Chapter) -> str | None:
    value = (chapter.meta or {}).get("language")
    return value.lower() if isinstance(value, str) else None


@project_check
def duplicates(chapters: list[Chapter]) -> Iterator[Finding]:
    """Two files must not hold the same country's chapter in the same language."""
    first: dict[tuple[Publication, str, str], Chapter] = {}
    for chapter in sorted(chapters, key=lambda c: (c.location.is_translation, c.display_path)):
        language = _language(chapter)
        if language is None:
            continue
        key = (chapter.location.publication, chapter.location.country, language)
        if key in first:
            yield DUPLICATE.at_field(
                chapter,
                ("language",),
                f"{first[key].display_path} is already the {chapter.location.publication.value} chapter "
                f"for {chapter.location.country} in '{language}'",
                "keep one of the two files; a translation must be in a different language",
            )
        else:
            first[key] = chapter


@project_check
def translations(chapters: list[Chapter]) -> Iterator[Finding]:
    """kz.ru.md names kz.md as its original; kz.md names nothing."""
    present = {absolute(c.location.path) for c in chapters}
    for chapter in chapters:
        if chapter.meta is None:
            continue
        source = chapter.meta.get("translation_of")
        field = ("translation_of",)
        original = f"{chapter.location.country.lower()}.md"
        if not chapter.location.is_translation:
            if source is not None:
                yield TRANSLATION.at_field(
                    chapter,
                    field,
                    "an original chapter has translation_of",
                    f"remove translation_of, or rename the file to {chapter.location.country.lower()}.<language>.md",
                )
            continue
        if not isinstance(source, dict):
            yield TRANSLATION.at_field(
                chapter,
                field,
                "a translation must say what it translates",
                f"add translation_of: {{file: {original}}} (and commit: the original's commit you translated)",
            )
            continue
        named = source.get("file")
        if not isinstance(named, str):
            continue  # the schema reports it
        if named != original:
            yield TRANSLATION.at_field(
                chapter,
                field,
                f"translation_of names {named}, not this country's original",
                f"set file: {original}",
            )
        elif absolute(chapter.location.path.parent / named) not in present:
            yield TRANSLATION.at_field(
                chapter,
                field,
                f"the original {named} does not exist",
                f"add chapters/{chapter.location.publication.value}/{original} first",
            )


@project_check
def references(chapters: list[Chapter]) -> Iterator[Finding]:
    """Every {ref}/{numref} target is a label of some chapter in the same publication."""
    defined: dict[Publication, set[str]] = {}
    for chapter in chapters:
        if chapter.outline is not None:
            defined.setdefault(chapter.location.publication, set()).update(
                label for label, _ in labels(chapter.outline)
            )
    for chapter in chapters:
        if chapter.outline is None:
            continue
        known = defined.get(chapter.location.publication, set())
        for role in chapter.outline.roles:
            if role.name not in REFERENCE_ROLES:
                continue
            explicit = _EXPLICIT_TARGET.search(role.content)
            target = (explicit.group(1) if explicit else role.content).strip()
            if target not in known:
                yield REFERENCE.at(
                    chapter,
                    role.line,
                    1,
                    f"{{{role.name}}}`{role.content}` refers to '{target}', "
                    f"which no {chapter.location.publication.value} chapter defines",
                    "check the spelling; section labels look like (kz-finance)= above the heading",
                )
