"""The hostile corpus: each chapter in tests/hostile/ is refused by ``handbook validate`` and ``handbook build``.

A case is a folder ``tests/hostile/<case>/`` holding ``chapters/<publication>/kz.md`` (with its figures)
and ``expected``: the ids of the errors the chapter must give, one a line (``#`` lines say what the
attack is). Symbolic links and large files are not committed: :data:`MAKERS` makes them in the copy.

Both commands run as real subprocesses in a copy of the case with the repository's ``book/``, and
must end with exit status 1 and the rule ids, never a traceback; the build must stop before it
writes anything outside ``_build/``. The selected cases run in parallel, so the file takes seconds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO
from handbook.validate.rules import RULES

HOSTILE = Path(__file__).resolve().parent / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir())
HANDBOOK = str(Path(sys.executable).parent / "handbook")
PUBLICATIONS = {"sme": "sme-handbook", "gender": "gender-dialogue"}
_ERROR_LINE = re.compile(r"^(?P<path>\S+):(?P<line>\d+):(?P<column>\d+): error (?P<rule>[a-z0-9-]+) ", re.M)


def chapter_of(repo: Path) -> Path:
    """The case's one chapter file (which may be a symbolic link)."""
    (chapter,) = list((repo / "chapters").glob("*/*.md"))
    return chapter


def _padded_to_3_mb(repo: Path, outside: Path) -> None:
    chapter = chapter_of(repo)
    line = b"Women own about a third of small businesses in Kazakhstan, and borrow less than men do.\n\n"
    chapter.write_bytes(chapter.read_bytes() + line * (3_000_000 // len(line) + 1))


def _image_linked_to_etc_hostname(repo: Path, outside: Path) -> None:
    folder = chapter_of(repo).with_suffix("")
    folder.mkdir(exist_ok=True)
    (folder / "hostname.png").symlink_to("/etc/hostname")


def _file_in_folder_linked_to_etc_passwd(repo: Path, outside: Path) -> None:
    (chapter_of(repo).with_suffix("") / "notes.txt").symlink_to("/etc/passwd")


def _folder_linked_outside(repo: Path, outside: Path) -> None:
    folder = chapter_of(repo).with_suffix("")
    shutil.move(folder, outside / folder.name)
    folder.symlink_to(outside / folder.name, target_is_directory=True)


def _chapter_linked_outside(repo: Path, outside: Path) -> None:
    chapter = chapter_of(repo)
    shutil.move(chapter, outside / chapter.name)
    chapter.symlink_to(outside / chapter.name)


def _chapter_linked_to_etc_passwd(repo: Path, outside: Path) -> None:
    chapter = chapter_of(repo)
    chapter.unlink()
    chapter.symlink_to("/etc/passwd")


def _chapter_linked_to_itself(repo: Path, outside: Path) -> None:
    chapter = chapter_of(repo)
    chapter.unlink()
    chapter.symlink_to(chapter.name)


def _image_linked_to_itself(repo: Path, outside: Path) -> None:
    folder = chapter_of(repo).with_suffix("")
    folder.mkdir(exist_ok=True)
    (folder / "employment.png").symlink_to("employment.png")


def _jpeg_of_11_mb(repo: Path, outside: Path) -> None:
    folder = chapter_of(repo).with_suffix("")
    folder.mkdir(exist_ok=True)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(11_000_000))


MAKERS: dict[str, Callable[[Path, Path], None]] = {
    "chapter-3mb": _padded_to_3_mb,
    "symlinked-image": _image_linked_to_etc_hostname,
    "symlinked-file-in-folder": _file_in_folder_linked_to_etc_passwd,
    "symlinked-folder": _folder_linked_outside,
    "symlinked-chapter": _chapter_linked_outside,
    "symlinked-chapter-etc-passwd": _chapter_linked_to_etc_passwd,
    "symlink-loop-chapter": _chapter_linked_to_itself,
    "symlink-loop-image": _image_linked_to_itself,
    "image-11mb": _jpeg_of_11_mb,
}
"""What each case needs that is not committed: links out of the repository and large files."""


def expected_rules(case: str) -> set[str]:
    lines = (HOSTILE / case / "expected").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def listing(folder: Path, skip: Path) -> dict[str, tuple[str, int, int]]:
    """Every path under ``folder`` but ``skip``: its kind, and a file's or link's size and modification time.

    A folder's own times are left out: making ``skip`` (``_build/``) changes its parent's.
    """
    found: dict[str, tuple[str, int, int]] = {}
    for path in sorted(folder.rglob("*")):
        if path == skip or skip in path.parents:
            continue
        stat = path.lstat()
        kind = "link" if path.is_symlink() else "folder" if path.is_dir() else "file"
        found[path.relative_to(folder).as_posix()] = (
            (kind, 0, 0) if kind == "folder" else (kind, stat.st_size, stat.st_mtime_ns)
        )
    return found


@dataclass(frozen=True)
class Outcome:
    """What the two commands did with one case."""

    repo: Path
    validate: subprocess.CompletedProcess[str]
    build: subprocess.CompletedProcess[str]
    before: dict[str, tuple[str, int, int]]
    after: dict[str, tuple[str, int, int]]


def run_case(case: str, where: Path) -> Outcome:
    """Copy the case into a minimal book repository (``book/`` + its chapters), then validate and build it."""
    repo, outside = where / "repo", where / "outside"
    outside.mkdir(parents=True)
    shutil.copytree(HOSTILE / case / "chapters", repo / "chapters", symlinks=True)
    shutil.copytree(REPO / "book", repo / "book")
    if case in MAKERS:
        MAKERS[case](repo, outside)
    publication = PUBLICATIONS[chapter_of(repo).parent.name]
    env = {key: value for key, value in os.environ.items() if key != "HANDBOOK_DEBUG"}

    def handbook(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [HANDBOOK, *args], cwd=repo, env=env, capture_output=True, text=True, timeout=300, check=False
        )

    before = listing(where, repo / "_build")
    validated = handbook("validate")
    built = handbook("build", publication, "--format", "html", "--no-check")
    return Outcome(repo, validated, built, before, listing(where, repo / "_build"))


@pytest.fixture(scope="module")
def outcomes(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """The selected cases, run in parallel (each case's two commands one after the other)."""
    selected = sorted(
        {
            item.callspec.params["case"]
            for item in request.session.items
            if item.module is request.module and hasattr(item, "callspec") and "case" in item.callspec.params
        }
    )
    base = tmp_path_factory.mktemp("hostile")
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip(selected, pool.map(lambda case: run_case(case, base / case), selected), strict=True))


def test_every_case_is_complete() -> None:
    assert len(CASES) >= 40
    known = set(RULES)
    for case in CASES:
        assert expected_rules(case), f"{case}: 'expected' names no rule"
        assert expected_rules(case) <= known, f"{case}: unknown rules {expected_rules(case) - known}"
        chapters = list((HOSTILE / case / "chapters").glob("*/*.md"))
        assert len(chapters) == 1 and chapters[0].parent.name in PUBLICATIONS, case
    assert set(MAKERS) <= set(CASES)


def test_nothing_committed_is_large_or_a_link() -> None:
    for path in HOSTILE.rglob("*"):
        assert not path.is_symlink(), f"{path}: make links at run time (MAKERS)"
        assert path.is_dir() or path.stat().st_size < 50_000, f"{path}: make large files at run time (MAKERS)"


@pytest.mark.parametrize("case", CASES)
def test_validate_refuses_it_with_its_rule(case: str, outcomes: dict[str, Outcome]) -> None:
    run = outcomes[case].validate
    output = run.stdout + run.stderr
    assert "Traceback" not in output, output
    assert run.returncode == 1, output
    errors = list(_ERROR_LINE.finditer(run.stdout))
    assert {e["rule"] for e in errors} == expected_rules(case), output
    chapter = chapter_of(outcomes[case].repo).relative_to(outcomes[case].repo).as_posix()
    assert all(e["path"] == chapter and int(e["line"]) >= 1 for e in errors), output


@pytest.mark.parametrize("case", CASES)
def test_build_stops_with_the_rule_and_writes_nothing(case: str, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[case]
    run = outcome.build
    output = run.stdout + run.stderr
    assert "Traceback" not in output, output
    assert run.returncode == 1, output
    assert expected_rules(case) <= {e["rule"] for e in _ERROR_LINE.finditer(run.stdout)}, output
    assert outcome.after == outcome.before, "files outside _build/ changed"
    built = outcome.repo / "_build" / PUBLICATIONS[chapter_of(outcome.repo).parent.name]
    assert not [*built.glob("*/source"), *built.glob("*/html")], "the build went past validation"
