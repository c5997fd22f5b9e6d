"""What the Sphinx extension is told of each chapter and page: language, direction, key facts, notes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core import registry
from ..core.config import DocumentConfig, History, IndicatorFact, Name, Note
from ..core.model import Chapter
from .notes import original_language_note


def chapter_config(
    chapter: Chapter, book_language: str, notes: Sequence[Note] = (), history: History | None = None
) -> DocumentConfig:
    """A chapter as the extension sees it; its key facts are in the book's language (the country's and the
    indicators' names too). The front matter has passed validation, so its fields have their types."""
    meta = chapter.meta or {}
    language = str(meta.get("language", "en"))
    state = registry.member(chapter.location.country)
    institution = meta.get("institution") or {}
    return DocumentConfig(
        kind=chapter.location.publication.value,
        language=language,
        direction=registry.direction_of(language),
        country=chapter.location.country,
        country_name=state.name(book_language) if state else chapter.location.country,
        title=str(meta.get("title", "")),
        institution=_name(institution) if institution.get("name") else None,
        authors=tuple(_name(author) for author in meta.get("authors") or []),
        data_year=meta.get("data_year"),
        currency=meta.get("currency"),
        indicators=_indicators(meta, book_language),
        notes=tuple(notes),
        history=history,
    )


def page_config(written_in: str, edition_language: str) -> DocumentConfig:
    """A front or back matter page left in its original language ``written_in``, with a note saying so."""
    return DocumentConfig(
        kind="page",
        language=written_in,
        direction=registry.direction_of(written_in),
        notes=(original_language_note(edition_language, written_in),),
    )


def _name(entry: dict[str, Any]) -> Name:
    return Name(str(entry["name"]), str(entry.get("native_name") or ""))


def _indicators(meta: dict[str, Any], book_language: str) -> tuple[IndicatorFact, ...]:
    """The chapter's indicators that the catalogue knows, labelled in the book's language."""
    catalogue = registry.indicators()
    return tuple(
        IndicatorFact(
            catalogue[item["id"]].label(book_language),
            item["value"],
            item["unit"],
            item["year"],
            bool(item.get("illustrative")),
        )
        for item in meta.get("indicators") or []
        if isinstance(item, dict) and item.get("id") in catalogue
    )
