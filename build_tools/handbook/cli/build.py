"""``handbook build``, ``offprints``, ``assemble`` and ``site``: the books, their chapters alone, the download site."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..core.model import BuildError, Progress
from .options import FORMAT_CHOICE, book_root, edition_option, formats_of, root_option, stopped

if TYPE_CHECKING:
    from ..pipeline import BuildResult


@click.command()
@click.argument("publications", nargs=-1)
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="all", show_default=True, help="Which output to build.")
@click.option("--chapter", metavar="CC", help="Build one chapter as an offprint (country code, e.g. KZ).")
@click.option("--offprints", "with_offprints", is_flag=True, help="Then every chapter as an offprint, in this process.")
@edition_option
@click.option("--no-check", is_flag=True, help="Skip EPUBCheck (for quick previews; never for release).")
@root_option
def build(
    publications: tuple[str, ...],
    fmt: str,
    chapter: str | None,
    with_offprints: bool,
    edition: str | None,
    no_check: bool,
    root: Path | None,
) -> None:
    """Validate, merge and build PUBLICATIONS (ids under book/; default: all) into _build/<id>/<edition>/."""
    from ..pipeline import build as build_edition
    from .progress import with_progress

    if chapter and with_offprints:
        raise click.UsageError("--chapter and --offprints do not go together")
    base = book_root(root)
    for publication, language in _editions(base, publications, edition):
        if with_offprints:
            _offprints(base, publication, language, formats_of(fmt), not no_check, book=True)
            continue
        shown = f"{publication} ({language})"
        work = functools.partial(
            build_edition, base, publication, formats_of(fmt), check=not no_check, chapter=chapter, edition=language
        )
        try:
            result = with_progress(shown, work)
        except BuildError as error:
            stopped(error, shown)
        _said(result, f"{publication} {language}" + (f" {chapter.upper()}" if chapter else ""))


@click.command()
@click.argument("publications", nargs=-1)
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="pdf", show_default=True)
@edition_option
@click.option("--no-check", is_flag=True, help="Skip EPUBCheck.")
@root_option
def offprints(publications: tuple[str, ...], fmt: str, edition: str | None, no_check: bool, root: Path | None) -> None:
    """Build every chapter of PUBLICATIONS (default: all) on its own, into _build/<id>/<edition>/offprints/."""
    base = book_root(root)
    for publication, language in _editions(base, publications, edition):
        _offprints(base, publication, language, formats_of(fmt), not no_check)


def _offprints(
    base: Path, publication: str, language: str, formats: tuple[str, ...], check: bool, book: bool = False
) -> None:
    """Every chapter of one edition as an offprint (after the whole book with ``book``), each said as it is
    published."""
    from ..pipeline import build_offprints
    from .progress import with_progress

    shown = f"{publication} ({language})"

    def each(report: Progress) -> None:
        for result in build_offprints(base, publication, formats, report, check, language, book=book):
            _said(result, " ".join(filter(None, (publication, language, result.chapter))))

    try:
        with_progress(shown, each)
    except BuildError as error:
        stopped(error, shown)


def _said(result: BuildResult, what: str) -> None:
    for name, path in result.outputs.items():
        click.echo(f"{what} {name}: {os.path.relpath(path)} ({result.seconds[name]:.1f} s)")


@click.command(name="assemble")
@click.argument("publication")
@edition_option
@root_option
def assemble(publication: str, edition: str | None, root: Path | None) -> None:
    """Validate PUBLICATION and write an edition's Sphinx project to _build/<id>/<edition>/source/ (no build)."""
    from ..pipeline import prepare

    try:
        assembly = prepare(book_root(root), publication, edition)
    except BuildError as error:
        stopped(error, publication)
    click.echo(f"assembled {os.path.relpath(assembly.srcdir)}")


@click.command()
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), help="Default: _build/site/.")
@root_option
def site(output: Path | None, root: Path | None) -> None:
    """Gather every built publication into one folder for a static host: pages, OPDS feed, checksums."""
    from ..publish.site import SiteError, build_site

    try:
        target = build_site(book_root(root), output, report=lambda message: click.echo(f"note: {message}", err=True))
    except SiteError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"site: {os.path.relpath(target)}")


def _editions(base: Path, publications: tuple[str, ...], edition: str | None) -> list[tuple[str, str]]:
    """(publication, edition) pairs to build: every edition, or only ``edition`` of those that have it."""
    from ..pipeline import editions
    from ..sources.publications import definition_files

    chosen = publications or tuple(p.parent.name for p in definition_files(base))
    if not chosen:
        raise click.UsageError("no publications: add book/<id>/publication.yml")
    pairs: list[tuple[str, str]] = []
    for publication in chosen:
        try:
            languages = editions(base, publication)
        except BuildError as error:
            stopped(error, publication)
        if edition is not None and edition not in languages:
            if publications:
                raise click.UsageError(f"{publication} has no '{edition}' edition (editions: {', '.join(languages)})")
            continue
        pairs += [(publication, language) for language in languages if edition in (None, language)]
    if not pairs:
        raise click.UsageError(f"no publication has a '{edition}' edition")
    return pairs
