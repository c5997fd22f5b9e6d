"""Translation tracking against the original's commit, in real temporary git repositories."""

from __future__ import annotations

import datetime
from pathlib import Path

import git
import pytest

from handbook.collab import history
from handbook.collab.translations import Status, TranslationState, original_commit, state_of, states
from handbook.core.model import Chapter
from handbook.sources import layout, reading

EDITOR = git.Actor("Editor", "editors@example.org")
ORIGINAL = "---\nlanguage: en\n---\n\n# Kazakhstan\n\nSMEs are 40% of employment.\n\nThey export little.\n"


def commit(repo: git.Repo, message: str, day: str) -> str:
    """Commit everything in the working tree on a fixed date, so that the dates in states are known."""
    repo.git.add("--all")
    when = f"{day}T09:00:00+0000"
    return repo.index.commit(message, author=EDITOR, committer=EDITOR, author_date=when, commit_date=when).hexsha


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def translation(root: Path, commit: str | None, folder: str = "sme") -> Chapter:
    """chapters/<folder>/kz.ru.md, naming kz.md and (when given) the original's commit."""
    named = f'\n  commit: "{commit}"' if commit else ""
    path = root / "chapters" / folder / "kz.ru.md"
    write(path, f"---\nlanguage: ru\ntranslation_of:\n  file: kz.md{named}\n---\n\n# Казахстан\n")
    return reading.read_chapter(layout.chapter_path(root, path), f"chapters/{folder}/kz.ru.md")


@pytest.fixture
def repo(tmp_path: Path) -> git.Repo:
    """A repository whose one commit holds the English original chapters/sme/kz.md."""
    repository = git.Repo.init(tmp_path, initial_branch="main")
    write(tmp_path / "chapters" / "sme" / "kz.md", ORIGINAL)
    commit(repository, "Kazakhstan chapter", "2026-01-05")
    return repository


def root_of(repo: git.Repo) -> Path:
    return Path(repo.working_tree_dir or ".")


def edit_original(repo: git.Repo, folder: str = "sme") -> None:
    original = root_of(repo) / "chapters" / folder / "kz.md"
    original.write_text(ORIGINAL.replace("40%", "41%"), encoding="utf-8")


def test_a_translation_of_the_committed_original_is_current(repo: git.Repo) -> None:
    state = state_of(repo, translation(root_of(repo), repo.head.commit.hexsha))
    assert state == TranslationState(Status.CURRENT, "kz.md", repo.head.commit.hexsha)
    assert state.label() == "current"
    assert state.sentence() == f"The translation is current: kz.md has not changed since commit {state.commit[:7]}."


def test_a_commit_to_the_original_makes_the_translation_outdated(repo: git.Repo) -> None:
    made_from = repo.head.commit.hexsha
    chapter = translation(root_of(repo), made_from)
    edit_original(repo)
    revised = commit(repo, "Update the employment share", "2026-02-03")
    state = state_of(repo, chapter)
    assert state.status is Status.OUTDATED
    assert state.commits_since == 1 and state.lines_changed == 2 and not state.uncommitted
    assert state.latest is not None and state.latest.commit == revised
    assert state.latest.subject == "Update the employment share"
    assert state.last_change == datetime.date(2026, 2, 3)
    assert state.label() == "outdated (1 commit, last 2026-02-03)"
    assert state.sentence() == (
        f"The translation may be out of date: kz.md has changed since commit {made_from[:7]} in 1 commit, "
        f'the latest {revised[:7]} on 2026-02-03 ("Update the employment share"), 2 lines changed.'
    )
    assert states(repo, [chapter]) == {"chapters/sme/kz.ru.md": state}


def test_an_uncommitted_edit_of_the_original_makes_the_translation_outdated(repo: git.Repo) -> None:
    chapter = translation(root_of(repo), repo.head.commit.hexsha)
    edit_original(repo)
    state = state_of(repo, chapter)
    assert state.status is Status.OUTDATED
    assert state.commits_since == 0 and state.latest is None and state.uncommitted and state.lines_changed == 2
    assert state.label() == "outdated (uncommitted changes)"
    assert state.sentence().endswith(", 2 lines changed, with uncommitted changes.")


def test_naming_the_new_commit_makes_the_translation_current_again(repo: git.Repo) -> None:
    root = root_of(repo)
    translation(root, repo.head.commit.hexsha)
    edit_original(repo)
    revised = commit(repo, "Update the employment share", "2026-02-03")
    newest = original_commit(repo, root / "chapters" / "sme" / "kz.md")
    assert newest == revised
    commit(repo, "Unrelated change", "2026-02-04")  # HEAD moves on; the original's commit stays
    assert original_commit(repo, root / "chapters" / "sme" / "kz.md") == revised
    assert state_of(repo, translation(root, revised)).status is Status.CURRENT
    assert state_of(repo, translation(root, revised[:7])).status is Status.CURRENT  # an abbreviated sha


def test_a_renamed_original_is_still_tracked(repo: git.Repo) -> None:
    root = root_of(repo)
    made_from = repo.head.commit.hexsha
    translation(root, made_from)
    commit(repo, "Russian translation", "2026-01-06")
    repo.git.mv("chapters/sme", "chapters/gender")  # the chapter moves to the other publication
    moved = commit(repo, "Move Kazakhstan to the gender papers", "2026-01-07")
    chapter = translation(root, made_from, folder="gender")
    assert state_of(repo, chapter) == TranslationState(Status.CURRENT, "kz.md", made_from)
    assert original_commit(repo, root / "chapters" / "gender" / "kz.md") == moved
    edit_original(repo, folder="gender")
    revised = commit(repo, "Update the employment share", "2026-02-03")
    state = state_of(repo, chapter)
    assert state.status is Status.OUTDATED and state.commits_since == 1  # the pure rename is not a change
    assert state.latest is not None and state.latest.commit == revised and state.lines_changed == 2


@pytest.mark.parametrize(
    ("named", "reason"),
    [
        (None, "no commit named"),
        ("0123456789abcdef", "commit 0123456789abcdef is not in the repository"),
        ("HEAD~1", "'HEAD~1' is not a commit id"),
    ],
)
def test_a_commit_that_cannot_be_compared_gives_unknown(repo: git.Repo, named: str | None, reason: str) -> None:
    state = state_of(repo, translation(root_of(repo), named))
    assert state.status is Status.UNKNOWN and state.reason == reason
    assert state.label() == f"unknown ({reason})"
    assert state.sentence() == f"Whether the translation is current is unknown: {reason}."


def test_a_commit_before_the_original_existed_gives_unknown(repo: git.Repo) -> None:
    root = root_of(repo)
    before = repo.head.commit.hexsha
    write(root / "chapters" / "sme" / "cn.md", ORIGINAL)
    commit(repo, "China chapter", "2026-01-06")
    path = root / "chapters" / "sme" / "cn.en.md"
    write(path, f'---\nlanguage: en\ntranslation_of:\n  file: cn.md\n  commit: "{before}"\n---\n')
    state = state_of(repo, reading.read_chapter(layout.chapter_path(root, path), "chapters/sme/cn.en.md"))
    assert state.status is Status.UNKNOWN and state.reason == f"cn.md did not exist at commit {before}"


def test_outside_git_the_state_is_unknown(tmp_path: Path) -> None:
    write(tmp_path / "chapters" / "sme" / "kz.md", ORIGINAL)
    chapter = translation(tmp_path, "0123456")
    assert history.open_repository(tmp_path) is None
    state = state_of(history.open_repository(tmp_path), chapter)
    assert state == TranslationState(Status.UNKNOWN, "kz.md", reason="not in a git repository")
