"""The benchmark's table on the terminal and its results file."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .suite import GIB, Results


def table(results: Results) -> Table:
    """Seconds (median and every run), peak memory, and each measurement against the cold build."""
    corpus = results.corpus
    cold = results.measurements["cold_all"].median
    out = Table(
        title=f"Benchmark corpus: {corpus['chapters']} chapters, {corpus['words']:,} words (scale {corpus['scale']})",
        title_justify="left",
    )
    for name, justify in (
        ("measurement", "left"),
        ("median s", "right"),
        ("runs s", "right"),
        ("peak MiB", "right"),
        ("/ cold", "right"),
    ):
        out.add_column(name, justify=justify)  # type: ignore[arg-type]
    for measurement in results.measurements.values():
        out.add_row(
            measurement.label,
            f"{measurement.median:.2f}",
            " ".join(f"{s.seconds:.2f}" for s in measurement.samples),
            f"{measurement.peak_bytes / (1 << 20):.0f}",
            f"{measurement.median / cold:.2f}",
        )
    return out


def targets_table(results: Results) -> Table:
    out = Table(title="Targets", title_justify="left")
    for name, justify in (("target", "left"), ("measured", "right"), ("limit", "right"), ("", "left")):
        out.add_column(name, justify=justify)  # type: ignore[arg-type]
    for target in results.targets:
        out.add_row(
            target.text,
            f"{target.value:.3f}",
            f"{target.limit:g}",
            "[green]met[/]" if target.ok else "[red]missed[/]",
        )
    return out


def print_results(results: Results, console: Console) -> None:
    console.print(table(results))
    console.print(targets_table(results))


def write_json(results: Results, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


__all__ = ["GIB", "print_results", "write_json"]
