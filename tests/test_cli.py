"""The real ``handbook`` command, run as a subprocess the way contributors and CI run it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

HANDBOOK = str(Path(sys.executable).parent / "handbook")
FINDING = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning) (?P<rule>[a-z0-9-]+) .+; .+$"
)

GENDER_PAPER = """\
---
title: Women's entrepreneurship in Kazakhstan
country: KZ
language: en
institution:
  name: Institute for Economic Research
authors:
  - name: Aigerim Sample
abstract: What the paper finds.
keywords: [gender equality]
status: draft
---

(kz-summary)=
## Summary

Text.
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([HANDBOOK, *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)
    assert "Traceback" not in result.stderr + result.stdout
    return result


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """An empty book repository with the contributor templates."""
    (tmp_path / "chapters" / "sme").mkdir(parents=True)
    (tmp_path / "chapters" / "gender").mkdir(parents=True)
    shutil.copytree(REPO / "contrib" / "templates", tmp_path / "contrib" / "templates")
    return tmp_path


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(root.rglob("*"))}


def test_samples_validate_clean() -> None:
    result = run("validate", cwd=REPO)
    assert result.returncode == 0, result.stdout
    assert "0 errors" in result.stdout or "no problems found" in result.stdout


def test_findings_are_compiler_style_lines(book: Path) -> None:
    paper = book / "chapters" / "gender" / "kz.md"
    paper.write_text(GENDER_PAPER.replace("country: KZ", "country: TM").replace("status: draft", "status: final"))
    result = run("validate", cwd=book)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    findings = [FINDING.match(line) for line in lines[:-1]]
    assert all(findings), lines
    assert [(m["path"], m["line"], m["rule"]) for m in findings if m] == [
        ("chapters/gender/kz.md", "3", "country-member"),
        ("chapters/gender/kz.md", "11", "schema-enum"),
    ]
    assert "Turkmenistan is a CICA observer" in lines[0]
    assert "did you mean 'submitted'?" not in lines[1]
    assert lines[-1] == "checked 1 file: 2 errors, 0 warnings"


def test_json_format(book: Path) -> None:
    (book / "chapters" / "gender" / "kz.md").write_text(GENDER_PAPER.replace("title: Women", "titel: Women"))
    result = run("validate", "--format", "json", cwd=book)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["summary"] == {"files": 1, "errors": 2, "warnings": 0, "ok": False}
    rules = {(f["rule"], f["line"]) for f in data["findings"]}
    assert rules == {("schema-required", 2), ("schema-unknown-key", 2)}
    unknown = next(f for f in data["findings"] if f["rule"] == "schema-unknown-key")
    assert unknown["hint"] == "did you mean 'title'?"


def test_clean_paper_exits_zero(book: Path) -> None:
    (book / "chapters" / "gender" / "kz.md").write_text(GENDER_PAPER)
    result = run("validate", "chapters/gender/kz.md", cwd=book)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "checked 1 file: no problems found"


def test_validation_writes_nothing() -> None:
    before = snapshot(REPO / "chapters")
    run("validate", cwd=REPO)
    run("validate", "--format", "json", "chapters/sme", cwd=REPO)
    assert snapshot(REPO / "chapters") == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("validate", "no/such/file.md"), "does not exist"),
        (("validate", "--format", "xml"), "'xml' is not one of"),
        (("new", "books", "--country", "KZ"), "'books' is not one of"),
        (("frobnicate",), "No such command"),
    ],
)
def test_usage_errors_exit_2(book: Path, args: tuple[str, ...], message: str) -> None:
    result = run(*args, cwd=book)
    assert result.returncode == 2
    assert message in result.stderr


def test_outside_a_book_is_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert "no chapters/ folder" in result.stderr


def test_new_writes_a_valid_skeleton_and_never_overwrites(book: Path) -> None:
    result = run("new", "sme", "--country", "kz", cwd=book)
    assert result.returncode == 0, result.stderr
    chapter = book / "chapters" / "sme" / "kz.md"
    text = chapter.read_text(encoding="utf-8")
    assert "country: KZ" in text and "language: kk-Cyrl" in text and "currency: KZT" in text
    checked = run("validate", "--format", "json", cwd=book)
    data = json.loads(checked.stdout)
    assert checked.returncode == 0, checked.stdout
    assert {f["rule"] for f in data["findings"]} == {"template-placeholder"}

    again = run("new", "sme", "--country", "KZ", "--language", "kk-Cyrl", cwd=book)
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert chapter.read_text(encoding="utf-8") == text


def test_new_translation_names_its_original(book: Path) -> None:
    assert run("new", "gender", "--country", "QA", cwd=book).returncode == 0
    result = run("new", "gender", "--country", "QA", "--language", "en", cwd=book)
    assert result.returncode == 0, result.stderr
    translation = (book / "chapters" / "gender" / "qa.en.md").read_text(encoding="utf-8")
    assert "translation_of:\n  file: qa.md\n" in translation
    assert run("validate", cwd=book).returncode == 0


def test_new_translation_in_a_repository_names_the_originals_commit(book: Path) -> None:
    import git

    assert run("new", "gender", "--country", "QA", cwd=book).returncode == 0
    repo = git.Repo.init(book)
    repo.index.add(["chapters/gender/qa.md"])
    actor = git.Actor("Editor", "editor@example.org")
    commit = repo.index.commit("Qatar's paper", author=actor, committer=actor)
    assert run("new", "gender", "--country", "QA", "--language", "en", cwd=book).returncode == 0
    translation = (book / "chapters" / "gender" / "qa.en.md").read_text(encoding="utf-8")
    assert f'translation_of:\n  file: qa.md\n  commit: "{commit.hexsha}"\n' in translation
    assert run("validate", cwd=book).returncode == 0


@pytest.mark.parametrize(
    ("country", "language", "message"),
    [
        ("TM", None, "Turkmenistan is a CICA observer, not a member state"),
        ("XX", None, "'XX' is not a CICA member state"),
        ("KZ", "english", "'english' is not a valid BCP 47 language tag"),
    ],
)
def test_new_refuses_bad_requests(book: Path, country: str, language: str | None, message: str) -> None:
    args = ["new", "sme", "--country", country] + (["--language", language] if language else [])
    result = run(*args, cwd=book)
    assert result.returncode == 1
    assert message in result.stderr
    assert not list((book / "chapters" / "sme").iterdir())


def test_build_with_offprints_makes_the_book_then_every_chapter_in_one_run(tmp_path: Path) -> None:
    from conftest import copy_book

    root = copy_book(tmp_path / "repo")
    result = run("build", "gender-dialogue", "--edition", "en", "--format", "html", "--offprints", cwd=root)
    assert result.returncode == 0, result.stderr
    said = [line.split(":")[0] for line in result.stdout.splitlines()]
    book = [line for line in said if len(line.split()) == 3]
    assert said[: len(book)] == book and "gender-dialogue en html" in book, said
    assert sorted(said[len(book) :]) == [f"gender-dialogue en {code} html" for code in ("EG", "KG", "KZ")], said
    offprints = root / "_build" / "gender-dialogue" / "en" / "offprints"
    for code in ("eg", "kg", "kz"):
        page = offprints / f"gender-dialogue-{code}.en-html" / "index.html"
        assert page.is_file(), sorted(p.name for p in offprints.iterdir())


def test_build_refuses_a_chapter_with_offprints(tmp_path: Path) -> None:
    result = run("build", "gender-dialogue", "--chapter", "KZ", "--offprints", cwd=tmp_path)
    assert result.returncode == 2
    assert "--chapter and --offprints do not go together" in result.stderr


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM"])
def test_watch_builds_serves_and_stops_on_ctrl_c_or_sigterm(tmp_path: Path, stop: str) -> None:
    import signal
    import time

    from conftest import copy_book

    def as_at_a_terminal() -> None:  # a test run in the background inherits Ctrl-C ignored
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    root = copy_book(tmp_path / "repo")
    command = [HANDBOOK, "watch", "gender-dialogue", "--edition", "en", "--format", "html", "--port", "0"]
    process = subprocess.Popen(
        command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=as_at_a_terminal
    )
    assert process.stdout is not None
    lines = []
    deadline = time.monotonic() + 120
    while not any(line.startswith("round done") for line in lines) and time.monotonic() < deadline:
        lines.append(process.stdout.readline())
    process.send_signal(getattr(signal, stop))
    out, err = process.communicate(timeout=60)
    lines += out.splitlines()
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert re.match(r"watching chapters/, book/, contrib/ of .+; preview at http://127\.0\.0\.1:\d+/$", lines[0])
    assert any(re.match(r"built gender-dialogue en in \d+\.\d\d s \(html \d+\.\d s", line) for line in lines), lines
    assert lines[-1].strip() == "stopped watching"


def test_watch_names_the_editions_of_an_unknown_one(tmp_path: Path) -> None:
    from conftest import copy_book

    root = copy_book(tmp_path / "repo")
    result = run("watch", "gender-dialogue", "--edition", "xx", cwd=root)
    assert result.returncode == 2
    assert "gender-dialogue has no 'xx' edition (editions: en, ru)" in result.stderr
