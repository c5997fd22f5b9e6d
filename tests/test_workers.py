"""Format jobs in worker processes, each followed by its gate in the build's own process."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from handbook.builders.workers import RETIRE_ABOVE, keep_workers, run_jobs
from handbook.core.model import BuildError, Finding, Severity


def _record_pid(target: Path, report: object) -> None:
    target.write_text(str(os.getpid()), encoding="utf-8")


def _fail(report: object) -> None:
    raise BuildError("the format could not be written", [])


def _refuse(report: object) -> None:
    raise BuildError("the gate refused it", [Finding("book.epub", 3, 1, Severity.ERROR, "epubcheck-RSC-007", "m")])


def _quiet(step: str, done: int, total: int) -> None:
    pass


@pytest.mark.parametrize("slots", [1, 2])
def test_a_gate_runs_in_this_process_after_its_job_succeeded(tmp_path: Path, slots: int) -> None:
    jobs = {"epub": functools.partial(_record_pid, tmp_path / "job"), "pdf": _fail}
    then = {
        "epub": functools.partial(_record_pid, tmp_path / "gate"),
        "pdf": functools.partial(_record_pid, tmp_path / "never"),
    }
    outcomes = run_jobs(jobs, _quiet, slots=slots, then=then)
    assert outcomes["epub"].ok and not outcomes["pdf"].ok
    assert outcomes["pdf"].error == "the format could not be written"
    assert (tmp_path / "gate").read_text(encoding="utf-8") == str(os.getpid())
    job_pid = (tmp_path / "job").read_text(encoding="utf-8")
    assert (job_pid != str(os.getpid())) == (slots > 1)
    assert not (tmp_path / "never").exists()


def test_a_gate_that_refuses_is_the_outcome_with_its_findings(tmp_path: Path) -> None:
    outcomes = run_jobs(
        {"epub": functools.partial(_record_pid, tmp_path / "job")}, _quiet, slots=2, then={"epub": _refuse}
    )
    assert outcomes["epub"].error == "the gate refused it"
    assert [f.rule for f in outcomes["epub"].findings] == ["epubcheck-RSC-007"]
    assert outcomes["epub"].seconds > 0


def _die(report: object) -> None:
    os._exit(3)


def _two_builds(tmp_path: Path) -> list[dict[str, str]]:
    pids = []
    for run in range(2):
        jobs = {name: functools.partial(_record_pid, tmp_path / f"{name}{run}") for name in ("pdf", "epub", "html")}
        outcomes = run_jobs(jobs, _quiet, slots=2)
        assert all(outcome.ok for outcome in outcomes.values())
        pids.append({name: (tmp_path / f"{name}{run}").read_text(encoding="utf-8") for name in jobs})
    return pids


def test_kept_workers_get_their_format_back(tmp_path: Path) -> None:
    """Kept workers outlive a build: the second build's PDF is written where the first one's was (warm Typst)."""
    keep_workers()
    try:
        pids = _two_builds(tmp_path)
    finally:
        keep_workers(False)
    assert pids[0]["pdf"] == pids[1]["pdf"] != str(os.getpid())
    assert pids[0]["epub"] == pids[1]["epub"] != pids[0]["pdf"]


def _hold_memory(target: Path, report: object) -> None:
    global _HELD
    _HELD = bytearray(RETIRE_ABOVE + (64 << 20))
    _record_pid(target, report)


_HELD = bytearray()


def test_a_worker_that_holds_a_books_memory_ends_with_its_job_unless_kept(tmp_path: Path) -> None:
    """Workers stay for the next job, except one that grew as big as Typst's layout of a whole book."""
    first = run_jobs({"pdf": functools.partial(_hold_memory, tmp_path / "big"), "epub": _quiet_job}, _quiet, slots=2)
    assert all(outcome.ok for outcome in first.values())
    again = run_jobs({"pdf": functools.partial(_record_pid, tmp_path / "next"), "epub": _quiet_job}, _quiet, slots=2)
    assert all(outcome.ok for outcome in again.values())
    big, following = ((tmp_path / name).read_text(encoding="utf-8") for name in ("big", "next"))
    assert big != following, "the big worker ended"
    assert not Path(f"/proc/{big}").exists()


def _quiet_job(report: object) -> None:
    pass


def test_a_worker_that_dies_is_an_outcome_and_is_replaced(tmp_path: Path) -> None:
    outcomes = run_jobs({"pdf": _die, "epub": functools.partial(_record_pid, tmp_path / "a")}, _quiet, slots=2)
    assert outcomes["pdf"].error == "the pdf worker stopped (exit status 3)"
    assert outcomes["epub"].ok
    again = run_jobs({"pdf": functools.partial(_record_pid, tmp_path / "b"), "html": _fail}, _quiet, slots=2)
    assert again["pdf"].ok and (tmp_path / "b").is_file()
    assert again["html"].error == "the format could not be written"


def test_workers_serve_one_family_and_end_when_another_comes(tmp_path: Path) -> None:
    """A worker that wrote one edition does not write another (Sphinx keeps some labels in its language)."""
    pids = {}
    for run, family in enumerate(("sme/en", "sme/en", "sme/ru")):
        jobs = {name: functools.partial(_record_pid, tmp_path / f"{name}{run}") for name in ("pdf", "epub")}
        assert all(o.ok for o in run_jobs(jobs, _quiet, slots=2, family=family).values())
        pids[run] = {name: (tmp_path / f"{name}{run}").read_text(encoding="utf-8") for name in jobs}
    assert pids[0] == pids[1]
    assert not set(pids[2].values()) & set(pids[0].values())
