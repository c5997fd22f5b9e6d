"""Reading chapter files from disk into :class:`~handbook.model.Chapter` objects."""

from __future__ import annotations

from pathlib import Path

from ..core.model import Chapter, ChapterPath, SourceProblem
from ..core.safe_yaml import load_yaml
from . import frontmatter, layout, outline

MAX_CHAPTER_BYTES = 2_000_000
"""Largest chapter file accepted: far above any real chapter, far below what could hurt the build."""


def read_chapters(
    root: Path, files: list[Path], base: Path
) -> tuple[list[Chapter], list[tuple[str, layout.LayoutError]]]:
    """Read chapter files, shown relative to ``base``; files that are not where chapters live are returned apart."""
    chapters: list[Chapter] = []
    misplaced: list[tuple[str, layout.LayoutError]] = []
    for path in files:
        shown = layout.display_path(path, base)
        try:
            location = layout.chapter_path(root, path)
        except layout.LayoutError as error:
            misplaced.append((shown, error))
            continue
        chapters.append(read_chapter(location, shown))
    return chapters, misplaced


def read_chapter(location: ChapterPath, display_path: str) -> Chapter:
    """Read one chapter; a problem that stops reading is kept in ``chapter.problem``."""
    chapter = Chapter(location=location, display_path=display_path)
    chapter.problem = _linked_outside(location)
    if chapter.problem is not None:
        return chapter
    try:
        size = location.path.stat().st_size
        data = location.path.read_bytes() if size <= MAX_CHAPTER_BYTES else b""  # a huge file is never read
    except OSError as exc:
        path = location.path
        if path.is_symlink() and not path.exists():
            message = f"the file is a symbolic link to {path.readlink()}, which does not exist"
            hint = "replace the link with the chapter file itself"
        else:
            message, hint = f"cannot read the file: {exc.strerror}", "check that it is a file you may read"
        chapter.problem = SourceProblem("file-unreadable", 1, 1, message, hint)
        return chapter
    chapter.size = size
    if size > MAX_CHAPTER_BYTES:
        chapter.problem = SourceProblem(
            "file-size",
            1,
            1,
            f"the file is {size:,} bytes; chapters may be at most {MAX_CHAPTER_BYTES:,}",
            "split very long annexes into a separate chapter, and keep data and figures in files of their own",
        )
        return chapter
    try:
        source = frontmatter.split(frontmatter.decode(data))
        chapter.source = source
        chapter.outline = outline.parse(source.body, source.body_line)
        meta, chapter.lines = load_yaml(source.front_matter or "", source.front_matter_line)
        chapter.meta = meta if isinstance(meta, dict) else None
        if chapter.meta is None:
            raise SourceProblem(
                "front-matter-mapping",
                source.front_matter_line,
                1,
                "the front matter is not a set of 'key: value' fields",
                "write one field per line, e.g. 'title: ...', 'country: KZ' (see contrib/templates/)",
            )
    except SourceProblem as problem:
        chapter.problem = problem
    return chapter


def _linked_outside(location: ChapterPath) -> SourceProblem | None:
    """What is wrong with a chapter that is, or is in, a symbolic link to a file outside chapters/.

    Such a file is not read at all: it could be any file on the machine that runs the validator or the build.
    """
    path = layout.absolute(location.path)
    chapters = path.parent.parent
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of symlinks: RuntimeError before Python 3.13, OSError since
        return SourceProblem(
            "file-unreadable", 1, 1, "the file is a symbolic link that loops", "replace the link with the chapter file"
        )
    if not target.exists() or target.is_relative_to(chapters.resolve()):
        return None
    link = f"a symbolic link to {path.readlink()}" if path.is_symlink() else f"inside a link to {target.parent}"
    return SourceProblem(
        "file-symlink",
        1,
        1,
        f"the file is {link}, outside the repository's chapters/ folder; it was not read",
        "replace the link with the chapter file itself",
    )
