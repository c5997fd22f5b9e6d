"""``handbook validate``, ``rules`` and ``members``: checking chapters, and what they are checked against."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import book_root, root_option


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@root_option
def validate(paths: tuple[Path, ...], fmt: str, root: Path | None) -> None:
    """Check chapters (all of them when no PATH is given).

    Exit status: 0 when no errors, 1 when there are errors, 2 on a usage error.
    """
    from ..validate.report import print_text, to_json
    from ..validate.runner import validate as run

    report = run(book_root(root, paths), list(paths) or None)
    if fmt == "json":
        click.echo(to_json(report))
    else:
        print_text(report)
    sys.exit(0 if report.ok else 1)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List the validation rules."""
    from rich.console import Console

    from ..validate.report import rules_markdown, rules_table

    if fmt == "markdown":
        click.echo(rules_markdown(), nl=False)
        click.echo()
        return
    Console().print(rules_table())


@click.command()
def members() -> None:
    """List the member states with their languages and scripts."""
    from rich.console import Console
    from rich.table import Table

    from ..core import registry

    table = Table("code", "member state", "Russian", "languages", "script", "direction", title="CICA member states")
    for state in registry.members():
        table.add_row(
            state.code,
            state.name_en,
            state.name_ru,
            ", ".join(lang.tag for lang in state.languages),
            ", ".join(dict.fromkeys(lang.script for lang in state.languages)),
            ", ".join(dict.fromkeys(lang.direction for lang in state.languages)),
        )
    Console().print(table)
