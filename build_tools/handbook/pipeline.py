"""``handbook build``: validate, assemble, run Sphinx per format, check, and publish atomically.

Outputs are built in a staging folder and moved into ``_build/<publication-id>/`` only when the
build succeeded with no warning, so a failed build never replaces the last good files.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from .assemble.notes import edition_notes
from .assemble.project import Assembly, Extras, assemble
from .builders.incremental import structure_digest
from .builders.workers import run_jobs, warm_up
from .core.files import swap_folder
from .core.labels.book import label
from .core.model import BuildError, Chapter, Finding, PublicationSpec, Severity
from .sources import publications
from .sources.layout import display_path
from .validate import definitions
from .validate.runner import Report, validate

FORMATS = ("html", "epub", "pdf")
BUILDERS = {"html": "html", "epub": "handbook-epub", "pdf": "typst"}
LONGEST_FIRST = ("pdf", "epub", "html")
"""The order formats start in when they cannot all run at once: Typst and EPUBCheck take longest."""
_WARNING = re.compile(
    r"^(?P<path>.*?):(?P<line>\d+)?:? ?(?:\(?(?P<level>WARNING|ERROR|CRITICAL)\)?): "
    r"(?P<message>.*?)(?: \[(?P<type>[\w.-]+)\])?$"
)


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


Progress = Callable[[str, int, int], None]
"""Called with (step description, done, total)."""


def build_dir(root: Path, publication: str, edition: str | None = None) -> Path:
    """``_build/<id>/`` and, for one edition, ``_build/<id>/<language>/``."""
    return root / "_build" / publication / edition if edition else root / "_build" / publication


def source_date_epoch(root: Path, spec: PublicationSpec) -> str:
    """SOURCE_DATE_EPOCH if set, else the last commit's time, else the publication date."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        import git

        return str(git.Repo(root, search_parent_directories=True).head.commit.committed_date)
    except Exception:  # noqa: BLE001 - no repository, no commits, or no git: fall back to the date
        import calendar

        return str(calendar.timegm(time.strptime(spec.date, "%Y-%m-%d")))


def load_edition(root: Path, publication: str, edition: str | None) -> PublicationSpec:
    """One edition of the publication (default: its first), or BuildError."""
    spec = load_publication(root, publication)
    try:
        return publications.edition_spec(spec, edition)
    except ValueError as error:
        raise BuildError(str(error), []) from None


def load_publication(root: Path, publication: str) -> PublicationSpec:
    """The publication's definition, or BuildError with its findings."""
    path = root / publications.BOOK_DIR / publication / publications.DEFINITION
    if not path.is_file():
        known = ", ".join(p.parent.name for p in publications.definition_files(root)) or "none"
        raise BuildError(f"no publication '{publication}' (known: {known})", [])
    document, findings = definitions.read_definition(path, display_path(path, Path.cwd()))
    if document is not None:
        findings += definitions.check_definition(document, path.parent, {})
    errors = [f for f in findings if f.severity is Severity.ERROR and f.rule != "publication-order"]
    if document is None or errors:
        raise BuildError(f"{path.name} of {publication} has errors", errors)
    return publications.to_spec(document, path.parent)


def selected_chapters(root: Path, spec: PublicationSpec) -> list[Chapter]:
    """The chapters of the book, after validation.

    An error in any chapter of the book's folder stops the build, whatever its status: a chapter
    whose status cannot be read cannot be left out safely either.
    """
    return _validated(root, spec)[0]


def _validated(root: Path, spec: PublicationSpec) -> tuple[list[Chapter], Report]:
    report = validate(root, base=Path.cwd())
    chapters = report.chapters
    chosen = publications.select_chapters(spec, chapters)
    folder = [c for c in chapters if c.location.publication is spec.source]
    mine = {c.display_path for c in folder} | {display_path(spec.folder / publications.DEFINITION, Path.cwd())}
    errors = [f for f in report.findings if f.severity is Severity.ERROR and f.path in mine]
    if errors:
        raise BuildError(f"{len(errors)} validation error(s) in {spec.id}'s chapters", errors)
    return chosen, report


def prepare(root: Path, publication: str, edition: str | None = None) -> Assembly:
    """Validate and assemble an edition's Sphinx project without building it (for live preview)."""
    spec = load_edition(root, publication, edition)
    chapters, validation = _validated(root, spec)
    extras = _extras(root, spec, chapters, validation, whole=True)
    return assemble(root, spec, chapters, build_dir(root, publication, spec.edition_language) / "source", extras)


def chapter_codes(root: Path, publication: str) -> list[str]:
    """The country codes of a publication's chapters, in book order (for offprints)."""
    spec = load_publication(root, publication)
    return [c.location.country for c in selected_chapters(root, spec)]


def editions(root: Path, publication: str) -> tuple[str, ...]:
    """The language editions a publication defines, first the first."""
    return load_publication(root, publication).edition_languages


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
    report = progress or (lambda step, done, total: None)
    spec = load_edition(root, publication, edition)
    if len(formats) > 1:
        warm_up()
    report("validating chapters", 0, 1)
    clock = time.monotonic()
    chapters, validation = _validated(root, spec)
    phases = {"validate": time.monotonic() - clock}
    out = build_dir(root, publication, spec.edition_language)
    work = out
    external: dict[str, str] = {}  # for an offprint, the other chapters' labels as text
    if chapter:
        spec, chapters, external = _offprint(spec, chapters, chapter)
        work = out / "offprints" / chapter.lower()
    extras = _extras(root, spec, chapters, validation, whole=not chapter)
    extras.external = external
    name = spec.stem
    report("assembling the Sphinx project", 0, 1)
    clock = time.monotonic()
    assembly = assemble(root, spec, chapters, work / "source", extras)
    phases["assemble"] = time.monotonic() - clock
    result = BuildResult(publication, chapters=len(chapters), phases=phases, edition=spec.edition_language or "")
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(root, spec)
    with _lock(out, f"{publication} ({spec.edition_language})"):
        report("reading the chapters", 0, 1)
        clock = time.monotonic()
        structure = _run_sphinx(assembly, "dummy", work / ".staging" / "read", work / ".doctrees", root, report)
        # Pages show what conf.py says of their chapter (notes, history): a new conf.py, new pages.
        structure += "\nconf.py " + hashlib.sha256((assembly.srcdir / "conf.py").read_bytes()).hexdigest()
        phases["read"] = time.monotonic() - clock
        published = out if not chapter else out / "offprints"
        jobs = {
            fmt: functools.partial(
                _format_job, fmt, assembly, work, name, root, check, _reusable(work, fmt, structure, published, name)
            )
            for fmt in sorted(formats, key=LONGEST_FIRST.index)
        }
        clock = time.monotonic()
        outcomes = run_jobs(jobs, report)
        phases["write"] = time.monotonic() - clock
        phases.update({f"write {fmt}": outcome.seconds for fmt, outcome in outcomes.items()})
        (work / "build-times.json").write_text(json.dumps(phases, indent=1) + "\n", encoding="utf-8")
        failed = [outcome for outcome in outcomes.values() if not outcome.ok]
        for fmt in formats:
            outcome = outcomes[fmt]
            if outcome.ok:
                result.outputs[fmt] = _publish(fmt, work / ".staging" / fmt, published, name)
                result.seconds[fmt] = outcome.seconds
                (work / ".staging" / f"{fmt}.structure").write_text(structure, encoding="utf-8")
        if failed:
            message = "; ".join(f"{o.name}: {o.error}" for o in failed)
            raise BuildError(message, [f for o in failed for f in o.findings])
        if not chapter:
            _export(chapters, out, result)
            if "html" in result.outputs:
                _status_page(root, spec, result.outputs["html"], validation)
    return result


def _reusable(work: Path, fmt: str, structure: str, published: Path, name: str) -> Path | None:
    """The previous output a format may start from: the last good HTML.

    Only when the book's structure is unchanged since that output was made; the record of it is
    removed now and written again only after success, so a failed or killed build is never reused.
    (The EPUB is always written whole: Sphinx's EPUB builder lists a reused page twice in its spine.)
    """
    record = work / ".staging" / f"{fmt}.structure"
    same = record.is_file() and record.read_text(encoding="utf-8") == structure
    record.unlink(missing_ok=True)
    if fmt != "html" or not same:
        return None
    previous = _published_path(fmt, published, name)
    return previous if previous.is_dir() else None


def _format_job(
    fmt: str,
    assembly: Assembly,
    work: Path,
    name: str,
    root: Path,
    check: bool,
    previous: Path | None,
    report: Progress,
) -> None:
    """Write one format into its staging folder and run its quality gate.

    With ``previous`` (see :func:`_reusable`) the folder starts as that output, so Sphinx writes
    only the pages of documents that changed.
    """
    staging = work / ".staging" / fmt
    if fmt != "pdf":  # the Typst builder keeps its fragment cache there and writes only what changed
        shutil.rmtree(staging, ignore_errors=True)
        if previous is not None:
            shutil.copytree(previous, staging, symlinks=True)
    _run_sphinx(assembly, BUILDERS[fmt], staging, work / ".doctrees", root, report)
    if check:
        _gate(fmt, staging, name, report)


def _status_page(root: Path, spec: PublicationSpec, html: Path, validation: Report) -> None:
    """The editors' board of the book's chapters, as a page of the HTML edition."""
    from .publish.status import board, to_html

    title = label(spec.language, "editorial_status_of").format(title=spec.title)
    page = to_html(board(root, (spec.source,), validation), title, spec.language)
    (html / "status.html").write_text(page, "utf-8")


def _export(chapters: list[Chapter], out: Path, result: BuildResult) -> None:
    """The recommendations of the book as CSV and JSON, when it has any."""
    from .publish import exports
    from .sources import recommendations

    items = [r for c in chapters for r in recommendations.from_chapter(c, c.docname)]
    if items:
        for path in exports.write(items, out):
            result.outputs[path.suffix.lstrip(".")] = path
            result.seconds[path.suffix.lstrip(".")] = 0.0


def _extras(root: Path, spec: PublicationSpec, chapters: list[Chapter], validation: Report, whole: bool) -> Extras:
    """What the sources alone do not say: the edition's notes on its chapters, attribution from git,
    and for a whole book (not an offprint) its other editions and the "What is new" page of a build
    from a tag."""
    from .assemble.backmatter import whats_new_page
    from .collab import history
    from .validate.contributors import load_if_present

    extras = Extras(notes=edition_notes(root, spec, chapters, validation.chapters))
    if whole:
        extras.other_editions = tuple(tag for tag in spec.edition_languages if tag != spec.edition_language)
    repo = history.open_repository(root)
    if repo is None:
        return extras
    registry = load_if_present(root)
    for chapter in chapters:
        attribution = history.attribute(repo, chapter.location.path, registry)
        if attribution is not None:
            extras.history[chapter.docname] = attribution.as_dict()
    tags = history.edition_tags(repo) if whole else None
    if tags is not None:
        changes = history.changelog(repo, tags[1], "HEAD")
        extras.whats_new = whats_new_page(changes, tags[0], tags[1], spec.language)
    return extras


def _offprint(
    spec: PublicationSpec, chapters: list[Chapter], code: str
) -> tuple[PublicationSpec, list[Chapter], dict[str, str]]:
    """An offprint: one chapter with the book's design, its own title, and the other chapters'
    labels as plain text (a reference to them reads "section title, in the <book> chapter on X")."""
    from dataclasses import replace

    from .core import registry
    from .sources.outline import section_titles

    found = [c for c in chapters if c.location.country == code.upper()]
    if not found:
        have = ", ".join(c.location.country for c in chapters) or "none"
        raise BuildError(f"{spec.id} has no chapter for {code.upper()} (chapters: {have})", [])
    chapter = found[0]
    meta = chapter.meta or {}
    offprint = replace(
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
    return offprint, [chapter], external


@contextmanager
def _lock(out: Path, what: str) -> Iterator[None]:
    """One build of an edition at a time."""
    out.mkdir(parents=True, exist_ok=True)
    lock = out / ".lock"
    try:
        handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        pid = lock.read_text(encoding="utf-8").strip() or "?"
        if pid.isdigit() and not _alive(int(pid)):
            lock.unlink(missing_ok=True)
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        else:
            raise BuildError(f"another build of {what} is running (process {pid}); wait for it to finish", []) from None
    try:
        os.write(handle, str(os.getpid()).encode())
        os.close(handle)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _run_sphinx(
    assembly: Assembly,
    builder: str,
    outdir: Path,
    doctrees: Path,
    root: Path,
    report: Progress,
) -> str:
    """Run one Sphinx builder; returns the book's structure digest."""
    from sphinx import locale
    from sphinx.application import Sphinx
    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    nocolor()
    # Sphinx merges each new app's message catalogues into those of the apps before it in the same
    # process: after a Russian edition, an English one would read Sphinx's labels in Russian (and its
    # workers, which start clean, would find the configuration changed and read everything again).
    locale.translators.clear()

    warnings = io.StringIO()
    log = (outdir.parent.parent / f"sphinx-{builder}.log").open("w", encoding="utf-8")
    try:
        with patch_docutils(assembly.srcdir), docutils_namespace():
            app = Sphinx(
                srcdir=assembly.srcdir,
                confdir=assembly.srcdir,
                outdir=outdir,
                doctreedir=doctrees,
                buildername=builder,
                status=log,
                warning=warnings,
                freshenv=False,
                keep_going=True,
            )
            _follow(app, builder, report)
            app.build()
            structure = structure_digest(app.env)
    finally:
        log.close()
    findings = parse_warnings(warnings.getvalue(), assembly, root)
    if findings:
        # Sphinx keeps what it read, warnings and all; forget it, so that the next build reads the
        # documents again and reports the same problems instead of passing them by.
        (doctrees / "environment.pickle").unlink(missing_ok=True)
        raise BuildError(f"Sphinx reported {len(findings)} problem(s) building {builder}", findings)
    return structure


def _follow(app: object, builder: str, report: Progress) -> None:
    """Report reading and writing progress from Sphinx's events."""
    from sphinx.application import Sphinx

    assert isinstance(app, Sphinx)
    state = {"read": 0, "write": 0, "total": 0}

    def before_read(app: Sphinx, env: object, docnames: list[str]) -> None:
        state["total"] = len(docnames)
        report(f"{builder}: reading", 0, max(len(docnames), 1))

    def source_read(app: Sphinx, docname: str, source: list[str]) -> None:
        state["read"] += 1
        report(f"{builder}: reading {docname}", state["read"], max(state["total"], 1))

    def resolved(app: Sphinx, doctree: object, docname: str) -> None:
        state["write"] += 1
        report(f"{builder}: writing {docname}", state["write"], len(app.env.found_docs))

    app.connect("env-before-read-docs", before_read)
    app.connect("source-read", source_read)
    app.connect("doctree-resolved", resolved)


def parse_warnings(text: str, assembly: Assembly, root: Path) -> list[Finding]:
    """Sphinx's warnings as findings at the contributor's file and line.

    A warning may run over several lines (Typst's diagnostics do); they stay one finding.
    """
    findings: list[Finding] = []
    for line in text.splitlines():
        match = _WARNING.match(line.strip())
        if match is None:
            if findings and line.strip():
                last = findings[-1]
                findings[-1] = replace(last, message=f"{last.message}\n    {line.rstrip()}")
            elif line.strip():
                findings.append(Finding("(sphinx)", 1, 1, Severity.ERROR, "sphinx", line.strip(), ""))
            continue
        findings.append(_warning_finding(match, assembly))
    return findings


def _warning_finding(match: re.Match[str], assembly: Assembly) -> Finding:
    path = match["path"]
    shown = path or "(sphinx)"
    try:
        relative = Path(path).resolve().relative_to(assembly.srcdir.resolve()).as_posix() if path else None
    except ValueError:
        relative = None
    if relative is not None:
        origin = assembly.origins.get(relative)
        shown = display_path(origin, Path.cwd()) if origin else display_path(assembly.srcdir / relative, Path.cwd())
    kind = match["type"] or "warning"
    return Finding(
        shown,
        int(match["line"] or 1),
        1,
        Severity.ERROR,
        f"sphinx-{kind.replace('.', '-')}",
        match["message"],
        "fix the chapter at this line; the book is built only without warnings",
    )


def _gate(fmt: str, staging: Path, name: str, report: Progress) -> None:
    """Quality gates before publishing: EPUBCheck must report nothing at all."""
    if fmt != "epub":
        return
    from .builders import epubcheck_

    report("epub: EPUBCheck", 0, 1)
    try:
        findings = epubcheck_.check(staging / f"{name}.epub", f"{name}.epub")
    except epubcheck_.EpubCheckUnavailable as exc:
        raise BuildError(f"cannot check the EPUB: {exc}", []) from None
    if findings:
        raise BuildError(f"EPUBCheck reported {len(findings)} message(s); the EPUB was not published", findings)


def _published_path(fmt: str, folder: Path, name: str) -> Path:
    """Where a format's output is published: ``<name>.epub``, ``<name>.pdf``, ``html/`` (``<name>-html/`` offprints)."""
    if fmt in ("epub", "pdf"):
        return folder / f"{name}.{fmt}"
    return folder / (fmt if folder.name != "offprints" else f"{name}-{fmt}")


def _publish(fmt: str, staging: Path, folder: Path, name: str) -> Path:
    """Move a successful build into place, replacing the previous one in one step."""
    folder.mkdir(parents=True, exist_ok=True)
    final = _published_path(fmt, folder, name)
    if fmt in ("epub", "pdf"):
        (staging / final.name).replace(final)
    else:
        swap_folder(staging, final)
    return final
