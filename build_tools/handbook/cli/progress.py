"""Rich progress display for long work (builds), on the terminal's standard error."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..pipeline import BuildResult, build


def build_with_progress(
    root: Path,
    publication: str,
    formats: tuple[str, ...],
    check: bool = True,
    chapter: str | None = None,
    edition: str | None = None,
) -> BuildResult:
    """Run :func:`handbook.pipeline.build` with a live progress bar (plain lines when not a terminal)."""
    console = Console(stderr=True)
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]{task.fields[publication]}[/] {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        shown = f"{publication} ({edition})" if edition else publication
        task = bar.add_task("starting", total=1, publication=shown)

        def report(step: str, done: int, total: int) -> None:
            bar.update(task, description=step, completed=done, total=total)

        return build(root, publication, formats, report, check, chapter, edition)
