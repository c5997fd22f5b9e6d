"""Reading chapter files from disk into :class:`~handbook.model.Chapter` objects."""

from __future__ import annotations

from . import frontmatter, outline
from .model import Chapter, ChapterPath

MAX_CHAPTER_BYTES = 2_000_000
"""Largest chapter file accepted: far above any real chapter, far below what could hurt the build."""


def read_chapter(location: ChapterPath, display_path: str) -> Chapter:
    """Read one chapter; a problem that stops reading is kept in ``chapter.problem``."""
    chapter = Chapter(location=location, display_path=display_path)
    try:
        data = location.path.read_bytes()
    except OSError as exc:
        path = location.path
        if path.is_symlink() and not path.exists():
            message = f"the file is a symbolic link to {path.readlink()}, which does not exist"
            hint = "replace the link with the chapter file itself"
        else:
            message, hint = f"cannot read the file: {exc.strerror}", "check that it is a file you may read"
        chapter.problem = frontmatter.SourceProblem("file-unreadable", 1, 1, message, hint)
        return chapter
    chapter.size = len(data)
    if len(data) > MAX_CHAPTER_BYTES:
        chapter.problem = frontmatter.SourceProblem(
            "file-size",
            1,
            1,
            f"the file is {len(data):,} bytes; chapters may be at most {MAX_CHAPTER_BYTES:,}",
            "split very long annexes into a separate chapter, and keep data and figures in files of their own",
        )
        return chapter
    try:
        source = frontmatter.split(frontmatter.decode(data))
        chapter.source = source
        chapter.outline = outline.parse(source.body, source.body_line)
        meta, chapter.lines = frontmatter.load_yaml(source.front_matter or "", source.front_matter_line)
        chapter.meta = meta if isinstance(meta, dict) else None
        if chapter.meta is None:
            raise frontmatter.SourceProblem(
                "front-matter-mapping",
                source.front_matter_line,
                1,
                "the front matter is not a set of 'key: value' fields",
                "write one field per line, e.g. 'title: ...', 'country: KZ' (see contrib/templates/)",
            )
    except frontmatter.SourceProblem as problem:
        chapter.problem = problem
    return chapter
