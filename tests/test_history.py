"""Attribution, changelog, "What is new" and the status board, from real temporary git repositories."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import git
import pytest

from conftest import copy_book
from handbook import history
from handbook.build import build
from handbook.contributors import load
from handbook.status import board

AIGERIM = git.Actor("Aigerim Seitkali", "aigerim.nurlanovna.seitkali@example.org")
NURGUL = git.Actor("Nurgul T.", "nurgul.toktosunova@example.org")
EDITOR = git.Actor("Editor", "editors@example.org")


@pytest.fixture
def repo(tmp_path: Path) -> git.Repo:
    """The sample book in a fresh repository: the editors commit it, then two think tanks revise."""
    root = copy_book(tmp_path)
    repository = git.Repo.init(root, initial_branch="main")
    repository.index.add(["book", "chapters", "contrib"])
    repository.index.commit("Sample book", author=EDITOR, committer=EDITOR)
    repository.create_tag("v1")
    for actor, path in ((AIGERIM, "chapters/gender/kz.md"), (NURGUL, "chapters/gender/kg.md")):
        chapter = root / path
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
        repository.index.add([path])
        repository.index.commit(f"Revise {path}", author=actor, committer=actor)
    return repository


def test_attribution_maps_commits_through_the_registry(repo: git.Repo) -> None:
    root = Path(repo.working_tree_dir or ".")
    registry, _ = load(root)
    found = history.attribute(repo, root / "chapters" / "gender" / "kg.md", registry)
    assert found is not None
    assert found.contributors == ("Nurgul Toktosunova",)  # the registered name, not the git name
    assert found.editors == ("Editorial team of the CICA Think Tank Forum Secretariat",)
    assert len(found.revisions) == 2 and found.first <= found.last


def test_contributors_page_lists_people_from_git_history(repo: git.Repo) -> None:
    root = Path(repo.working_tree_dir or ".")
    build(root, "gender-dialogue", ("html",))
    page = (root / "_build" / "gender-dialogue" / "html" / "back" / "contributors.html").read_text(encoding="utf-8")
    assert "committed by Nurgul Toktosunova" in page
    assert "committed by Aigerim Nurlanovna Seitkali" in page
    assert "revisions: 2" in page
    board_page = (root / "_build" / "gender-dialogue" / "html" / "status.html").read_text(encoding="utf-8")
    assert "Kyrgyzstan (KG)" in board_page and "Nurgul Toktosunova" in board_page


def test_changelog_lists_changed_chapters(repo: git.Repo) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "handbook"), "changelog", "--since", "v1"],
        cwd=repo.working_tree_dir,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "chapters/gender/kg.md: modified" in result.stdout
    assert "Revise chapters/gender/kz.md" in result.stdout
    assert "2 chapter file(s) changed from v1 to HEAD" in result.stdout


def test_a_build_from_a_tag_says_what_is_new(repo: git.Repo) -> None:
    repo.create_tag("v2")
    root = Path(repo.working_tree_dir or ".")
    build(root, "gender-dialogue", ("html",))
    page = (root / "_build" / "gender-dialogue" / "html" / "back" / "whats-new.html").read_text(encoding="utf-8")
    assert "What is new in this edition" in page and "from edition v1 to edition v2" in page
    assert "chapters/gender/kg.md" in page and "revised" in page


def test_status_board_covers_every_member_and_publication(repo: git.Repo) -> None:
    root = Path(repo.working_tree_dir or ".")
    rows = board(root)
    assert len(rows) == 28 * 2
    kg = next(r for r in rows if r.country == "KG" and r.publication == "gender")
    assert kg.submitted and kg.status == "draft" and kg.languages == ("ru",) and kg.words > 500
    assert kg.errors == 0 and kg.contributors == ("Nurgul Toktosunova",)
    assert not next(r for r in rows if r.country == "AF" and r.publication == "sme").submitted
    result = subprocess.run(
        [str(Path(sys.executable).parent / "handbook"), "status", "--format", "json"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(json.loads(result.stdout)) == 56
