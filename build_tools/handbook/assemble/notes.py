"""The notes an edition puts on a chapter: in its original language, translated, translation out of date."""

from __future__ import annotations

from pathlib import Path

import git

from ..collab import history, translations
from ..collab.translations import Status
from ..core.cldr import format_date, language_name_in
from ..core.config import Note
from ..core.labels.book import label
from ..core.model import Chapter, PublicationSpec
from ..sources.publications import chapter_language, same_language


def edition_notes(
    root: Path, spec: PublicationSpec, chosen: list[Chapter], everything: list[Chapter]
) -> dict[str, list[Note]]:
    """The notes on each chosen chapter, by docname, in the edition's language.

    A book with a single edition gets none: its chapters are in the languages their authors
    chose, as they always were. ``everything`` holds the originals of the translations.
    """
    if spec.edition_language is None or len(spec.edition_languages) < 2:
        return {}
    repo = history.open_repository(root) if any(c.location.is_translation for c in chosen) else None
    found: dict[str, list[Note]] = {}
    for chapter in chosen:
        notes = chapter_notes(spec.language, chapter, _original(chapter, everything), repo)
        if notes:
            found[chapter.docname] = notes
    return found


def chapter_notes(language: str, chapter: Chapter, original: Chapter | None, repo: git.Repo | None) -> list[Note]:
    """The notes on one chapter of an edition in ``language``."""
    written_in = chapter_language(chapter)
    if not chapter.location.is_translation:
        if same_language(written_in, language):
            return []
        return [original_language_note(language, written_in)]
    notes = []
    if original is not None:
        name = language_name_in(chapter_language(original), language)
        notes.append(_note("translated-from", language, "translated_from", language=name))
    state = translations.state_of(repo, chapter)
    if state.status is Status.OUTDATED:
        when = state.last_change.isoformat() if state.last_change else None
        if when is None:
            notes.append(_note("outdated", language, "outdated", key="outdated_note_uncommitted"))
        else:
            date = format_date(when, language)
            notes.append(_note("outdated", language, "outdated", count=str(state.commits_since), date=date))
    return notes


def original_language_note(language: str, written_in: str) -> Note:
    """The note on a chapter or page left in its original language ``written_in``."""
    return _note("original-language", language, "original_language", language=language_name_in(written_in, language))


def _note(kind: str, edition: str, stem: str, key: str | None = None, **values: str) -> Note:
    """A note in the ``edition``'s language: the ``<stem>_title`` label, and the text ``key`` (``<stem>_note``) says."""
    return Note(kind, label(edition, f"{stem}_title"), label(edition, key or f"{stem}_note").format(**values))


def _original(translation: Chapter, everything: list[Chapter]) -> Chapter | None:
    """The original a translation names (``translation_of: {file: kz.md}``), if it is among ``everything``."""
    named = translations.named_original(translation)[0] if translation.location.is_translation else None
    if named is None:
        return None
    target = translation.location.path.parent / named
    return next((c for c in everything if c.location.path == target), None)
