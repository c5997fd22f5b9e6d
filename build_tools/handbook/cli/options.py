"""What several commands share: finding the book repository, and the options that name it and an edition."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import click

from ..core.debugging import debugging
from ..core.model import BuildError, Publication

PUBLICATIONS = click.Choice([p.value for p in Publication])
"""The kinds of chapter, as ``--publication`` takes them."""
FORMAT_CHOICE = click.Choice(["html", "epub", "pdf", "all"])
"""The outputs, as ``--format`` takes them."""


def book_root(option: Path | None, hint_paths: tuple[Path, ...] = ()) -> Path:
    """The book repository: --root, or the nearest folder above the paths or cwd with chapters/."""
    from ..sources.layout import find_root

    if option is not None:
        return option
    for start in (*hint_paths, Path.cwd()):
        found = find_root(start)
        if found is not None:
            return found
    raise click.UsageError("no chapters/ folder here or above; run inside the book repository or pass --root")


root_option = click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The book repository (default: the nearest folder with chapters/).",
)
edition_option = click.option(
    "--edition",
    metavar="LANG",
    help="One language edition (a BCP 47 tag from the publication's editions, e.g. ru; default: every edition).",
)


def formats_of(fmt: str) -> tuple[str, ...]:
    """The formats a ``--format`` value means."""
    from ..pipeline import FORMATS

    return FORMATS if fmt == "all" else (fmt,)


def stopped(error: BuildError, what: str) -> NoReturn:
    """Print a stopped build's findings, then fail with its message."""
    from ..validate.report import print_findings

    print_findings(error.findings)
    show_tracebacks(error)
    raise click.ClickException(f"{what}: {error}") from None


def show_tracebacks(error: BuildError) -> None:
    """The original tracebacks of a build's internal errors, from whichever process they happened in,
    with HANDBOOK_DEBUG; else one line saying how to see them."""
    if not error.tracebacks:
        return
    if debugging():
        for text in error.tracebacks:
            click.echo(text, err=True, nl=False)
    else:
        click.echo(
            "an internal error stopped the build: please report it; HANDBOOK_DEBUG=1 shows its traceback", err=True
        )
