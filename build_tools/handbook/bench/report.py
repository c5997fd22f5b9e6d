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


def steps_table(results: Results) -> Table:
    """Where a build's time goes: the medians of its own step timings, per measured build."""
    keys = [key for key in ("cold_all", "incremental_all", "cold_pdf") if key in results.phases]
    steps = list(dict.fromkeys(name for key in keys for name in results.phase_medians(key)))
    out = Table(title="Build steps (median s; the formats' steps overlap)", title_justify="left")
    out.add_column("step")
    for key in keys:
        out.add_column(results.measurements[key].label, justify="right")
    for step in steps:
        out.add_row(step, *(f"{results.phase_medians(key).get(step, 0.0):.2f}" for key in keys))
    return out


def print_results(results: Results, console: Console) -> None:
    console.print(table(results))
    console.print(steps_table(results))
    console.print(targets_table(results))


def write_json(results: Results, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


__all__ = ["GIB", "print_results", "write_json"]
