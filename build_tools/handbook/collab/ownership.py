"""``handbook check-ownership``: every commit of a change, every file it touches, against the registry.

A think tank's identities may change their own country's chapters (and translations and folders);
editors may change anything; nobody else may change anything. Renames count for both their old
and new paths; a merge is held to the files it changed itself (its conflict resolutions); authors
are read through .mailmap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import git

from ..core.model import Finding, Severity
from ..sources.contributors import Contributors
from ..sources.layout import CHAPTERS_DIR

_CHAPTER_PATH = re.compile(rf"^{CHAPTERS_DIR}/(?P<pub>[a-z]+)/(?P<cc>[a-z]{{2}})(?:\.[^/]*\.md|\.md|/.*)$")


class OwnershipError(Exception):
    """The repository or revisions cannot be read; the message says what to do."""


@dataclass(frozen=True)
class Owner:
    """Whose file a path is: a country's chapter (country, publication), or a build file (None)."""

    country: str | None
    publication: str | None


def owner_of(path: str) -> Owner:
    """``chapters/sme/kz.md``, ``chapters/sme/kz.ru.md`` and ``chapters/sme/kz/...`` belong to KZ."""
    match = _CHAPTER_PATH.match(path)
    if match is None:
        return Owner(None, None)
    return Owner(match["cc"].upper(), match["pub"])


@dataclass(frozen=True)
class Change:
    """One file one commit touched."""

    commit: str
    author: str
    email: str
    path: str


def changes(repo: git.Repo, base: str, head: str) -> list[Change]:
    """Every (commit, file) between ``base`` (excluded) and ``head``, oldest first."""
    try:
        commits = list(repo.iter_commits(f"{base}..{head}", reverse=True))
    except git.GitCommandError as exc:
        raise OwnershipError(f"cannot list commits {base}..{head}: {exc.stderr.strip()}") from None
    found: list[Change] = []
    for commit in commits:
        name, email = _mailmap(repo, commit.author.name or "", commit.author.email or "")
        for path in sorted(_touched(commit)):
            found.append(Change(commit.hexsha, name, email, path))
    return found


def _mailmap(repo: git.Repo, name: str, email: str) -> tuple[str, str]:
    """The canonical identity of an author, as .mailmap says."""
    mapped = str(repo.git.check_mailmap(f"{name} <{email}>"))
    match = re.match(r"^(.*?)\s*<([^>]*)>$", mapped)
    return (match[1], match[2]) if match else (name, email)


def _touched(commit: git.Commit) -> set[str]:
    """The paths a commit changed; for a rename both paths; for a merge only its own edits."""
    if not commit.parents:
        return {str(entry.path) for entry in commit.tree.traverse() if isinstance(entry, git.Blob)}
    per_parent = [_paths(parent.diff(commit, M=True)) for parent in commit.parents]
    touched = per_parent[0]
    for other in per_parent[1:]:
        touched &= other
    return touched


def _paths(diffs: git.DiffIndex) -> set[str]:  # type: ignore[type-arg]
    paths: set[str] = set()
    for diff in diffs:
        paths.update(p for p in (diff.a_path, diff.b_path) if p)
    return paths


def check(root: Path, base: str, head: str, contributors: Contributors) -> tuple[int, list[Finding]]:
    """The number of commits checked, and one finding per change its author may not make."""
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise OwnershipError(f"{root} is not a git repository") from None
    found = changes(repo, base, head)
    findings = [f for change in found if (f := _judge(change, contributors)) is not None]
    return len({c.commit for c in found}), findings


def _judge(change: Change, contributors: Contributors) -> Finding | None:
    if contributors.is_editor(change.email):
        return None
    who = f"{change.author} <{change.email}>"
    where = f"commit {change.commit[:10]} by {who}"
    owner = owner_of(change.path)
    countries = contributors.countries_of(change.email)
    if not countries:
        return Finding(
            change.path, 1, 1, Severity.ERROR, "ownership-unknown",
            f"{where}: the author is not in the contributor registry",
            "an editor adds the author's git email to contrib/contributors.yml, or commit as a registered identity",
        )  # fmt: skip
    if owner.country is None:
        return Finding(
            change.path, 1, 1, Severity.ERROR, "ownership-build",
            f"{where}: only editors may change files outside a country's chapters",
            "ask an editor to make this change",
        )  # fmt: skip
    if owner.country not in countries:
        mine = ", ".join(sorted(countries))
        return Finding(
            change.path, 1, 1, Severity.ERROR, "ownership-country",
            f"{where}: a chapter of {owner.country}, but the author may change only {mine}",
            f"leave {owner.country}'s chapters to its think tank; propose the change to them or to an editor",
        )  # fmt: skip
    return None
