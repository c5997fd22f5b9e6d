"""``handbook bench`` as a library call: the whole benchmark in a temporary folder, its results written down."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .report import write_json
from .suite import Results, Step, run_bench


def benchmark(
    repo: Path, scale: int, runs: int, scaling: int, keep: bool, step: Step
) -> tuple[Results, Path, Path | None]:
    """Run the benchmark; returns its results, ``_build/bench/results.json`` written from them, and the folder
    of the generated corpora when ``keep`` asks for it (otherwise it is removed).

    The commands' output goes to ``_build/bench/commands.log``.
    """
    out = repo / "_build" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    log = out / "commands.log"
    log.write_text("", encoding="utf-8")
    work = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    try:
        results = run_bench(repo, work, log, scale, runs, scaling, step)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    written = out / "results.json"
    write_json(results, written)
    return results, written, work if keep else None
