"""Timing a command (or the rebuilds inside a long-running one) and the peak memory of every process it starts."""

from __future__ import annotations

import os
import queue
import signal
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

_INTERVAL = 0.1
"""Seconds between two readings of the process tree's memory."""


class CommandFailed(Exception):
    """A measured command exited with an error; the log says why."""

    def __init__(self, command: Sequence[str], code: int, log: Path) -> None:
        super().__init__(f"`{' '.join(command)}` exited with {code}; see {log}")
        self.log = log


@dataclass(frozen=True)
class Sample:
    """One run: wall-clock seconds and the peak resident memory of the whole process tree."""

    seconds: float
    peak_bytes: int


@dataclass
class Measurement:
    """Several runs of one thing."""

    key: str
    label: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_bytes(self) -> int:
        return max(s.peak_bytes for s in self.samples)

    def as_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "median_seconds": round(self.median, 3),
            "runs_seconds": [round(s.seconds, 3) for s in self.samples],
            "peak_memory_bytes": self.peak_bytes,
        }


def run(command: Sequence[str], cwd: Path, env: Mapping[str, str], log: Path) -> Sample:
    """Run ``command``, sampling the memory of it and its descendants; raise CommandFailed on error.

    Memory is the proportional set size (PSS: each shared page split among the processes sharing
    it) summed over the process and all its descendants at the worst moment, sampled every
    :data:`_INTERVAL` seconds, and never less than the command's own peak as the kernel reports it.
    """
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(command)}\n".encode())
        out.flush()
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=dict(env), stdout=out, stderr=subprocess.STDOUT)
        peak = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, tree_memory_bytes(process.pid))
            time.sleep(_INTERVAL)
        seconds = time.perf_counter() - started
    process.returncode = code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise CommandFailed(command, code, log)
    return Sample(seconds, max(peak, usage.ru_maxrss * 1024))


def tree_memory_bytes(root: int) -> int:
    """Memory of ``root`` and all its descendants now: the sum of their PSS (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:  # noqa: PTH123 - hot loop
                stat = handle.read()
        except OSError:
            continue
        parent = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        total += _pss(pid)
    return total


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:  # noqa: PTH123 - hot loop
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_watched(
    command: Sequence[str],
    cwd: Path,
    env: Mapping[str, str],
    log: Path,
    edits: Sequence[Callable[[], None]],
    built: str,
    timeout: float = 600.0,
) -> list[Sample]:
    """Time rebuilds inside a long-running ``command`` (``handbook watch``): after its first round, each of
    ``edits`` is made and timed until the line starting with ``built`` (the book rebuilt); the command is then
    stopped with SIGTERM (Ctrl-C may be ignored by a benchmark run in the background). Every sample carries
    the peak memory of the process tree over its whole life.
    """
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(command)}\n".encode())
    process = subprocess.Popen(
        command, cwd=cwd, env=dict(env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=_read_lines, args=(process, lines, log), daemon=True)
    reader.start()
    peak, seconds = 0, []

    def until(prefix: str) -> None:
        nonlocal peak
        deadline = time.perf_counter() + timeout
        while True:
            peak = max(peak, tree_memory_bytes(process.pid))
            try:
                line = lines.get(timeout=_INTERVAL)
            except queue.Empty:
                if process.poll() is not None or time.perf_counter() > deadline:
                    process.kill()
                    raise CommandFailed(command, process.wait(), log) from None
                continue
            if line.startswith(prefix):
                return

    try:
        until("round done")
        for edit in edits:
            edit()
            started = time.perf_counter()
            until(built)
            seconds.append(time.perf_counter() - started)
            until("round done")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
        reader.join(timeout=10)
    return [Sample(s, peak) for s in seconds]


def _read_lines(process: subprocess.Popen[str], lines: queue.Queue[str], log: Path) -> None:
    assert process.stdout is not None
    with log.open("a", encoding="utf-8") as out:
        for line in process.stdout:
            out.write(line)
            out.flush()
            lines.put(line)
