"""Translation tracking: has a translation's original changed since the commit it was translated from (GitPython)."""

from __future__ import annotations

import datetime
import difflib
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import git

from ..core.labels.tracking import REASONS
from ..core.model import Chapter
from ..core.words import plural
from ..sources.reading import MAX_CHAPTER_BYTES
from . import history

_COMMIT_ID = re.compile(r"[0-9a-f]{7,40}")


class Status(enum.Enum):
    """Where a translation stands against its original."""

    CURRENT = "current"
    """The original's text is the same as at the commit the translation names."""
    OUTDATED = "outdated"
    """The original's text has changed since that commit (committed or not)."""
    UNKNOWN = "unknown"
    """It cannot be told; the state's ``reason`` says why."""

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class TranslationState:
    """A translation's original compared with the commit the translation follows."""

    status: Status
    original: str
    """The original's file name as ``translation_of`` gives it, e.g. kz.md ('' when none is named)."""
    commit: str = ""
    """The commit as ``translation_of`` names it ('' when none is named)."""
    reason: str = ""
    """Why the status is unknown."""
    commits_since: int = 0
    """Commits that changed the original's text since ``commit``, following renames (pure renames left out)."""
    latest: history.Revision | None = None
    """The newest of those commits."""
    lines_changed: int = 0
    """Lines removed plus lines added from the original at ``commit`` to the file on disk."""
    uncommitted: bool = False
    """The original on disk differs from the original at HEAD."""
    reason_key: str = field(default="", compare=False)
    """Which of :data:`REASONS` ``reason`` is, for saying it in another language."""
    reason_values: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    """The values filled into that reason."""

    @property
    def last_change(self) -> datetime.date | None:
        return self.latest.when.date() if self.latest else None

    def label(self) -> str:
        """A short form for the status board: 'current', 'outdated (2 commits, last 2026-01-02)', 'unknown (...)'."""
        if self.status is Status.CURRENT:
            return "current"
        if self.status is Status.UNKNOWN:
            return f"unknown ({self.reason})"
        parts = [f"{plural(self.commits_since, 'commit')}, last {self.last_change}"] if self.latest else []
        parts += ["uncommitted changes"] if self.uncommitted else []
        return f"outdated ({', '.join(parts or [plural(self.lines_changed, 'line') + ' changed'])})"

    def sentence(self) -> str:
        """The state as one English sentence, for people."""
        since = f"commit {self.commit[:7]}"
        if self.status is Status.CURRENT:
            return f"The translation is current: {self.original} has not changed since {since}."
        if self.status is Status.UNKNOWN:
            return f"Whether the translation is current is unknown: {self.reason}."
        text = f"The translation may be out of date: {self.original} has changed since {since}"
        if self.latest:
            latest = self.latest
            text += (
                f" in {plural(self.commits_since, 'commit')}, the latest {latest.commit[:7]}"
                f' on {self.last_change} ("{latest.subject}")'
            )
        text += f", {plural(self.lines_changed, 'line')} changed"
        return text + (", with uncommitted changes." if self.uncommitted else ".")


def named_original(translation: Chapter) -> tuple[str | None, object]:
    """The original's file name ``translation_of`` gives (None unless a plain name in the translation's folder)
    and the commit it names, as written (None when not given)."""
    source = (translation.meta or {}).get("translation_of")
    named, commit = (source.get("file"), source.get("commit")) if isinstance(source, dict) else (None, None)
    if not isinstance(named, str) or Path(named).name != named or named.startswith("."):
        return None, commit
    return named, commit


def state_of(repo: git.Repo | None, translation: Chapter) -> TranslationState:
    """Compare a translation's original, as it is on disk, with the original at the commit the translation names."""
    named, commit = named_original(translation)
    if named is None:
        return _unknown("", "", "no_original")
    if repo is None:
        return _unknown(named, "", "no_repository")
    if commit is None:
        return _unknown(named, "", "no_commit")
    if not isinstance(commit, str) or not _COMMIT_ID.fullmatch(commit):
        return _unknown(named, "", "bad_commit", commit=repr(commit))
    try:
        full = str(repo.git.rev_parse("--verify", "--quiet", f"{commit}^{{commit}}"))
    except git.GitCommandError:
        return _unknown(named, commit, "unknown_commit", commit=commit)
    original = translation.location.path.parent / named
    now = _file_text(original)
    if now is None:
        return _unknown(named, commit, "original_missing", file=named)
    try:
        path = history.repository_path(repo, original)
    except ValueError:
        return _unknown(named, commit, "original_outside", file=named)
    since = history.revisions(repo, original, full)
    then_path = path
    for revision in since:
        then_path = revision.renamed_from or then_path
    then = _blob_text(repo.commit(full), then_path)
    if then is None:
        return _unknown(named, commit, "original_new", file=named, commit=commit)
    changes = [r for r in since if not r.only_renamed]
    lines = _lines_changed(then, now)
    at_head = _blob_text(repo.head.commit, path)
    return TranslationState(
        Status.OUTDATED if lines else Status.CURRENT,
        named,
        commit,
        commits_since=len(changes),
        latest=changes[0] if changes else None,
        lines_changed=lines,
        uncommitted=at_head is None or _lines_changed(at_head, now) > 0,
    )


def _unknown(named: str, commit: str, key: str, /, **values: str) -> TranslationState:
    """An unknown state, with :data:`REASONS`' ``key`` filled in as its reason."""
    reason = REASONS[key].format(**values)
    return TranslationState(Status.UNKNOWN, named, commit, reason, reason_key=key, reason_values=tuple(values.items()))


def states(repo: git.Repo | None, chapters: Iterable[Chapter]) -> dict[str, TranslationState]:
    """The state of every translation among ``chapters``, by display path."""
    return {c.display_path: state_of(repo, c) for c in chapters if c.location.is_translation}


def original_commit(repo: git.Repo, original: Path) -> str | None:
    """The newest commit that changed ``original`` (the sha a fresh translation names); None if never committed.

    Uncommitted edits of the original are not in it: commit them first.
    """
    found = history.revisions(repo, original)
    return found[0].commit if found else None


def _file_text(path: Path) -> str | None:
    """A chapter file's text on disk; None unless it is a regular file of a chapter's size."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_CHAPTER_BYTES:
            return None
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None


def _blob_text(commit: git.Commit, path: str) -> str | None:
    """A file's text at a commit; None when it is not there (or is not a chapter-sized file)."""
    try:
        blob = commit.tree / path
    except KeyError:
        return None
    if blob.type != "blob" or blob.size > MAX_CHAPTER_BYTES:
        return None
    data: bytes = blob.data_stream.read()
    return data.decode("utf-8", errors="replace")


def _lines_changed(before: str, after: str) -> int:
    """Lines removed plus lines added (as ``git diff --numstat`` counts them), whatever the line endings."""
    old, new = before.splitlines(), after.splitlines()
    if old == new:
        return 0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return sum((i2 - i1) + (j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
