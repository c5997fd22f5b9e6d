"""Attribution, changelog, "What is new" and the status board, from real temporary git repositories."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import git
import pytest

from conftest import copy_book
from handbook.collab import history
from handbook.collab.translations import original_commit
from handbook.core.model import Publication
from handbook.pipeline import build
from handbook.publish.status import TranslationRow, board, cells, to_html
from handbook.validate.contributors import load

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
    revised = (
        (AIGERIM, "chapters/gender/kz.md"),
        (NURGUL, "chapters/gender/kg.md"),
        (NURGUL, "chapters/gender/kg.en.md"),
    )
    for actor, path in revised:
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
    page = (root / "_build" / "gender-dialogue" / "en" / "html" / "back" / "contributors.html").read_text(
        encoding="utf-8"
    )
    assert "committed by Nurgul Toktosunova" in page
    assert "committed by Aigerim Nurlanovna Seitkali" in page
    assert "revisions: 2" in page
    board_page = (root / "_build" / "gender-dialogue" / "en" / "html" / "status.html").read_text(encoding="utf-8")
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
    assert "3 chapter file(s) changed from v1 to HEAD" in result.stdout  # kg.md, its translation, kz.md


def test_a_build_from_a_tag_says_what_is_new(repo: git.Repo) -> None:
    repo.create_tag("v2")
    root = Path(repo.working_tree_dir or ".")
    build(root, "gender-dialogue", ("html",))
    page = (root / "_build" / "gender-dialogue" / "en" / "html" / "back" / "whats-new.html").read_text(encoding="utf-8")
    assert "What is new in this edition" in page and "from edition v1 to edition v2" in page
    assert "chapters/gender/kg.md" in page and "revised" in page


def test_status_board_covers_every_member_and_publication(repo: git.Repo) -> None:
    root = Path(repo.working_tree_dir or ".")
    rows = board(root)
    assert len(rows) == 28 * 2
    kg = next(r for r in rows if r.country == "KG" and r.publication == "gender")
    assert kg.submitted and kg.status == "draft" and kg.languages == ("en", "ru") and kg.words > 500
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


def test_status_board_shows_whether_a_translation_is_current(repo: git.Repo) -> None:
    root = Path(repo.working_tree_dir or ".")
    original = root / "chapters" / "gender" / "kz.md"
    made_from = original_commit(repo, original)
    text = original.read_text(encoding="utf-8")
    named = f'\nlanguage: kk\ntranslation_of:\n  file: kz.md\n  commit: "{made_from}"\n'
    (root / "chapters" / "gender" / "kz.kk.md").write_text(text.replace("\nlanguage: en\n", named, 1), "utf-8")
    repo.index.add(["chapters/gender/kz.kk.md"])
    repo.index.commit("Kazakh translation", author=AIGERIM, committer=AIGERIM)
    kz = next(r for r in board(root, (Publication.GENDER,)) if r.country == "KZ")
    kazakh = tuple(t for t in kz.translations if t.language == "kk")  # the sample kz.ru.md is there too
    assert kazakh == (TranslationRow("kk", "chapters/gender/kz.kk.md", "current", 0, "", "current"),)
    original.write_text(text + "\nA paragraph the translation does not have yet.\n", encoding="utf-8")
    repo.index.add(["chapters/gender/kz.md"])
    when = "2026-03-04T10:00:00+0000"
    repo.index.commit("Add a paragraph", author=AIGERIM, committer=AIGERIM, author_date=when, commit_date=when)
    kz = next(r for r in board(root, (Publication.GENDER,)) if r.country == "KZ")
    label = "outdated (1 commit, last 2026-03-04)"
    kazakh = tuple(t for t in kz.translations if t.language == "kk")
    assert kazakh == (TranslationRow("kk", "chapters/gender/kz.kk.md", "outdated", 1, "2026-03-04", label),)
    assert any(f"kk: {label}" in cell for cell in cells(kz))
    assert f"kk: {label}" in to_html([kz], "Status")
    valid = dataclasses.replace(kz, errors=0)  # the row is marked when validation has nothing worse to show
    assert '<tr class="outdated"><th scope="row">Kazakhstan (KZ)</th>' in to_html([valid], "Status")
    listed = json.loads(json.dumps(dataclasses.asdict(kz)))["translations"]  # as `handbook status --format json`
    assert [t for t in listed if t["language"] == "kk"] == [
        {
            "language": "kk",
            "path": "chapters/gender/kz.kk.md",
            "state": "outdated",
            "commits_since": 1,
            "last_change": "2026-03-04",
            "label": label,
            "reason_key": "",
            "reason_values": [],
        }
    ]
    russian = to_html([valid], "Статус глав", "ru")
    assert '<html lang="ru" dir="ltr">' in russian and '<th scope="row">Казахстан (KZ)</th>' in russian
    assert "kk: устарел (последующих изменений оригинала: 1, последнее — 4 марта 2026 г.)" in russian
