"""The commands for working on chapters together: ``new``, ``import``, ``export``, ``status``, ``changelog``,
``check-ownership`` and ``codeowners``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..core.model import Publication
from .options import PUBLICATIONS, book_root, root_option

if TYPE_CHECKING:
    from ..sources.contributors import Contributors


@click.command()
@click.argument("publication", type=PUBLICATIONS)
@click.option("--country", required=True, help="ISO 3166-1 alpha-2 code of a member state, e.g. KZ.")
@click.option("--language", help="BCP 47 tag (default: the country's primary language).")
@root_option
def new(publication: str, country: str, language: str | None, root: Path | None) -> None:
    """Start a chapter from the template in contrib/templates/."""
    from ..collab.scaffold import ScaffoldError, new_chapter

    try:
        path = new_chapter(book_root(root), Publication(publication), country, language)
    except ScaffoldError as error:
        raise click.ClickException(str(error)) from None
    shown = os.path.relpath(path)
    click.echo(f"wrote {shown}")
    click.echo(f"next: replace every TODO, then run `handbook validate {shown}`")


@click.command(name="import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--publication", type=PUBLICATIONS, required=True, help="sme or gender.")
@click.option("--country", required=True, help="ISO 3166-1 alpha-2 code of a member state, e.g. KZ.")
@click.option("--language", help="BCP 47 tag (default: the Word file's language, else the country's first).")
@click.option("--force", is_flag=True, help="Replace an existing chapter and its figures.")
@root_option
def import_(source: Path, publication: str, country: str, language: str | None, force: bool, root: Path | None) -> None:
    """Convert a Word file (.docx) into chapters/<publication>/<cc>.md, figures into its folder."""
    from ..collab.word import DocxError, import_docx

    try:
        result = import_docx(book_root(root), source, Publication(publication), country, force=force, language=language)
    except DocxError as error:
        raise click.ClickException(str(error)) from None
    shown = os.path.relpath(result.path)
    click.echo(f"wrote {shown}" + (f" and {len(result.media)} figure(s)" if result.media else ""))
    if result.notes:
        click.echo("still to do before the chapter validates cleanly:")
    for note in result.notes:
        click.echo(f"  - {note}")
    click.echo(f"next: run `handbook validate {shown}`")


@click.command()
@click.argument("country")
@click.option("--publication", type=PUBLICATIONS, required=True, help="sme or gender.")
@click.option("--to", "target_format", type=click.Choice(["docx"]), default="docx", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: _build/docx/<pub>-<cc>.docx.")
@root_option
def export(country: str, publication: str, target_format: str, output: Path | None, root: Path | None) -> None:
    """Write COUNTRY's chapter as a Word file for reviewers (headings, tables, footnotes, images)."""
    from ..collab.word import DocxError, export_docx

    try:
        path = export_docx(book_root(root), country, Publication(publication), output)
    except DocxError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote {os.path.relpath(path)}")


@click.command()
@click.option("--publication", type=PUBLICATIONS, help="One kind of chapter only.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "html"]), default="table", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write there instead of printing.")
@root_option
def status(publication: str | None, fmt: str, output: Path | None, root: Path | None) -> None:
    """The editors' board: every member state, submitted or missing, status, words, validation, history."""
    from rich.console import Console

    from ..publish.status import board, to_html, to_json, to_table

    chosen = (Publication(publication),) if publication else tuple(Publication)
    rows = board(book_root(root), chosen)
    if fmt == "table" and output is None:
        console = Console()
        console.print(to_table(rows), width=None if console.is_terminal else 220)
        return
    text = to_html(rows, "Editorial status") if fmt == "html" else to_json(rows)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {os.path.relpath(output)}")


@click.command()
@click.option("--since", required=True, help="The tag (or revision) of the previous edition.")
@click.option("--until", default="HEAD", show_default=True, help="The revision of this edition.")
@root_option
def changelog(since: str, until: str, root: Path | None) -> None:
    """What changed in each chapter between two editions."""
    from rich.console import Console
    from rich.markup import escape

    from ..collab import history

    repo = history.open_repository(book_root(root))
    if repo is None:
        raise click.ClickException("not a git repository with commits")
    try:
        changes = history.changelog(repo, since, until)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    console = Console(highlight=False, soft_wrap=True)
    for change in changes:
        moved = f" (from {change.old_path})" if change.old_path != change.path else ""
        console.print(f"[bold]{escape(change.path)}[/]: {change.status}{escape(moved)}")
        for subject in change.subjects:
            console.print(f"  - {escape(subject)}")
    console.print(f"{len(changes)} chapter file(s) changed from {escape(since)} to {escape(until)}")


@click.command("check-ownership")
@click.option("--base", required=True, help="The revision the change starts from (e.g. origin/main).")
@click.option("--head", default="HEAD", show_default=True, help="The last revision of the change.")
@root_option
def check_ownership(base: str, head: str, root: Path | None) -> None:
    """Fail when a commit changes another country's chapter, or build files without being an editor."""
    from ..collab.ownership import OwnershipError, check
    from ..validate.report import print_findings

    base_dir = book_root(root)
    contributors = _registry(base_dir)
    try:
        commits, findings = check(base_dir, base, head, contributors)
    except OwnershipError as error:
        raise click.ClickException(str(error)) from None
    console = print_findings(findings)
    console.print(f"checked {commits} commit(s): {len(findings)} change(s) not allowed")
    sys.exit(1 if findings else 0)


@click.command()
@click.option("--check", "check_only", is_flag=True, help="Only report whether .github/CODEOWNERS is current.")
@root_option
def codeowners(check_only: bool, root: Path | None) -> None:
    """Write .github/CODEOWNERS from the contributor registry."""
    from ..collab import codeowners as owners

    base_dir = book_root(root)
    contributors = _registry(base_dir)
    target = base_dir / owners.CODEOWNERS_FILE
    if check_only:
        if not owners.is_current(base_dir, contributors):
            raise click.ClickException(f"{target} is out of date; run `handbook codeowners`")
        click.echo(f"{os.path.relpath(target)} is current")
        return
    click.echo(f"wrote {os.path.relpath(owners.write(base_dir, contributors))}")


def _registry(root: Path) -> Contributors:
    """The contributor registry, or a failure that lists what is wrong with it."""
    from ..validate.contributors import load
    from ..validate.report import print_findings

    contributors, problems = load(root)
    if contributors is None:
        print_findings(problems)
        raise click.ClickException("the contributor registry has errors")
    return contributors
