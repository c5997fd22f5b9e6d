"""Running the formats of one build side by side, each in its own process.

After the one shared read, HTML, EPUB (with EPUBCheck) and PDF (with Typst) only read the
doctrees, so each can be written in a process of its own, and on a machine with two or more
processors the formats overlap. The processes are forked from a fork server started at the
beginning of the build (:func:`warm_up`), which has imported Sphinx and the builders but never run
Typst: forking the build process itself would copy Typst's thread pool without its threads. A job
reports progress and its outcome through a queue; a job that fails, or a worker that dies, is an
outcome too, so the parent always knows what happened to every format.

A job's follow-up (its quality gate) runs in the parent, in a thread, as soon as the job has
succeeded, while other jobs go on: engines the parent keeps warm (the EPUBCheck JVM) then serve every
build of the process, not one worker's.
"""

from __future__ import annotations

import multiprocessing
import os
import queue as queues
import signal
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from ..core.model import Finding, Progress

Job = Callable[[Progress], None]
"""Builds one format; raises an exception with ``findings`` (BuildError) when it cannot."""


@dataclass(frozen=True)
class Outcome:
    """What became of one job."""

    name: str
    seconds: float
    error: str | None = None
    findings: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None


def parallel_slots() -> int:
    """How many jobs may run at once: the processors this process may use (HANDBOOK_JOBS overrides)."""
    wanted = os.environ.get("HANDBOOK_JOBS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


PRELOAD = [
    "handbook.pipeline",
    "handbook.builders.epub.builder",
    "handbook.builders.typst.builder",
    "sphinx.application",
    "sphinx_book_theme",
]
"""What the fork server imports once, so that no worker imports it again."""


def _context() -> Any:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def warm_up() -> None:
    """Start the fork server now, while the build validates and assembles, if workers will be used."""
    if parallel_slots() > 1 and "forkserver" in multiprocessing.get_all_start_methods():
        from multiprocessing import forkserver

        _context()
        forkserver.ensure_running()


def run_jobs(
    jobs: Mapping[str, Job], report: Progress, slots: int | None = None, then: Mapping[str, Job] | None = None
) -> dict[str, Outcome]:
    """Run every job, in worker processes when more than one may run at once; never raises for a job.

    Jobs must be picklable (module-level functions, or partials of them) to reach the workers. A job
    that succeeded is followed by its entry in ``then``, in this process; the outcome counts both.
    """
    slots = parallel_slots() if slots is None else slots
    then = then or {}
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="handbook-gate") as gates:
        follow_ups: dict[str, Future[Outcome]] = {}

        def follow(outcome: Outcome) -> None:
            if outcome.ok and outcome.name in then:
                follow_ups[outcome.name] = gates.submit(_run, outcome.name, then[outcome.name], report)

        if slots <= 1 or len(jobs) <= 1 or "forkserver" not in multiprocessing.get_all_start_methods():
            outcomes = {}
            for name, job in jobs.items():
                outcomes[name] = _run(name, job, report)
                follow(outcomes[name])
        else:
            outcomes = _in_workers(jobs, report, slots, follow, lambda: sum(not f.done() for f in follow_ups.values()))
        for name, future in follow_ups.items():
            gate = future.result()
            outcomes[name] = replace(gate, seconds=outcomes[name].seconds + gate.seconds)
    return outcomes


def _in_workers(
    jobs: Mapping[str, Job],
    report: Progress,
    slots: int,
    follow: Callable[[Outcome], None],
    gating: Callable[[], int],
) -> dict[str, Outcome]:
    """Every job in a worker process of its own, ``follow`` each outcome; at most ``slots`` jobs and
    running gates (``gating()`` of them) at once, so that a gate does not compete for a processor."""
    context = _context()
    channel: Any = context.Queue()
    waiting = list(jobs.items())
    running: dict[str, Any] = {}
    outcomes: dict[str, Outcome] = {}
    started: dict[str, float] = {}
    while waiting or running:
        while waiting and len(running) + gating() < slots:
            name, job = waiting.pop(0)
            process = context.Process(target=_child, args=(name, job, channel), name=f"handbook-{name}", daemon=True)
            started[name] = time.monotonic()
            process.start()
            running[name] = process
        try:
            message = channel.get(timeout=0.2)
        except queues.Empty:
            for name, process in list(running.items()):
                if not process.is_alive() and name not in outcomes:
                    process.join()
                    outcomes[name] = Outcome(
                        name,
                        time.monotonic() - started[name],
                        f"the {name} worker stopped (exit status {process.exitcode})",
                    )
                    del running[name]
            continue
        if message[0] == "progress":
            report(*message[1:])
        else:
            outcome: Outcome = message[1]
            outcomes[outcome.name] = outcome
            running.pop(outcome.name).join()
            follow(outcome)
    return {name: outcomes[name] for name in jobs}


def _run(name: str, job: Job, report: Progress) -> Outcome:
    started = time.monotonic()
    try:
        job(report)
    except Exception as exc:  # noqa: BLE001 - every failure becomes the job's outcome
        if not hasattr(exc, "findings"):  # not a BuildError: a bug, said as such
            return Outcome(name, time.monotonic() - started, f"internal error: {type(exc).__name__}: {exc}")
        return Outcome(name, time.monotonic() - started, str(exc), tuple(exc.findings))
    return Outcome(name, time.monotonic() - started)


def _child(name: str, job: Job, channel: Any) -> None:
    # Ctrl-C is the parent's to handle (it stops the build and its workers); a worker that got it
    # too would print a traceback from the middle of Sphinx.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def report(step: str, done: int, total: int) -> None:
        channel.put(("progress", step, done, total))

    channel.put(("done", _run(name, job, report)))
    channel.close()
    channel.join_thread()
