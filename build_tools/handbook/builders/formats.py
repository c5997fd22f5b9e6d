"""Writing the formats of one build from the shared read: each with its Sphinx builder, then its gate."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..assemble.project import Assembly
from ..core.config import BuildOptions
from ..core.model import Progress
from .gates import check_output
from .runner import run_sphinx

FORMATS = ("html", "epub", "pdf")
BUILDERS = {"html": "html", "epub": "handbook-epub", "pdf": "typst"}
LONGEST_FIRST = ("pdf", "epub", "html")
"""The order formats start in when they cannot all run at once: Typst and EPUBCheck take longest."""


def read(assembly: Assembly, work: Path, options: BuildOptions, report: Progress) -> str:
    """Read every document once into ``work/.doctrees`` (the formats then only write); the structure digest."""
    return run_sphinx(assembly, "handbook-read", work / ".staging" / "read", work / ".doctrees", options, report)


def staging_dir(work: Path, fmt: str) -> Path:
    """Where a format is written before it is published."""
    return work / ".staging" / fmt


@dataclass(frozen=True)
class FormatJob:
    """Write one format into its staging folder (picklable, for a worker)."""

    fmt: str
    assembly: Assembly
    work: Path
    options: BuildOptions
    previous: Path | None
    """The last good output to start from (see :func:`handbook.builders.incremental.reusable`): Sphinx then
    writes only the pages of documents that changed."""

    def __call__(self, report: Progress) -> None:
        staging = staging_dir(self.work, self.fmt)
        if self.fmt != "pdf":  # the Typst builder keeps its fragment cache there and writes only what changed
            shutil.rmtree(staging, ignore_errors=True)
            if self.previous is not None:
                shutil.copytree(self.previous, staging, symlinks=True)
        run_sphinx(self.assembly, BUILDERS[self.fmt], staging, self.work / ".doctrees", self.options, report)


@dataclass(frozen=True)
class GateJob:
    """Run one format's quality gate on its staged output, in the build's own process (where EPUBCheck's JVM
    stays warm for every build the process makes)."""

    fmt: str
    work: Path
    name: str
    epubcheck: bool = True
    expected: tuple[str, ...] = ()
    """Pages written after the gate, which links may point at (the status board)."""

    def __call__(self, report: Progress) -> None:
        staging = staging_dir(self.work, self.fmt)
        check_output(self.fmt, staging, self.name, report, epubcheck=self.epubcheck, expected=self.expected)
