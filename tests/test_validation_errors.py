"""A failing check loses nothing: the other checks' findings stay, and HANDBOOK_DEBUG shows the real traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import FIXTURES
from handbook import pipeline
from handbook.builders import workers
from handbook.cli.options import show_tracebacks
from handbook.core.model import BuildError, Chapter, Finding, Progress
from handbook.validate import runner
from handbook.validate.rules import CHAPTER_CHECKS, RULES
from handbook.validate.runner import validate

GOOD = FIXTURES / "rules" / "yaml-nesting" / "pass" / "chapters" / "gender" / "ae.md"


def broken_twice(root: Path) -> Path:
    """A chapter with a level-1 heading in its body and a label without the country's prefix."""
    chapter = root / "chapters" / "gender" / "ae.md"
    chapter.parent.mkdir(parents=True)
    text = GOOD.read_text(encoding="utf-8").replace("(ae-summary)=\n", "# A title in the body\n\n(summary)=\n")
    chapter.write_text(text, encoding="utf-8")
    return chapter


def half_done(chapter: Chapter) -> Iterator[Finding]:
    """A buggy check: one finding, then a crash."""
    yield RULES["heading-skip"].at(chapter, 3, 1, "found before the crash", "keep me")
    raise KeyError("a bug")


def crash(chapter: Chapter) -> list[Finding]:
    """A buggy check that fails before giving anything."""
    raise ValueError("another bug")


def test_two_broken_checks_give_both_findings(tmp_path: Path) -> None:
    broken_twice(tmp_path)
    rules = [f.rule for f in validate(tmp_path, base=tmp_path).findings]
    assert "heading-title" in rules and "label-prefix" in rules


def test_a_failing_check_keeps_every_other_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken_twice(tmp_path)
    monkeypatch.delenv("HANDBOOK_DEBUG", raising=False)
    middle = len(CHAPTER_CHECKS) // 2
    checks = [*CHAPTER_CHECKS[:middle], half_done, crash, *CHAPTER_CHECKS[middle:]]
    monkeypatch.setattr(runner, "CHAPTER_CHECKS", checks)
    findings = validate(tmp_path, base=tmp_path).findings
    rules = [f.rule for f in findings]
    assert "heading-title" in rules and "label-prefix" in rules, rules
    assert "found before the crash" in [f.message for f in findings]
    errors = [f.message for f in findings if f.rule == "internal-error"]
    assert sorted(errors) == [
        "the validator's check 'crash' failed on this file (ValueError: another bug)",
        "the validator's check 'half_done' failed on this file (KeyError: 'a bug')",
    ]


def test_debugging_raises_the_original_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken_twice(tmp_path)
    monkeypatch.setenv("HANDBOOK_DEBUG", "1")
    monkeypatch.setattr(runner, "CHAPTER_CHECKS", [*CHAPTER_CHECKS, crash])
    with pytest.raises(ValueError, match="another bug"):
        validate(tmp_path, base=tmp_path)


def buggy_job(report: Progress) -> None:
    """A format's job with a bug deep inside it."""
    {}["missing"]


def fine_job(report: Progress) -> None:
    """A job that works, so that the two run in worker processes."""


def test_a_workers_traceback_reaches_the_user_with_debugging(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    outcomes = workers.run_jobs({"epub": buggy_job, "html": fine_job}, lambda *a: None, slots=2)
    assert outcomes["html"].ok and outcomes["epub"].error == "internal error: KeyError: 'missing'"
    with pytest.raises(BuildError) as stopped:
        pipeline._raise_failures(list(outcomes.values()))
    (text,) = stopped.value.tracebacks
    assert "Traceback (most recent call last)" in text and "in buggy_job" in text and '{}["missing"]' in text
    monkeypatch.delenv("HANDBOOK_DEBUG", raising=False)
    show_tracebacks(stopped.value)
    quiet = capsys.readouterr().err
    assert "HANDBOOK_DEBUG=1" in quiet and "Traceback" not in quiet and len(quiet.splitlines()) == 1
    monkeypatch.setenv("HANDBOOK_DEBUG", "1")
    show_tracebacks(stopped.value)
    assert capsys.readouterr().err == text


def test_the_command_shows_one_line_or_the_traceback(tmp_path: Path) -> None:
    """An internal error of the validator itself: one line for users, the traceback with HANDBOOK_DEBUG."""
    broken_twice(tmp_path)
    script = (
        "import sys; from handbook.validate import runner; from handbook.cli.main import main\n"
        "def crash(chapter): raise ValueError('another bug')\n"
        "runner.CHAPTER_CHECKS = [*runner.CHAPTER_CHECKS, crash]\n"
        "sys.argv = ['handbook', 'validate']; main()\n"
    )
    plain = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert plain.returncode == 1 and "Traceback" not in plain.stderr + plain.stdout
    assert "internal-error" in plain.stdout + plain.stderr
    debug = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "HANDBOOK_DEBUG": "1"},
    )
    assert debug.returncode != 0 and "Traceback" in debug.stderr and "ValueError: another bug" in debug.stderr
