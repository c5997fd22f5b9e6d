"""Running the formats of one build side by side, in worker processes that stay for the next build.

After the one shared read, HTML, EPUB (with EPUBCheck) and PDF (with Typst) only read the
doctrees, so each can be written in a process of its own, and on a machine with two or more
processors the formats overlap. The workers are forked from a fork server started at the
beginning of the build (:func:`warm_up`), which has imported Sphinx and the builders but never run
Typst: forking the build process itself would copy Typst's thread pool without its threads. The
fork server has also done what every worker would otherwise do again
(:mod:`handbook.builders.preload`).

A worker stays for the next job and is given the same format again, so its engines stay warm from
one offprint to the next, unless it holds the memory of a whole book's Typst layout
(:data:`RETIRE_ABOVE`): then it ends after its job, except in a process that builds the same book
again and again (``handbook watch``, :func:`keep_workers`), where the Typst compiler keeps that
layout for the next rebuild. A job reports progress and its outcome through a queue; a job that
fails, or a worker that dies, is an outcome too, so the parent always knows what happened to every
format.

A job's follow-up (its quality gate) runs in the parent, in a thread, as soon as the job has
succeeded, while other jobs go on: engines the parent keeps warm (the EPUBCheck JVM) then serve every
build of the process, not one worker's.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import queue as queues
import signal
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from traceback import format_exception
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
    traceback: str = ""
    """The original traceback of an internal error (a bug, not a BuildError), as text from any process."""

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
    "handbook.builders.preload",
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
    jobs: Mapping[str, Job],
    report: Progress,
    slots: int | None = None,
    then: Mapping[str, Job] | None = None,
    family: str = "",
) -> dict[str, Outcome]:
    """Run every job, in worker processes when more than one may run at once; never raises for a job.

    Jobs must be picklable (module-level functions, or partials of them) to reach the workers. A job
    that succeeded is followed by its entry in ``then``, in this process; the outcome counts both.
    Workers only serve jobs of one ``family`` (an edition: a process that wrote one language's pages
    keeps some of Sphinx's translated labels in that language); the idle workers of another end.
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

            def gating() -> int:
                return sum(not future.done() for future in follow_ups.values())

            outcomes = _in_workers(jobs, report, slots, follow, gating, family)
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
    family: str,
) -> dict[str, Outcome]:
    """Every job in a worker process, ``follow`` each outcome; at most ``slots`` jobs and running gates
    (``gating()`` of them) at once, so that a gate does not compete for a processor."""
    pool = _pool()
    pool.serve(family)
    waiting = list(jobs.items())
    outcomes: dict[str, Outcome] = {}
    try:
        while waiting or pool.busy():
            while waiting and len(pool.busy()) + gating() < slots:
                pool.submit(*waiting.pop(0), slots)
            message = pool.receive(timeout=0.2)
            if message is None:
                for outcome in pool.stopped():
                    outcomes[outcome.name] = outcome
                    follow(outcome)
            elif message[0] == "progress":
                report(*message[1:])
            else:
                outcomes[message[1].name] = message[1]
                follow(message[1])
    finally:
        pool.abandon()  # a worker still busy here belongs to a build that was stopped
    return {name: outcomes[name] for name in jobs}


@dataclass
class _Worker:
    """One worker process and what it has run: a format goes back to the worker that wrote it before,
    where its engines are warm (the Typst compiler with its memoised layout)."""

    process: Any
    inbox: Any
    served: set[str] = field(default_factory=set)
    job: tuple[int, str] | None = None
    """The serial number and name of the job it runs now."""
    started: float = 0.0
    family: str = ""


class _Pool:
    """The worker processes of this process. A worker stays for the next job (the next offprint finds its
    Typst fonts loaded), but one that holds more than :data:`RETIRE_ABOVE` ends and gives its memory back
    (Typst's memoised layout of a whole book is most of a build's peak), unless the pool is kept
    (:func:`keep_workers`): then every worker stays, and each rebuild of ``handbook watch`` finds its
    engines warm."""

    def __init__(self) -> None:
        self.context = _context()
        self.channel: Any = self.context.Queue()
        self.workers: list[_Worker] = []
        self.serial = 0
        self.kept = False
        self.family = ""

    def busy(self) -> list[_Worker]:
        return [worker for worker in self.workers if worker.job is not None]

    def serve(self, family: str) -> None:
        """From now on, jobs of ``family``: the idle workers of another end."""
        for worker in [w for w in self.workers if w.job is None and w.family != family]:
            self._stop(worker)
        self.family = family

    def submit(self, name: str, job: Job, slots: int) -> None:
        """Give ``job`` to the idle worker that ran ``name`` before, else to a new one, else to any idle one."""
        idle = [worker for worker in self.workers if worker.job is None]
        worker = next((w for w in idle if name in w.served), None)
        if worker is None and len(self.workers) < slots:
            worker = self._start()
        worker = worker or idle[0]
        self.serial += 1
        worker.job, worker.started = (self.serial, name), time.monotonic()
        worker.served.add(name)
        worker.inbox.put((self.serial, name, job))

    def receive(self, timeout: float) -> tuple[Any, ...] | None:
        """The next message of a current job (progress, or its outcome), None after ``timeout``."""
        try:
            message = self.channel.get(timeout=timeout)
        except queues.Empty:
            return None
        worker = next((w for w in self.workers if w.job is not None and w.job[0] == message[1]), None)
        if worker is None:  # from a job of a stopped build
            return self.receive(timeout)
        if message[0] == "done":
            worker.job = None
            if not self.kept and _own_bytes(worker.process.pid) > RETIRE_ABOVE:
                self._stop(worker)
        return (message[0], *message[2:])

    def stopped(self) -> list[Outcome]:
        """The outcomes of jobs whose worker died, and the dead workers gone from the pool."""
        dead = [worker for worker in self.busy() if not worker.process.is_alive()]
        for worker in dead:
            worker.process.join()
            self.workers.remove(worker)
        outcomes = []
        for worker in dead:
            if worker.job is not None:
                name, status = worker.job[1], worker.process.exitcode
                seconds = time.monotonic() - worker.started
                outcomes.append(Outcome(name, seconds, f"the {name} worker stopped (exit status {status})"))
        return outcomes

    def abandon(self) -> None:
        """Stop every worker when one is still running a job: a process killed while it writes to the
        shared channel may leave it unreadable, so the pool starts again with a new one."""
        if self.busy():
            for worker in self.workers:
                worker.process.terminate()
                worker.process.join()
            self.workers, self.channel = [], self.context.Queue()

    def _stop(self, worker: _Worker) -> None:
        worker.inbox.put(None)
        worker.process.join()
        self.workers.remove(worker)

    def _start(self) -> _Worker:
        inbox = self.context.SimpleQueue()
        number = len(self.workers) + 1
        process = self.context.Process(
            target=_serve, args=(inbox, self.channel), name=f"handbook-worker-{number}", daemon=True
        )
        process.start()
        worker = _Worker(process, inbox, family=self.family)
        self.workers.append(worker)
        return worker


RETIRE_ABOVE = 256 << 20
"""Memory of its own (PSS) above which a worker that is not kept ends after its job. Measured on the bench
corpus: the PDF worker of a whole book 880 MiB; of offprints 100 MiB after the first, growing by some 10 MiB
with each as Typst memoises their layout; the EPUB and HTML workers under 100 MiB."""


def _own_bytes(pid: int) -> int:
    """The process's proportional set size: its private memory and its share of pages it shares (Linux
    /proc; 0 where there is none)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:  # noqa: PTH123 - one small read
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


@functools.cache
def _pool() -> _Pool:
    return _Pool()


def keep_workers(keep: bool = True) -> None:
    """Keep (or no longer keep) the workers between builds, for a process that builds the same book again
    and again: measured on the bench corpus, Typst compiles its book again in 0.7 s instead of 4.5 s."""
    _pool().kept = keep


def _run(name: str, job: Job, report: Progress) -> Outcome:
    started = time.monotonic()
    try:
        job(report)
    except Exception as exc:  # noqa: BLE001 - every failure becomes the job's outcome
        if not hasattr(exc, "findings"):  # not a BuildError: a bug, said as such, its traceback kept
            error = f"internal error: {type(exc).__name__}: {exc}"
            return Outcome(name, time.monotonic() - started, error, traceback="".join(format_exception(exc)))
        return Outcome(name, time.monotonic() - started, str(exc), tuple(exc.findings))
    return Outcome(name, time.monotonic() - started)


def _serve(inbox: Any, channel: Any) -> None:
    """A worker: run each job it is given and say how it went, until it is told to stop (None)."""
    # Ctrl-C is the parent's to handle (it stops the build and its workers); a worker that got it
    # too would print a traceback from the middle of Sphinx.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while (task := inbox.get()) is not None:
        serial, name, job = task

        def report(step: str, done: int, total: int, serial: int = serial) -> None:
            channel.put(("progress", serial, step, done, total))

        channel.put(("done", serial, _run(name, job, report)))
