"""Timing a command and the peak memory of every process it starts."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Mapping, Sequence
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
