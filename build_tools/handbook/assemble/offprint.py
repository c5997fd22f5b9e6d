"""An offprint: one chapter of a book, built on its own with the book's design."""

from __future__ import annotations

from dataclasses import replace

from ..core import registry
from ..core.labels.book import label
from ..core.model import BuildError, Chapter, PublicationSpec
from ..sources.outline import section_titles


def offprint(
    spec: PublicationSpec, chapters: list[Chapter], code: str
) -> tuple[PublicationSpec, list[Chapter], dict[str, str]]:
    """The offprint of the chapter on ``code``: its spec (its own title, the contributors page only), the
    chapter, and the other chapters' labels as plain text (a reference to them reads "section title, in the
    chapter on X, <book>"). BuildError when the book has no such chapter."""
    found = [c for c in chapters if c.location.country == code.upper()]
    if not found:
        have = ", ".join(c.location.country for c in chapters) or "none"
        raise BuildError(f"{spec.id} has no chapter for {code.upper()} (chapters: {have})", [])
    chapter = found[0]
    meta = chapter.meta or {}
    alone = replace(
        spec,
        id=f"{spec.id}-{code.lower()}",
        title=str(meta.get("title", spec.title)),
        title_language=str(meta.get("language", spec.language)),
        subtitle=label(spec.language, "offprint_of").format(title=spec.title),
        description=str(meta.get("abstract", spec.description)),
        front_matter=(),
        back_matter=tuple(p for p in spec.back_matter if p == "contributors"),
        order=(),
    )
    external: dict[str, str] = {}
    for other in chapters:
        if other is chapter:
            continue
        other_state = registry.member(other.location.country)
        where = other.location.country if other_state is None else other_state.name(spec.language)
        wording = label(spec.language, "in_chapter_on")
        for target, title in section_titles(other.outline).items() if other.outline else ():
            external[target] = wording.format(section=title, country=where, book=spec.title)
    return alone, [chapter], external
