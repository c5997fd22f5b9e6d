"""The validation gate of a build: a publication is built only from a definition and chapters without errors."""

from __future__ import annotations

import stat
from collections.abc import Collection
from pathlib import Path

from ..core.model import BuildError, Chapter, Finding, PublicationSpec, Severity
from ..sources import publications
from ..sources.layout import CHAPTERS_DIR, display_path
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


def validated_chapters(
    root: Path, spec: PublicationSpec, countries: Collection[str] | None = None
) -> tuple[list[Chapter], Report]:
    """The book's chapters, in order, and the validation of the whole repository; BuildError on any error.

    An error in any chapter of the book's folder stops the build, whatever its status: a chapter
    whose status cannot be read cannot be left out safely either. With ``countries``, only those
    chapters' errors (and the definition's) count: one country's broken draft does not stop
    another country's offprint.
    """
    report = repository_report(root)
    errors = chapter_errors(report, spec, countries)
    if errors:
        raise BuildError(f"{len(errors)} validation error(s) in {spec.id}'s chapters", errors)
    return publications.select_chapters(spec, report.chapters), report


def chapter_errors(report: Report, spec: PublicationSpec, countries: Collection[str] | None = None) -> list[Finding]:
    """The errors that stop a build of ``spec``: the definition's, and its chapters' (only the ``countries``'
    when given, as for offprints)."""
    folder = [
        c
        for c in report.chapters
        if c.location.publication is spec.source and (countries is None or c.location.country in countries)
    ]
    mine = {c.display_path for c in folder} | {display_path(spec.folder / publications.DEFINITION, Path.cwd())}
    return [f for f in report.findings if f.severity is Severity.ERROR and f.path in mine]


_Stamp = tuple[tuple[str, int, int], ...]
_REPORTS: dict[tuple[Path, Path], tuple[_Stamp, Report]] = {}


def repository_report(root: Path) -> Report:
    """The validation of the whole repository: made once per process and kept while no file it reads (nor the
    git history, which translations are checked against) has changed, so that every edition, offprint and the
    status board of one run share it."""
    key = (root.resolve(), Path.cwd())
    stamp = _stamp(key[0])
    cached = _REPORTS.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    report = validate(root, base=Path.cwd())
    _REPORTS[key] = (stamp, report)
    return report


def _stamp(root: Path) -> _Stamp:
    """Path, size and modification time of every file validation reads, and of git's HEAD and refs."""
    files = [p for folder in (CHAPTERS_DIR, publications.BOOK_DIR, "contrib") for p in (root / folder).rglob("*")]
    git = next((d / ".git" for d in (root, *root.parents) if (d / ".git").exists()), None)
    if git is not None and git.is_dir():
        files += [git / "HEAD", git / "packed-refs", *(git / "refs").rglob("*")]
    found = []
    for path in files:
        try:
            status = path.stat()
        except OSError:
            continue
        if not stat.S_ISDIR(status.st_mode):
            found.append((path.as_posix(), status.st_size, status.st_mtime_ns))
    return tuple(sorted(found))
