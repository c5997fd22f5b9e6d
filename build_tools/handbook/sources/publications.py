"""Publication definitions: reading book/<id>/publication.yml and choosing a book's chapters."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

from ..core import registry
from ..core.model import Chapter, DataFile, Publication, PublicationSpec
from . import frontmatter

BOOK_DIR = "book"
DEFINITION = "publication.yml"


def definition_files(root: Path) -> list[Path]:
    """Every ``book/<id>/publication.yml``, sorted by id."""
    base = root / BOOK_DIR
    return sorted(base.glob(f"*/{DEFINITION}")) if base.is_dir() else []


def read_definition(path: Path, display_path: str) -> DataFile:
    """Read a publication.yml safely, with positions; raises SourceProblem."""
    return frontmatter.read_data_file(
        path,
        display_path,
        "publication-yaml",
        what="the publication definition",
        unreadable=("cannot read the file: {reason}", ""),
        not_mapping=("publication.yml is not a set of 'key: value' fields", "see book/README.md"),
    )


def to_spec(document: DataFile, folder: Path) -> PublicationSpec:
    """The model of a definition that passed :func:`check_definition` without errors."""
    data = document.data
    chapters = data["chapters"]
    return PublicationSpec(
        id=data["id"],
        folder=folder,
        title=data["title"],
        subtitle=data.get("subtitle"),
        edition=data["edition"],
        date=data["date"],
        publisher=data["publisher"],
        identifier=data["identifier"],
        language=data["language"],
        license=data["license"],
        description=data.get("description", ""),
        keywords=tuple(data.get("keywords", ())),
        cover=data.get("cover"),
        source=Publication(chapters["from"]),
        statuses=tuple(chapters.get("statuses", PublicationSpec.statuses)),
        release=bool(chapters.get("release", False)),
        order=tuple(chapters.get("order", ())),
        front_matter=tuple(data.get("front_matter", ())),
        back_matter=tuple(data.get("back_matter", ())),
        paper=data.get("paper", "a4"),
        editions=tuple(data.get("editions", ())),
        localized={str(tag): dict(text) for tag, text in (data.get("localized") or {}).items()},
    )


def edition_spec(spec: PublicationSpec, language: str | None = None) -> PublicationSpec:
    """The spec of one language edition (default: the first), with the book's text in that language.

    What ``localized`` does not give stays in the definition's language (the title keeps its
    language tag then). An edition other than the definition's own gets an identifier of its
    own, derived from the book's unless ``localized`` names one.
    """
    tag = language or spec.edition_languages[0]
    if tag not in spec.edition_languages:
        raise ValueError(f"{spec.id} has no '{tag}' edition (editions: {', '.join(spec.edition_languages)})")
    text = spec.localized.get(tag, {})
    identifier = text.get("identifier") or spec.identifier
    if tag != spec.language and "identifier" not in text:
        identifier = derived_identifier(spec.identifier, tag)
    return replace(
        spec,
        language=tag,
        title=text.get("title", spec.title),
        title_language=tag if "title" in text or tag == spec.language else spec.language,
        subtitle=text.get("subtitle", spec.subtitle),
        edition=text.get("edition", spec.edition),
        publisher=text.get("publisher", spec.publisher),
        description=text.get("description", spec.description),
        keywords=tuple(text.get("keywords", spec.keywords)),
        identifier=identifier,
        edition_language=tag,
        source_language=spec.language,
    )


def derived_identifier(identifier: str, language: str) -> str:
    """A stable urn:uuid for the ``language`` edition of the book ``identifier`` names."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{identifier}#{language}')}"


def page_for(spec: PublicationSpec, page: str) -> tuple[Path, bool]:
    """A front or back matter page in the edition's language: ``foreword.ru.md`` for ``foreword.md``.

    Returns the file and whether it is in the edition's language (else the original is used).
    """
    original = spec.folder / page
    if spec.edition_language is None or same_language(spec.edition_language, spec.source_language or spec.language):
        return original, True
    translated = original.with_name(f"{original.stem}.{spec.edition_language}{original.suffix}")
    return (translated, True) if translated.is_file() else (original, False)


def same_language(one: str, other: str) -> bool:
    """Whether two BCP 47 tags name the same language (primary subtags, case-insensitive)."""
    return registry.primary_subtag(one) == registry.primary_subtag(other)


def select_chapters(spec: PublicationSpec, chapters: list[Chapter]) -> list[Chapter]:
    """The book's chapters, in order: listed countries first, then by country name (Russian in a Russian edition).

    One per country, with a status the book takes. An edition takes each country's chapter in
    its language: the original when it is in that language, else a translation into it (with a
    status the book takes) when there is one, else the original.
    """
    originals = [
        c
        for c in chapters
        if c.location.publication is spec.source
        and not c.location.is_translation
        and c.meta is not None
        and c.meta.get("status") in spec.taken_statuses
    ]
    first = {code: index for index, code in enumerate(spec.order)}

    def key(chapter: Chapter) -> tuple[int, str]:
        state = registry.member(chapter.location.country)
        name = state.name(spec.language) if state else chapter.location.country
        return (first.get(chapter.location.country, len(first)), name.replace("ё", "е").replace("Ё", "Е"))

    return [_in_edition(spec, original, chapters) for original in sorted(originals, key=key)]


def _in_edition(spec: PublicationSpec, original: Chapter, chapters: list[Chapter]) -> Chapter:
    language = spec.edition_language
    if language is None or same_language(chapter_language(original), language):
        return original
    for chapter in chapters:
        where = chapter.location
        if (
            where.is_translation
            and where.publication is original.location.publication
            and where.country == original.location.country
            and where.path.parent == original.location.path.parent
            and same_language(where.language or "", language)
            and chapter.meta is not None
            and chapter.meta.get("status") in spec.taken_statuses
        ):
            return chapter
    return original


def chapter_language(chapter: Chapter) -> str:
    """The language a chapter is written in: its front matter's, else its file name's."""
    meta = chapter.meta or {}
    return str(meta.get("language") or chapter.location.language or "en")
