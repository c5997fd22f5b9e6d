"""A build server for editing: one process that rebuilds an edition each time a source is saved.

The process stays, and with it everything a build warms up: the fork server and the format workers
(the Typst compiler with its fonts and memoised layout), EPUBCheck's JVM, and the doctrees Sphinx
read before, so a rebuild reads only the chapter that changed. After the book, the offprints of
the chapters that changed are built again too. A build that fails is reported and the last good
outputs stay published; the next save tries again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .builders.gates import start_epubcheck
from .builders.workers import keep_workers
from .core.model import BuildError, Chapter, Progress
from .pipeline import BuildResult, build_offprints
from .sources.contributors import REGISTRY_FILE

WATCHED = ("chapters", "book", REGISTRY_FILE.parent.as_posix())
"""The folders of the repository whose files a build reads."""


@dataclass(frozen=True)
class Built:
    """One build of a round (the book, or an offprint) and its seconds from start to published."""

    result: BuildResult
    seconds: float


@dataclass(frozen=True)
class Round:
    """One round of builds after a change: what changed, what was built, and how it ended."""

    changed: tuple[Path, ...]
    """The files that changed, relative to the repository (none for the first build)."""
    built: list[Built] = field(default_factory=list)
    error: BuildError | None = None
    seconds: float = 0.0
    """From the start of the round to its end, the book and the offprints together."""

    @property
    def ok(self) -> bool:
        return self.error is None


Told = Callable[[Round], None]


def build_round(
    root: Path,
    publication: str,
    edition: str | None,
    formats: tuple[str, ...],
    check: bool,
    changed: Iterable[Path] = (),
    progress: Progress | None = None,
) -> Round:
    """Build the edition and the offprints of the chapters among ``changed``; never raises BuildError."""
    changed = tuple(sorted(changed))
    started = last = time.monotonic()
    built: list[Built] = []
    try:
        for result in build_offprints(
            root, publication, formats, progress, check, edition, book=True, chosen=_edited(root, changed)
        ):
            built.append(Built(result, time.monotonic() - last))
            last = time.monotonic()
    except BuildError as error:
        return Round(changed, built, error, time.monotonic() - started)
    return Round(changed, built, None, time.monotonic() - started)


def watch(
    root: Path,
    publication: str,
    edition: str | None,
    formats: tuple[str, ...],
    check: bool,
    told: Told,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
) -> None:
    """Build now, then again after every change under :data:`WATCHED`, telling ``told`` each round, until
    ``stop`` is set (or Ctrl-C)."""
    from watchfiles import DefaultFilter
    from watchfiles import watch as changes

    keep_workers()
    if check and "epub" in formats:
        start_epubcheck(lasting=True)
    try:
        told(build_round(root, publication, edition, formats, check, progress=progress))
        folders = [root / name for name in WATCHED if (root / name).is_dir()]
        for batch in changes(
            *folders, watch_filter=DefaultFilter(), stop_event=stop, raise_interrupt=False, debounce=800, step=50
        ):
            paths = {Path(path).resolve().relative_to(root.resolve()) for _, path in batch}
            told(build_round(root, publication, edition, formats, check, paths, progress))
    finally:
        keep_workers(False)


def _edited(root: Path, changed: tuple[Path, ...]) -> Callable[[Chapter], bool]:
    """Whether a chapter is among ``changed``: its file, or a file in its media folder."""
    absolute = {(root / path).resolve() for path in changed}

    def edited(chapter: Chapter) -> bool:
        source, media = chapter.location.path.resolve(), chapter.location.media_dir.resolve()
        return any(path == source or path.is_relative_to(media) for path in absolute)

    return edited
