"""``handbook build``, ``offprints``, ``assemble`` and ``site``: the books, their chapters alone, the download site."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import click

from ..core.model import BuildError
from .options import book_root, edition_option, root_option

FORMAT_CHOICE = click.Choice(["html", "epub", "pdf", "all"])


@click.command()
@click.argument("publications", nargs=-1)
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="all", show_default=True, help="Which output to build.")
@click.option("--chapter", metavar="CC", help="Build one chapter as an offprint (country code, e.g. KZ).")
@edition_option
@click.option("--no-check", is_flag=True, help="Skip EPUBCheck (for quick previews; never for release).")
@root_option
def build(
    publications: tuple[str, ...], fmt: str, chapter: str | None, edition: str | None, no_check: bool, root: Path | None
) -> None:
    """Validate, merge and build PUBLICATIONS (ids under book/; default: all) into _build/<id>/<edition>/."""
    from .progress import build_with_progress

    base = book_root(root)
    for publication, language in _editions(base, publications, edition):
        try:
            result = build_with_progress(base, publication, _formats(fmt), not no_check, chapter, language)
        except BuildError as error:
            _stopped(error, f"{publication} ({language})")
        for name, path in result.outputs.items():
            click.echo(f"{publication} {language} {name}: {os.path.relpath(path)} ({result.seconds[name]:.1f} s)")


@click.command()
@click.argument("publications", nargs=-1)
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="pdf", show_default=True)
@edition_option
@click.option("--no-check", is_flag=True, help="Skip EPUBCheck.")
@root_option
def offprints(publications: tuple[str, ...], fmt: str, edition: str | None, no_check: bool, root: Path | None) -> None:
    """Build every chapter of PUBLICATIONS (default: all) on its own, into _build/<id>/<edition>/offprints/."""
    from ..pipeline import chapter_codes
    from .progress import build_with_progress

    base = book_root(root)
    for publication, language in _editions(base, publications, edition):
        try:
            for code in chapter_codes(base, publication):
                result = build_with_progress(base, publication, _formats(fmt), not no_check, code, language)
                for name, path in result.outputs.items():
                    shown = f"{publication} {language} {code} {name}"
                    click.echo(f"{shown}: {os.path.relpath(path)} ({result.seconds[name]:.1f} s)")
        except BuildError as error:
            _stopped(error, f"{publication} ({language})")


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
        _stopped(error, publication)
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


def _formats(fmt: str) -> tuple[str, ...]:
    from ..pipeline import FORMATS

    return FORMATS if fmt == "all" else (fmt,)


def _stopped(error: BuildError, what: str) -> NoReturn:
    """Print a stopped build's findings, then fail with its message."""
    from ..validate.report import print_findings

    print_findings(error.findings)
    raise click.ClickException(f"{what}: {error}") from None


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
            _stopped(error, publication)
        if edition is not None and edition not in languages:
            if publications:
                raise click.UsageError(f"{publication} has no '{edition}' edition (editions: {', '.join(languages)})")
            continue
        pairs += [(publication, language) for language in languages if edition in (None, language)]
    if not pairs:
        raise click.UsageError(f"no publication has a '{edition}' edition")
    return pairs
