"""Publishing: the same sources give the same bytes, a killed build loses nothing, one build at a time."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EPOCH, copy_book

HANDBOOK = str(Path(sys.executable).parent / "handbook")
BOOK = "gender-dialogue"


def _handbook(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run([HANDBOOK, *args], cwd=root, env=env, capture_output=True, text=True, check=False)


def _digests(folder: Path) -> dict[str, str]:
    """Every published file (not the work folders) by its SHA-256."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and not any(part.startswith(".") or part == "source" for part in path.relative_to(folder).parts)
        and not path.name.startswith(("sphinx-", "build-times"))
    }


def test_two_clean_builds_in_different_folders_give_the_same_epub_and_pdf(tmp_path: Path) -> None:
    outputs = []
    for name in ("first", "second"):
        root = copy_book(tmp_path / name)
        done = _handbook(root, "build", BOOK, "--format", "all", "--edition", "en")
        assert done.returncode == 0, done.stderr
        outputs.append(root / "_build" / BOOK / "en")
    for suffix in ("epub", "pdf"):
        first, second = (out / f"{BOOK}.en.{suffix}" for out in outputs)
        assert first.read_bytes() == second.read_bytes(), suffix


@pytest.mark.parametrize("when", ["sphinx-handbook-read.log", "sphinx-typst.log"])
def test_a_killed_build_leaves_the_last_good_files(tmp_path: Path, when: str) -> None:
    root = copy_book(tmp_path)
    assert _handbook(root, "build", BOOK, "--format", "all", "--edition", "en").returncode == 0
    out = root / "_build" / BOOK / "en"
    good = _digests(out)
    assert {f"{BOOK}.en.epub", f"{BOOK}.en.pdf", "html/index.html"} <= set(good)
    chapter = root / "chapters" / "gender" / "kz.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA sentence added before the crash.\n", "utf-8")
    (out / when).unlink()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    process = subprocess.Popen(
        [HANDBOOK, "build", BOOK, "--format", "all", "--edition", "en"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # the build, its fork server and its workers, all killed at once
    )
    deadline = time.monotonic() + 120
    while not (out / when).exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert _digests(out) == good
    again = _handbook(root, "build", BOOK, "--format", "all", "--edition", "en")  # the dead build's lock does not block
    assert again.returncode == 0, again.stderr
    assert _digests(out) != good


def test_a_second_build_at_the_same_time_is_refused_with_a_message(tmp_path: Path) -> None:
    root = copy_book(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    first = subprocess.Popen(
        [HANDBOOK, "build", BOOK, "--format", "html", "--edition", "en"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    lock = root / "_build" / BOOK / "en" / ".lock"
    while not lock.exists() and first.poll() is None:
        time.sleep(0.02)
    second = _handbook(root, "build", BOOK, "--format", "html", "--edition", "en")
    assert first.wait(timeout=300) == 0
    assert second.returncode == 1
    assert f"another build of {BOOK} (en) is running (process {first.pid}); wait for it to finish" in second.stderr
    assert "Traceback" not in second.stderr
