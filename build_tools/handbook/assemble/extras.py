"""What a build adds to the sources: the edition's notes on its chapters, attribution from git, its other
editions, and the "What is new" page of a build from a tag."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..collab import history
from ..core.config import History, Note
from ..core.model import Chapter, PublicationSpec
from ..sources.contributors import Contributors
from .backmatter import whats_new_page
from .notes import edition_notes


@dataclass
class Extras:
    """What a build adds beyond the sources: git history and the neighbours of an offprint."""

    external: dict[str, str] = field(default_factory=dict)
    """Labels of chapters left out (an offprint's neighbours), with the text a reference to them shows."""
    history: dict[str, History] = field(default_factory=dict)
    """Each chapter's attribution from git, by docname."""
    whats_new: str | None = None
    """The "What is new in this edition" page, for a build from a tag."""
    notes: dict[str, list[Note]] = field(default_factory=dict)
    """The edition's notes on chapters, by docname (see :mod:`handbook.assemble.notes`)."""
    other_editions: tuple[str, ...] = ()
    """The languages of the book's other editions, which its HTML links to (none for an offprint)."""
    status_board: bool = False
    """Whether the HTML has the editors' status board (a whole book's, not an offprint's)."""


def gather(
    root: Path,
    spec: PublicationSpec,
    chapters: list[Chapter],
    everything: list[Chapter],
    contributors: Contributors | None,
    whole: bool,
) -> Extras:
    """The extras of an edition's ``chapters`` (``everything``: the repository's, which hold the originals of
    translations). A whole book (not an offprint) links its other editions and, built from a tag, says what
    is new in it."""
    extras = Extras(notes=edition_notes(root, spec, chapters, everything))
    if whole:
        extras.other_editions = tuple(tag for tag in spec.edition_languages if tag != spec.edition_language)
        extras.status_board = True
    repo = history.open_repository(root)
    if repo is None:
        return extras
    for chapter in chapters:
        attribution = history.attribute(repo, chapter.location.path, contributors)
        if attribution is not None:
            extras.history[chapter.docname] = History(
                attribution.first.isoformat(),
                attribution.last.isoformat(),
                len(attribution.revisions),
                attribution.contributors,
                attribution.editors,
            )
    tags = history.edition_tags(repo) if whole else None
    if tags is not None:
        changes = history.changelog(repo, tags[1], "HEAD")
        extras.whats_new = whats_new_page(changes, tags[0], tags[1], spec.language)
    return extras
