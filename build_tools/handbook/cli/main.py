"""The ``handbook`` command group: every command, each from the module of its kind, and the entry point."""

from __future__ import annotations

import sys

import click

from ..core.debugging import debugging
from . import bench, build, check, collab, i18n, watch


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cica-handbook")
def cli() -> None:
    """Publishing pipeline of the CICA Think Tank Forum."""


for command in (
    check.validate,
    collab.new,
    build.build,
    build.offprints,
    watch.watch,
    collab.check_ownership,
    collab.codeowners,
    collab.status,
    collab.changelog,
    collab.import_,
    collab.export,
    build.assemble,
    build.site,
    check.rules,
    check.members,
    bench.bench,
    i18n.i18n,
):
    cli.add_command(command)


def main() -> None:
    """Entry point: no Python traceback reaches the user unless HANDBOOK_DEBUG is set."""
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        if debugging():
            raise
        click.echo(f"handbook: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("please report this; set HANDBOOK_DEBUG=1 to see the traceback", err=True)
        sys.exit(70)
