"""Attribution and changes from git history (GitPython): the record of authorship, not retyped."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

import git

from ..core import dates
from ..sources.contributors import Contributors

_FIELDS = "%H%x1f%aN%x1f%aE%x1f%at%x1f%s"


@dataclass(frozen=True)
class Revision:
    """A commit that changed a chapter (authors read through .mailmap)."""

    commit: str
    author: str
    email: str
    when: datetime.datetime
    subject: str
    renamed_from: str = ""
    """The file's earlier path when this commit renamed it, else ''."""
    only_renamed: bool = False
    """The commit renamed the file without changing its text."""


@dataclass(frozen=True)
class Attribution:
    """A chapter's history: who changed it, when it arrived, when it last changed, how often."""

    revisions: tuple[Revision, ...]
    """Newest first."""
    contributors: tuple[str, ...]
    """Registered names (or git names) of the think tank's people, in order of first commit."""
    editors: tuple[str, ...]

    @property
    def first(self) -> datetime.date:
        return self.revisions[-1].when.date()

    @property
    def last(self) -> datetime.date:
        return self.revisions[0].when.date()


def open_repository(root: Path) -> git.Repo | None:
    """The repository holding ``root``, or None outside git (a copy of the book still builds)."""
    try:
        repo = git.Repo(root, search_parent_directories=True)
        repo.head.commit  # noqa: B018 - a repository without commits has no history to read
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, ValueError):
        return None
    return repo


def last_commit_time(root: Path) -> int | None:
    """The time of the newest commit of the repository holding ``root`` (seconds since 1970), if there is one."""
    repo = open_repository(root)
    return None if repo is None else int(repo.head.commit.committed_date)


def source_date(root: Path) -> int | None:
    """The one date of everything built from ``root``: SOURCE_DATE_EPOCH if set, else the newest commit's
    time, else None. Raises :class:`~handbook.core.dates.SourceDateError` for a variable that is not a time."""
    epoch = dates.from_environment(os.environ)
    return last_commit_time(root) if epoch is None else epoch


def repository_path(repo: git.Repo, path: Path) -> str:
    """``path`` as git names it: relative to the working tree, with '/'; ValueError outside the tree."""
    return path.resolve().relative_to(Path(repo.working_tree_dir or ".").resolve()).as_posix()


def revisions(repo: git.Repo, path: Path, since: str | None = None) -> list[Revision]:
    """Every commit that changed ``path``, newest first, following renames; only those after ``since`` if given."""
    span = [f"{since}..HEAD"] if since else []
    output = str(
        repo.git.log("--follow", "--name-status", f"--format=%x1e{_FIELDS}", *span, "--", repository_path(repo, path))
    )
    found = []
    for record in output.split("\x1e")[1:]:
        fields, *changes = record.strip("\n").split("\n")
        commit, author, email, stamp, subject = fields.split("\x1f", 4)
        when = datetime.datetime.fromtimestamp(int(stamp), tz=datetime.UTC)
        change = next((c.split("\t") for c in changes if c), [""])
        renamed = change[0].startswith("R") and len(change) == 3
        old_path = change[1] if renamed else ""
        found.append(Revision(commit, author, email, when, subject, old_path, renamed and change[0] == "R100"))
    return found


def attribute(repo: git.Repo, path: Path, contributors: Contributors | None) -> Attribution | None:
    """Who made a chapter, from its commits mapped through the registry; None if never committed."""
    found = revisions(repo, path)
    if not found:
        return None
    people: list[str] = []
    editors: list[str] = []
    for revision in reversed(found):
        name = (contributors.name_of(revision.email) if contributors else None) or revision.author
        is_editor = contributors is not None and contributors.is_editor(revision.email)
        target = editors if is_editor else people
        if name not in target:
            target.append(name)
    return Attribution(tuple(found), tuple(people), tuple(editors))


@dataclass(frozen=True)
class FileChange:
    """How one chapter file changed between two revisions, and the commits that did it."""

    path: str
    status: str
    """added, modified, deleted or renamed."""
    old_path: str
    subjects: tuple[str, ...]


_STATUS = {"A": "added", "M": "modified", "D": "deleted", "R": "renamed", "T": "modified", "C": "added"}


def changelog(repo: git.Repo, since: str, until: str = "HEAD", prefix: str = "chapters/") -> list[FileChange]:
    """What changed per chapter file from ``since`` to ``until``, in path order."""
    try:
        status = str(repo.git.diff("--name-status", "-M", since, until, "--", prefix))
    except git.GitCommandError as exc:
        raise ValueError(f"cannot compare {since} with {until}: {exc.stderr.strip()}") from None
    changes = []
    for line in status.splitlines():
        parts = line.split("\t")
        code, paths = parts[0][0], parts[1:]
        new = paths[-1]
        log = str(repo.git.log("--format=%s", f"{since}..{until}", "--", *paths))
        changes.append(FileChange(new, _STATUS.get(code, "modified"), paths[0], tuple(log.splitlines())))
    return sorted(changes, key=lambda c: c.path)


def edition_tags(repo: git.Repo) -> tuple[str, str] | None:
    """(this edition's tag, the previous one) when HEAD is a tagged commit with an earlier tag behind it."""
    here = str(repo.git.tag("--points-at", "HEAD", "--sort=-creatordate")).split()
    if not here or not repo.head.commit.parents:
        return None
    try:
        previous = str(repo.git.describe("--tags", "--abbrev=0", "HEAD^"))
    except git.GitCommandError:
        return None  # the first edition: nothing to compare with
    return here[0], previous
