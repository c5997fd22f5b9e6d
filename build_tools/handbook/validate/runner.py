"""Validation of chapters: discover, read, run every rule, and return findings (never printed here)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.debugging import debugging
from ..core.model import Chapter, Finding, Located, Severity
from ..sources import layout, publications, reading
from ..sources.contributors import REGISTRY_FILE
from ..sources.layout import CHAPTERS_DIR, display_path
from . import contributors
from .definitions import check_definition, read_definition
from .rules import CHAPTER_CHECKS, PROJECT_CHECKS, RULES


@dataclass
class Report:
    """What validation found, over which files."""

    findings: list[Finding] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    """Every chapter of the project as read for validation (all of them, whatever was chosen)."""

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return self.errors == 0


def load_chapters(root: Path, files: list[Path], base: Path) -> tuple[list[Chapter], list[Finding]]:
    """Read chapter files; files that are not where chapters live give findings instead."""
    chapters, misplaced = reading.read_chapters(root, files, base)
    return chapters, [RULES[error.rule].at(shown, 1, 1, str(error), error.hint) for shown, error in misplaced]


def validate(root: Path, paths: list[Path] | None = None, base: Path | None = None) -> Report:
    """Validate chapters and publication definitions at ``paths``, or everything under ``root``.

    All chapters of the project are read, so that rules across chapters (duplicates,
    translations, cross-references) see the whole book; findings are kept for the chosen files only.
    """
    base = base or Path.cwd()
    everything = [layout.absolute(p) for p in layout.markdown_files(root)]
    if paths:
        chosen = [layout.absolute(p) for p in _expand(paths)]
        definitions = [p for p in chosen if p.name == publications.DEFINITION]
        chosen = [p for p in chosen if p.name != publications.DEFINITION]
    else:
        chosen = everything
        definitions = [layout.absolute(p) for p in publications.definition_files(root)]
    files = sorted(set(everything) | set(chosen), key=lambda p: p.as_posix())
    chapters, findings = load_chapters(root, files, base)
    for chapter in chapters:
        findings.extend(_check_chapter(chapter))
    for check in PROJECT_CHECKS:
        findings.extend(_guarded(check, chapters, CHAPTERS_DIR))
    findings.extend(_check_definitions(definitions, chapters, base))
    if not paths:
        findings.extend(_stray_files(root, base))
        findings.extend(_check_registry(root, base))
    shown = {display_path(p, base) for p in [*chosen, *definitions]}
    registry_file = root / REGISTRY_FILE
    if not paths and registry_file.is_file():
        shown.add(display_path(registry_file, base))
    selected = sorted(f for f in findings if not paths or f.path in shown)
    return Report(selected, sorted(shown), chapters)


def _check_definitions(definitions: list[Path], chapters: list[Chapter], base: Path) -> list[Finding]:
    countries: dict[str, set[str]] = {}
    for chapter in chapters:
        countries.setdefault(chapter.location.publication.value, set()).add(chapter.location.country)
    findings: list[Finding] = []
    for path in definitions:
        document, problems = read_definition(path, display_path(path, base))
        findings.extend(problems)
        if document is not None:
            findings.extend(check_definition(document, path.parent, countries))
    return findings


def _check_registry(root: Path, base: Path) -> list[Finding]:
    """The contributor registry, when the repository has one."""
    path = root / REGISTRY_FILE
    if not path.is_file():
        return []
    return contributors.load(root, display_path(path, base))[1]


def _stray_files(root: Path, base: Path) -> list[Finding]:
    stray = RULES["file-stray"]
    findings = []
    for path in layout.stray_files(root):
        hint = (
            "convert Word files to a chapter with pandoc (see contrib/); put figures in the chapter's folder"
            if path.suffix.lower() in (".docx", ".doc", ".odt", ".rtf")
            else "move it into the chapter's folder, chapters/<publication>/<cc>/"
        )
        findings.append(stray.at(display_path(path, base), 1, 1, f"'{path.name}' is not a chapter", hint))
    return findings


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and _checked_file(p)))
        else:
            files.append(path)
    return files


def _checked_file(path: Path) -> bool:
    """Chapters, and publication definitions (not the book's own front and back matter pages)."""
    if path.name == publications.DEFINITION:
        return True
    return path.suffix == ".md" and publications.BOOK_DIR not in path.parts


def _check_chapter(chapter: Chapter) -> list[Finding]:
    return [finding for check in CHAPTER_CHECKS for finding in _guarded(check, chapter, chapter)]


def _guarded(check: Callable[[Any], Iterable[Finding]], subject: Any, where: Located | str) -> list[Finding]:
    """A check's findings; when the check itself fails, those it gave so far and an internal error.

    A bug in one check must not hide what the other checks, and the other chapters, found.
    """
    found: list[Finding] = []
    try:
        found.extend(check(subject))
    except Exception as exc:
        if debugging():
            raise
        found.append(
            RULES["internal-error"].at(
                where,
                1,
                1,
                f"the validator's check '{check.__name__}' failed on this file ({type(exc).__name__}: {exc})",
                "please report this with the file attached (HANDBOOK_DEBUG=1 shows the traceback);"
                " the other checks were run",
            )
        )
    return found
