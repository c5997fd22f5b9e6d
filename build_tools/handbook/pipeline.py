"""The pipeline, stage by stage: validate, assemble, build (read once, write every format), gate, publish.

Outputs are built in a staging folder and moved into ``_build/<publication-id>/<language>/`` only when
the build succeeded with no warning and passed its gates, so a failed build never replaces the last
good files.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .assemble import extras
from .assemble.offprint import offprint
from .assemble.project import Assembly, assemble
from .assemble.settings import STATUS_PAGE
from .builders import formats as writing
from .builders.gates import GATED, start_epubcheck
from .builders.incremental import remember, reusable
from .builders.workers import Outcome, run_jobs, warm_up
from .collab import history
from .core import dates
from .core.config import BuildOptions
from .core.files import exclusive_lock
from .core.model import BuildError, Chapter, Finding, Progress, PublicationSpec
from .publish import outputs, status
from .publish.exports import export_recommendations
from .validate import gate
from .validate.contributors import load_if_present
from .validate.runner import Report

FORMATS = writing.FORMATS


@dataclass
class BuildResult:
    """What a build produced."""

    publication: str
    outputs: dict[str, Path] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    chapters: int = 0
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds of each step: validate, assemble, read, write (all formats) and write <format>."""
    edition: str = ""
    """The edition's language."""
    chapter: str = ""
    """The country code of an offprint's chapter; empty for the whole book."""


def build(
    root: Path,
    publication: str,
    formats: tuple[str, ...],
    progress: Progress | None = None,
    check: bool = True,
    chapter: str | None = None,
    edition: str | None = None,
) -> BuildResult:
    """Build one edition of ``publication`` (default: its first) in ``formats``.

    Raises BuildError and leaves old outputs untouched. With ``check`` (the default) the EPUB
    must pass EPUBCheck with no message before it is published. With ``chapter`` (a country
    code) only that chapter is built, as an offprint.
    """
    report = progress or _quiet
    validated = _validate(root, publication, edition, formats, check, report, [chapter.upper()] if chapter else None)
    if chapter:
        return _build_offprint(validated, chapter, formats, report)
    return _build_book(validated, formats, report)


def build_offprints(
    root: Path,
    publication: str,
    formats: tuple[str, ...],
    progress: Progress | None = None,
    check: bool = True,
    edition: str | None = None,
    book: bool = False,
    chosen: Callable[[Chapter], bool] | None = None,
) -> Iterator[BuildResult]:
    """Every chapter of an edition as an offprint, in book order (only those ``chosen`` picks), after the
    whole book with ``book``; all from one validation, with the workers, Typst and EPUBCheck's JVM warm
    from one build to the next. The book stops with BuildError at once; without it, a chapter with
    errors is left out and the others are built, then BuildError lists what was left out and why."""
    report = progress or _quiet
    validated = _validate(root, publication, edition, formats, check, report, None if book else ())
    if book:
        yield _build_book(validated, formats, report)
    left_out: dict[str, list[Finding]] = {}
    for chapter in list(validated.chapters):
        code = chapter.location.country
        if chosen is not None and not chosen(chapter):
            continue
        if errors := gate.chapter_errors(validated.validation, validated.spec, [code]):
            left_out[code] = errors
            continue
        yield _build_offprint(validated, code, formats, report)
    if left_out:
        codes = ", ".join(left_out)
        findings = [f for errors in left_out.values() for f in errors]
        raise BuildError(f"the offprints of {codes} were not built: their chapters have errors", findings)


def prepare(root: Path, publication: str, edition: str | None = None) -> Assembly:
    """Validate and assemble an edition's Sphinx project without building it (for live preview)."""
    spec = gate.load_edition(root, publication, edition)
    chapters, validation = gate.validated_chapters(root, spec)
    out = outputs.build_dir(root, publication, spec.edition_language)
    return _assemble(_Stage(publication, root, out, spec, chapters, check=False), validation, whole=True)


def chapter_codes(root: Path, publication: str) -> list[str]:
    """The country codes of a publication's chapters, in book order (for offprints)."""
    spec = gate.load_publication(root, publication)
    return [c.location.country for c in gate.validated_chapters(root, spec)[0]]


def editions(root: Path, publication: str) -> tuple[str, ...]:
    """The language editions a publication defines, first the first."""
    return gate.load_publication(root, publication).edition_languages


def source_date(root: Path, spec: PublicationSpec) -> int:
    """When the sources were last changed: SOURCE_DATE_EPOCH if set, else the last commit's time, else the
    publication's date. BuildError when SOURCE_DATE_EPOCH is not a number."""
    try:
        epoch = history.source_date(root)
    except dates.SourceDateError as error:
        raise BuildError(str(error), []) from None
    return dates.from_iso_date(spec.date) if epoch is None else epoch


@dataclass
class _Validated:
    """An edition whose chapters passed validation, ready to be built whole or chapter by chapter."""

    root: Path
    publication: str
    spec: PublicationSpec
    chapters: list[Chapter]
    validation: Report
    check: bool
    seconds: float
    """How long validation took (counted in the first build made from it)."""
    options: BuildOptions
    """The builds' options, the source date decided once for the book and all its offprints."""


def _validate(
    root: Path,
    publication: str,
    edition: str | None,
    formats: tuple[str, ...],
    check: bool,
    report: Progress,
    countries: Collection[str] | None = None,
) -> _Validated:
    """The edition validated: every chapter of its folder without errors, or only those of ``countries``."""
    spec = gate.load_edition(root, publication, edition)
    if len(formats) > 1:
        warm_up()
    started = time.monotonic()
    report("validating chapters", 0, 1)
    chapters, validation = gate.validated_chapters(root, spec, countries)
    seconds = time.monotonic() - started
    if check and "epub" in formats:
        start_epubcheck()  # Java starts while the project is assembled and read
    options = BuildOptions(source_date_epoch=source_date(root, spec))
    return _Validated(root, publication, spec, chapters, validation, check, seconds, options)


def _build_book(validated: _Validated, formats: tuple[str, ...], report: Progress) -> BuildResult:
    stage = _stage(validated)
    clock = _Clock(validated)
    report("assembling the Sphinx project", 0, 1)
    assembly = _assemble(stage, validated.validation, whole=True)
    clock.lap("assemble")
    with exclusive_lock(stage.out, f"{validated.publication} ({validated.spec.edition_language})"):
        result = _write(stage, assembly, formats, validated.options, clock, report)
        _publish_extras(stage, validated.validation, result)
    return result


def _build_offprint(validated: _Validated, chapter: str, formats: tuple[str, ...], report: Progress) -> BuildResult:
    stage = _stage(validated)
    clock = _Clock(validated)
    stage.spec, stage.chapters, external = offprint(validated.spec, validated.chapters, chapter)
    stage.work, stage.published = outputs.offprint_dir(stage.out) / chapter.lower(), outputs.offprint_dir(stage.out)
    report("assembling the Sphinx project", 0, 1)
    assembly = _assemble(stage, validated.validation, whole=False, external=external)
    clock.lap("assemble")
    with exclusive_lock(stage.out, f"{validated.publication} ({validated.spec.edition_language})"):
        result = _write(stage, assembly, formats, validated.options, clock, report)
    result.chapter = chapter.upper()
    return result


def _stage(validated: _Validated) -> _Stage:
    out = outputs.build_dir(validated.root, validated.publication, validated.spec.edition_language)
    return _Stage(validated.publication, validated.root, out, validated.spec, validated.chapters, validated.check)


@dataclass
class _Stage:
    """One build's places: the edition's folder, where it works and where it publishes, and what it builds."""

    publication: str
    root: Path
    out: Path
    spec: PublicationSpec
    chapters: list[Chapter]
    check: bool
    work: Path = field(init=False)
    published: Path = field(init=False)

    def __post_init__(self) -> None:
        self.work = self.published = self.out


def _assemble(stage: _Stage, validation: Report, whole: bool, external: dict[str, str] | None = None) -> Assembly:
    """The Sphinx project of the stage's chapters, with what the sources alone do not say."""
    found = extras.gather(
        stage.root, stage.spec, stage.chapters, validation.chapters, load_if_present(stage.root), whole
    )
    found.external = external or {}
    return assemble(stage.root, stage.spec, stage.chapters, stage.work / "source", found)


def _write(
    stage: _Stage, assembly: Assembly, formats: tuple[str, ...], options: BuildOptions, clock: _Clock, report: Progress
) -> BuildResult:
    """Read the chapters once, write every format from that read side by side, and publish those that passed."""
    report("reading the chapters", 0, 1)
    structure = writing.read(assembly, stage.work, options, report)
    # Pages show what conf.py says of their chapter (notes, history): a new conf.py, new pages.
    structure += "\nconf.py " + _digest(assembly.srcdir / "conf.py")
    clock.lap("read")
    name = stage.spec.stem
    jobs = {
        fmt: writing.FormatJob(fmt, assembly, stage.work, options, _previous(stage, fmt, structure))
        for fmt in sorted(formats, key=writing.LONGEST_FIRST.index)
    }
    expected = (STATUS_PAGE,) if stage.published == stage.out else ()  # a whole book's board comes next
    gates = {
        fmt: writing.GateJob(fmt, stage.work, name, epubcheck=stage.check, expected=expected)
        for fmt in jobs
        if fmt in GATED
    }
    outcomes = run_jobs(jobs, report, then=gates, family=f"{stage.publication}/{stage.spec.edition_language}")
    clock.lap("write")
    clock.phases.update({f"write {fmt}": outcome.seconds for fmt, outcome in outcomes.items()})
    (stage.work / "build-times.json").write_text(json.dumps(clock.phases, indent=1) + "\n", encoding="utf-8")
    result = BuildResult(
        stage.publication, chapters=len(stage.chapters), phases=clock.phases, edition=stage.spec.edition_language or ""
    )
    for fmt in formats:
        if outcomes[fmt].ok:
            staged = writing.staging_dir(stage.work, fmt)
            result.outputs[fmt] = outputs.publish(fmt, staged, stage.published, name)
            result.seconds[fmt] = outcomes[fmt].seconds
            remember(_record(stage, fmt), structure)
    _raise_failures(list(outcomes.values()))
    return result


def _publish_extras(stage: _Stage, validation: Report, result: BuildResult) -> None:
    """A whole book's exports (its recommendations) and, in its HTML edition, the editors' status board."""
    for path in export_recommendations(stage.chapters, stage.out):
        result.outputs[path.suffix.lstrip(".")] = path
        result.seconds[path.suffix.lstrip(".")] = 0.0
    if "html" in result.outputs:
        status.write_page(stage.root, stage.spec, result.outputs["html"], validation)


def _previous(stage: _Stage, fmt: str, structure: str) -> Path | None:
    """The last good output a format may start from: the HTML, when the book's structure is unchanged."""
    previous = outputs.published_path(fmt, stage.published, stage.spec.stem)
    found = reusable(_record(stage, fmt), structure, previous)
    return found if fmt == "html" else None


def _record(stage: _Stage, fmt: str) -> Path:
    return stage.work / ".staging" / f"{fmt}.structure"


def _raise_failures(outcomes: list[Outcome]) -> None:
    failed = [outcome for outcome in outcomes if not outcome.ok]
    if failed:
        message = "; ".join(f"{o.name}: {o.error}" for o in failed)
        tracebacks = tuple(o.traceback for o in failed if o.traceback)
        raise BuildError(message, [f for o in failed for f in o.findings], tracebacks)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _quiet(step: str, done: int, total: int) -> None:
    """Progress nobody watches."""


class _Clock:
    """Seconds of each phase of a build."""

    def __init__(self, validated: _Validated) -> None:
        self.phases: dict[str, float] = {"validate": validated.seconds}
        validated.seconds = 0.0
        self.started = time.monotonic()

    def lap(self, phase: str) -> None:
        now = time.monotonic()
        self.phases[phase] = now - self.started
        self.started = now
