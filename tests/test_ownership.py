"""check-ownership on real temporary git repositories (GitPython): who may change which files."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import git
import pytest

from handbook.collab.codeowners import codeowners
from handbook.collab.ownership import check, owner_of
from handbook.validate.contributors import load

REGISTRY = """\
editors:
  - {name: Editorial team, emails: [editor@example.org], github: [cica-ttf/editors]}
countries:
  KZ:
    institution: Astana think tank
    focal_points: [{name: Aizhan, emails: [aizhan@example.org]}]
    identities: [aizhan@example.org]
    github: [cica-ttf/kz]
  RU:
    institution: Moscow think tank
    focal_points: [{name: Vera, emails: [vera@example.org]}]
    identities: [vera@example.org]
"""
EDITOR = git.Actor("Editorial team", "editor@example.org")
AIZHAN = git.Actor("Aizhan", "aizhan@example.org")
VERA = git.Actor("Vera", "vera@example.org")
STRANGER = git.Actor("Someone", "someone@example.com")


class Book:
    """A book repository in a temporary folder, with commits by chosen authors."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.repo = git.Repo.init(root, initial_branch="main")
        with self.repo.config_writer() as config:
            config.set_value("user", "name", "Editorial team")
            config.set_value("user", "email", "editor@example.org")
        first = {
            "contrib/contributors.yml": REGISTRY,
            "chapters/sme/kz.md": "kz\n",
            "chapters/sme/ru.md": "ru\n",
            "chapters/sme/ru/chart.svg": "<svg/>\n",
            "Makefile": "all:\n",
        }
        self.commit(EDITOR, first)
        self.base = self.repo.head.commit.hexsha

    def commit(self, author: git.Actor, files: dict[str, str], message: str = "change") -> str:
        for name, text in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self.repo.index.add([name])
        return self.repo.index.commit(message, author=author, committer=author).hexsha

    def check(self) -> list[tuple[str, str]]:
        contributors, problems = load(self.root)
        assert contributors is not None, problems
        _, findings = check(self.root, self.base, "HEAD", contributors)
        return [(f.path, f.rule) for f in findings]


@pytest.fixture
def book(tmp_path: Path) -> Iterator[Book]:
    yield Book(tmp_path)


def test_paths_belong_to_countries() -> None:
    assert owner_of("chapters/sme/kz.md").country == "KZ"
    assert owner_of("chapters/gender/kz.ru.md").country == "KZ"
    assert owner_of("chapters/sme/kz/figure.svg").country == "KZ"
    assert owner_of("chapters/sme/kzx.md").country is None
    assert owner_of("book/sme-handbook/publication.yml").country is None


def test_a_think_tank_changes_its_own_chapter(book: Book) -> None:
    book.commit(AIZHAN, {"chapters/sme/kz.md": "kz, revised\n", "chapters/sme/kz/new.svg": "<svg/>\n"})
    assert book.check() == []


def test_a_change_to_another_countrys_chapter_is_refused(book: Book) -> None:
    sha = book.commit(AIZHAN, {"chapters/sme/ru.md": "ru, rewritten by KZ\n"})
    contributors, _ = load(book.root)
    assert contributors is not None
    _, findings = check(book.root, book.base, "HEAD", contributors)
    assert [(f.path, f.rule) for f in findings] == [("chapters/sme/ru.md", "ownership-country")]
    assert sha[:10] in findings[0].message and "Aizhan <aizhan@example.org>" in findings[0].message


def test_editors_change_anything_others_no_build_files(book: Book) -> None:
    book.commit(EDITOR, {"chapters/sme/ru.md": "ru, copy-edited\n", "Makefile": "all: html\n"})
    assert book.check() == []
    book.commit(VERA, {"Makefile": "all: pdf\n"})
    assert book.check() == [("Makefile", "ownership-build")]


def test_an_unknown_author_is_refused(book: Book) -> None:
    book.commit(STRANGER, {"chapters/sme/kz.md": "kz?\n"})
    assert book.check() == [("chapters/sme/kz.md", "ownership-unknown")]


def test_a_rename_counts_for_both_paths(book: Book) -> None:
    (book.root / "chapters" / "sme" / "kz").mkdir()
    book.repo.index.move(["chapters/sme/ru/chart.svg", "chapters/sme/kz/chart.svg"])
    book.repo.index.commit("take RU's chart", author=AIZHAN, committer=AIZHAN)
    assert book.check() == [("chapters/sme/ru/chart.svg", "ownership-country")]


def test_a_merge_is_held_to_its_own_edits(book: Book) -> None:
    repo = book.repo
    repo.git.checkout("-b", "ru-update")
    book.commit(VERA, {"chapters/sme/ru.md": "ru, updated by RU\n"})
    repo.git.checkout("main")
    book.commit(AIZHAN, {"chapters/sme/kz.md": "kz, updated\n"})
    with repo.git.custom_environment(GIT_AUTHOR_NAME="Aizhan", GIT_AUTHOR_EMAIL="aizhan@example.org"):
        repo.git.merge("ru-update", "--no-ff", "-m", "merge RU's update")
    assert book.check() == []  # each side judged as its author's; the merge added nothing of its own
    repo.git.checkout("-b", "ru-more")
    book.commit(VERA, {"chapters/sme/ru.md": "ru, more\n"})
    repo.git.checkout("main")
    with repo.git.custom_environment(GIT_AUTHOR_NAME="Aizhan", GIT_AUTHOR_EMAIL="aizhan@example.org"):
        repo.git.merge("ru-more", "--no-ff", "--no-commit")
        (book.root / "chapters/sme/ru.md").write_text("ru, changed inside the merge by KZ\n", encoding="utf-8")
        repo.git.add("chapters/sme/ru.md")
        repo.git.commit("-m", "merge, with an edit of RU's chapter")
    assert book.check() == [("chapters/sme/ru.md", "ownership-country")]


def test_mailmap_maps_other_addresses_to_registered_ones(book: Book) -> None:
    book.commit(EDITOR, {".mailmap": "Aizhan <aizhan@example.org> <aizhan.personal@example.com>\n"})
    book.base = book.repo.head.commit.hexsha
    book.commit(git.Actor("Aizhan T.", "aizhan.personal@example.com"), {"chapters/sme/kz.md": "kz from home\n"})
    assert book.check() == []


def test_cli_fails_naming_commit_author_and_file(book: Book) -> None:
    sha = book.commit(AIZHAN, {"chapters/sme/ru.md": "ru, rewritten by KZ\n"})
    result = subprocess.run(
        [str(Path(sys.executable).parent / "handbook"), "check-ownership", "--base", book.base],
        cwd=book.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    line = result.stdout.splitlines()[0]
    assert line.startswith("chapters/sme/ru.md:1:1: error ownership-country commit " + sha[:10])
    assert "Aizhan <aizhan@example.org>" in line
    assert "Traceback" not in result.stderr


def test_codeowners_from_the_registry(book: Book) -> None:
    contributors, _ = load(book.root)
    assert contributors is not None
    text = codeowners(contributors)
    assert "* @cica-ttf/editors" in text
    assert "/chapters/sme/kz.md @cica-ttf/editors @cica-ttf/kz" in text
    assert "/chapters/sme/ru.md" not in text  # RU names no code owners: editors own it


def test_a_malformed_registry_is_a_clear_error(book: Book) -> None:
    (book.root / "contrib" / "contributors.yml").write_text("editors: []\ncountries: {TM: {}}\n", encoding="utf-8")
    contributors, findings = load(book.root)
    assert contributors is None
    assert {f.rule for f in findings} >= {"schema-size", "contributors-registry"}
