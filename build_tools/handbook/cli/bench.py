"""``handbook bench``: the benchmark, against plain Sphinx and pandoc on a generated corpus."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .options import book_root, root_option


@click.command()
@click.option("--scale", default=1, show_default=True, type=click.IntRange(1, 100), help="Chapters' worth of text x N.")
@click.option("--runs", default=3, show_default=True, type=click.IntRange(1, 50), help="Runs of each measurement.")
@click.option(
    "--scaling",
    default=10,
    show_default=True,
    type=click.IntRange(1, 100),
    help="Also build a corpus this many times larger, cold (1: do not).",
)
@click.option("--keep", is_flag=True, help="Keep the generated corpora (their folder is printed).")
@root_option
def bench(scale: int, runs: int, scaling: int, keep: bool, root: Path | None) -> None:
    """Time validation and builds against plain Sphinx and pandoc on a generated corpus.

    Writes _build/bench/results.json and the commands' output to _build/bench/commands.log.
    """
    from rich.console import Console

    from ..bench.measure import CommandFailed
    from ..bench.report import print_results
    from ..bench.run import benchmark

    console = Console(stderr=True)
    try:
        with console.status("benchmark") as shown:
            results, written, kept = benchmark(
                book_root(root), scale, runs, scaling, keep, lambda step: shown.update(f"benchmark: {step}")
            )
    except CommandFailed as failure:
        raise click.ClickException(f"{failure}") from None
    if kept is not None:
        console.print(f"corpora kept in {kept}")
    print_results(results, Console())
    click.echo(f"wrote {os.path.relpath(written)}")
    sys.exit(0 if all(t.ok for t in results.targets) else 1)
