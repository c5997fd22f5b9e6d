"""Where things live in a book repository: the project root and the chapter file names."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..core.model import ChapterPath, Publication

CHAPTERS_DIR = "chapters"
_MEDIA_FOLDER = re.compile(r"^[a-z]{2}$")
_CHAPTER_NAME = re.compile(r"^(?P<cc>[a-z]{2})(?:\.(?P<lang>[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*))?\.md$")


class LayoutError(ValueError):
    """A path that is not where a chapter can be; the message says where it should be."""

    def __init__(self, message: str, hint: str, rule: str = "file-location") -> None:
        super().__init__(message)
        self.rule = rule
        self.hint = hint


def absolute(path: Path) -> Path:
    """An absolute, normalised path that does not follow symbolic links (a link is where it is)."""
    return Path(os.path.abspath(path))  # noqa: PTH100 - resolve() would follow links


def display_path(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` when it lies below it, else absolute; always with '/'."""
    where = absolute(path)
    try:
        return where.relative_to(absolute(base)).as_posix()
    except ValueError:
        return where.as_posix()


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a ``chapters/`` folder."""
    start = absolute(start)
    for folder in (start, *start.parents) if start.is_dir() else start.parents:
        if (folder / CHAPTERS_DIR).is_dir():
            return folder
    return None


def chapter_path(root: Path, path: Path) -> ChapterPath:
    """Read publication, country and language from a chapter's path, or raise :class:`LayoutError`."""
    try:
        relative = absolute(path).relative_to(absolute(root) / CHAPTERS_DIR)
    except ValueError:
        raise LayoutError(
            "chapters must be inside the chapters/ folder",
            "move it to chapters/sme/<cc>.md or chapters/gender/<cc>.md",
        ) from None
    kinds = ", ".join(p.value for p in Publication)
    parts = relative.parts
    if len(parts) == 3 and parts[0] in kinds.split(", ") and _MEDIA_FOLDER.match(parts[1]):
        raise LayoutError(
            "Markdown in a chapter's folder is not a chapter",
            f"put the text in chapters/{parts[0]}/{parts[1]}.md; the folder is for figures and data files",
            rule="file-stray",
        )
    if len(parts) != 2:
        raise LayoutError(
            f"a chapter must sit directly in chapters/<publication>/ (one of: {kinds})",
            "move it to chapters/sme/<cc>.md or chapters/gender/<cc>.md; "
            "figures and other files go in chapters/<publication>/<cc>/",
        )
    try:
        publication = Publication(relative.parts[0])
    except ValueError:
        raise LayoutError(
            f"unknown publication folder '{relative.parts[0]}' (expected one of: {kinds})",
            "move the chapter to chapters/sme/ or chapters/gender/",
        ) from None
    match = _CHAPTER_NAME.match(path.name)
    if match is None:
        lowered = path.name.lower()
        better = f" (rename it to {lowered})" if _CHAPTER_NAME.match(lowered) else ""
        raise LayoutError(
            f"chapter file name '{path.name}' is not <cc>.md or <cc>.<language>.md{better}",
            "name the file after the country's ISO 3166-1 alpha-2 code in lower case, e.g. kz.md, "
            "and a translation after its language too, e.g. kz.ru.md",
            rule="file-name",
        )
    return ChapterPath(path, publication, match["cc"].upper(), match["lang"])


def markdown_files(root: Path) -> list[Path]:
    """Every Markdown file under ``chapters/``, sorted: chapters, misplaced files, and broken links."""
    base = root / CHAPTERS_DIR
    if not base.is_dir():
        return []
    return sorted(p for p in base.rglob("*.md") if (p.is_file() or p.is_symlink()) and not _hidden(p.relative_to(base)))


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def stray_files(root: Path) -> list[Path]:
    """Files other than Markdown in ``chapters/`` or a publication folder (e.g. a dropped .docx)."""
    base = root / CHAPTERS_DIR
    if not base.is_dir():
        return []
    folders = [base, *(p for p in base.iterdir() if p.is_dir())]
    return sorted(
        p
        for folder in folders
        for p in folder.iterdir()
        if p.is_file() and p.suffix != ".md" and not p.name.startswith(".")
    )
