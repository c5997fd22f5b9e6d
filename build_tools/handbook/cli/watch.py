"""``handbook watch``: rebuild an edition in every format each time a chapter is saved, with a live preview."""

from __future__ import annotations

import logging
import signal
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..core.model import BuildError
from .options import FORMAT_CHOICE, book_root, formats_of, root_option, show_tracebacks, stopped

if TYPE_CHECKING:  # imported when used, so that `handbook --help` stays fast
    from ..publish.preview import Preview
    from ..watch import Round


@click.command()
@click.argument("publication")
@click.option("--edition", metavar="LANG", help="The language edition to build (default: the publication's first).")
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="all", show_default=True, help="Which output to build.")
@click.option("--no-check", is_flag=True, help="Skip EPUBCheck.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Preview port (0: any).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Preview address.")
@click.option("--no-serve", is_flag=True, help="Build only; serve no preview.")
@root_option
def watch(
    publication: str,
    edition: str | None,
    fmt: str,
    no_check: bool,
    port: int,
    host: str,
    no_serve: bool,
    root: Path | None,
) -> None:
    """Build PUBLICATION, then build it again (and the offprint of the chapter) whenever a source is saved.

    The process stays between builds, and so do its engines (workers, Typst, EPUBCheck's JVM), so a
    rebuild costs a fraction of a build. The HTML is served on --host/--port and open pages reload after
    each build. Stop with Ctrl-C (or SIGTERM).
    """
    from ..pipeline import editions
    from ..publish.outputs import build_dir
    from ..watch import WATCHED
    from ..watch import watch as serve_builds

    base = book_root(root)
    try:
        languages = editions(base, publication)
    except BuildError as error:
        stopped(error, publication)
    if edition is not None and edition not in languages:
        raise click.UsageError(f"{publication} has no '{edition}' edition (editions: {', '.join(languages)})")
    language = edition or languages[0]
    preview = None if no_serve else _preview(build_dir(base, publication, language) / "html", host, port)
    where = ", ".join(f"{name}/" for name in WATCHED)
    click.echo(f"watching {where} of {base}" + (f"; preview at {preview.url}" if preview else ""))
    told = _Told(publication, language, preview)
    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its own "stopping" line; ours follows
    signal.signal(signal.SIGTERM, _interrupt)  # `kill`, a service manager or `make bench` stop it as Ctrl-C does
    try:
        serve_builds(base, publication, language, formats_of(fmt), not no_check, told)
    except KeyboardInterrupt:  # between two waits, or during a build: its outputs were not published
        pass
    finally:
        if preview is not None:
            preview.stop()
    click.echo("stopped watching")


def _interrupt(number: int, frame: object) -> None:
    raise KeyboardInterrupt


def _preview(folder: Path, host: str, port: int) -> Preview:
    from ..publish.preview import Preview

    try:
        preview = Preview(folder, host, port)
    except OSError as error:
        message = f"cannot serve the preview on {host}:{port}: {error.strerror}; try another --port (0: any)"
        raise click.ClickException(message) from None
    preview.start()
    return preview


class _Told:
    """Says each round of builds on the terminal, and reloads the preview after a good one."""

    def __init__(self, publication: str, language: str, preview: Preview | None) -> None:
        self.what = f"{publication} {language}"
        self.preview = preview

    def __call__(self, round_: Round) -> None:
        from ..validate.report import print_findings

        changed = ", ".join(path.as_posix() for path in round_.changed)
        if changed:
            click.echo(f"changed: {changed}")
        for built in round_.built:
            result = built.result
            what = " ".join(filter(None, (self.what, result.chapter)))
            formats = ", ".join(f"{name} {result.seconds[name]:.1f} s" for name in result.outputs)
            click.echo(f"built {what} in {built.seconds:.2f} s ({formats})")
        if round_.error is not None:
            print_findings(round_.error.findings)
            show_tracebacks(round_.error)
            click.echo(f"failed {self.what}: {round_.error}; the last good outputs stay", err=True)
        elif self.preview is not None:
            self.preview.reload()
        click.echo(f"round done in {round_.seconds:.2f} s; waiting for changes (Ctrl-C stops)")
