"""The validation gate of a build: a publication is built only from a definition and chapters without errors."""

from __future__ import annotations

from pathlib import Path

from ..core.model import BuildError, Chapter, PublicationSpec, Severity
from ..sources import publications
from ..sources.layout import display_path
from .definitions import check_definition, read_definition
from .runner import Report, validate


def load_publication(root: Path, publication: str) -> PublicationSpec:
    """The publication's definition, or BuildError with its findings."""
    path = root / publications.BOOK_DIR / publication / publications.DEFINITION
    if not path.is_file():
        known = ", ".join(p.parent.name for p in publications.definition_files(root)) or "none"
        raise BuildError(f"no publication '{publication}' (known: {known})", [])
    document, findings = read_definition(path, display_path(path, Path.cwd()))
    if document is not None:
        findings += check_definition(document, path.parent, {})
    errors = [f for f in findings if f.severity is Severity.ERROR and f.rule != "publication-order"]
    if document is None or errors:
        raise BuildError(f"{path.name} of {publication} has errors", errors)
    return publications.to_spec(document, path.parent)


def load_edition(root: Path, publication: str, edition: str | None) -> PublicationSpec:
    """One edition of the publication (default: its first), or BuildError."""
    spec = load_publication(root, publication)
    try:
        return publications.edition_spec(spec, edition)
    except ValueError as error:
        raise BuildError(str(error), []) from None


def validated_chapters(root: Path, spec: PublicationSpec) -> tuple[list[Chapter], Report]:
    """The book's chapters, in order, and the validation of the whole repository; BuildError on any error.

    An error in any chapter of the book's folder stops the build, whatever its status: a chapter
    whose status cannot be read cannot be left out safely either.
    """
    report = validate(root, base=Path.cwd())
    chapters = report.chapters
    chosen = publications.select_chapters(spec, chapters)
    folder = [c for c in chapters if c.location.publication is spec.source]
    mine = {c.display_path for c in folder} | {display_path(spec.folder / publications.DEFINITION, Path.cwd())}
    errors = [f for f in report.findings if f.severity is Severity.ERROR and f.path in mine]
    if errors:
        raise BuildError(f"{len(errors)} validation error(s) in {spec.id}'s chapters", errors)
    return chosen, report
