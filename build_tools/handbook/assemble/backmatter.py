"""Generated back-matter pages: contributors (from front matter, git history later) and the digest."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..collab.history import FileChange
from ..core import registry
from ..core.config import History
from ..core.labels.book import label
from ..core.labels.credit import credit_name
from ..sources.myst import escape
from ..sources.recommendations import Recommendation


def native(value: str, language: str) -> str:
    """A phrase in its own language, as the ``native`` role (role text is literal: no escaping)."""
    literal = " ".join(value.replace("`", "'").split())
    return f"{{native}}`{language}:{literal}`"


def _native(value: str | None, language: str) -> str:
    return f" ({native(value, language)})" if value else ""


def contributors_page(
    chapters: Sequence[tuple[str, dict[str, Any]]], language: str, history: dict[str, History] | None = None
) -> str:
    """MyST Markdown listing each chapter's institution and authors, in book order, and what git says.

    ``chapters`` pairs each chapter's docname with its front matter; ``history`` holds each
    chapter's attribution from git (contributors, first and last dates, revisions) by docname.
    """
    history = history or {}
    lines = [
        "(contributors)=",
        f"# {label(language, 'contributors')}",
        "",
        label(language, "contributors_intro"),
        "",
    ]
    for docname, meta in chapters:
        state = registry.member(str(meta.get("country", "")))
        name = state.name(language) if state else str(meta.get("country", ""))
        chapter_language = str(meta.get("language", "en"))
        lines += [f"## {escape(name)}", "", f"{{doc}}`{escape(str(meta.get('title', name)))} </{docname}>`", ""]
        institution = meta.get("institution") or {}
        if institution.get("name"):
            entry = f"**{escape(institution['name'])}**{_native(institution.get('native_name'), chapter_language)}"
            if institution.get("url"):
                entry += f" — <{institution['url']}>"
            lines += [entry, ""]
        for author in meta.get("authors") or []:
            entry = f"- {escape(author['name'])}{_native(author.get('native_name'), chapter_language)}"
            if author.get("affiliation"):
                entry += f", {escape(author['affiliation'])}"
            if author.get("orcid"):
                entry += f". ORCID [{author['orcid']}](https://orcid.org/{author['orcid']})"
            roles = [credit_name(role, language) for role in author.get("roles") or []]
            if roles:
                entry += f". {label(language, 'roles')}: {escape(', '.join(roles))}"
            lines.append(entry + ".")
        lines.append("")
        record = history.get(docname)
        if record:
            lines += [_history_line(record, language), ""]
    return "\n".join(lines)


def _history_line(record: History, language: str) -> str:
    """What the repository's history says of a chapter, as one sentence."""
    parts = []
    if record.contributors:
        parts.append(f"{label(language, 'committed_by')} {escape(', '.join(record.contributors))}")
    if record.editors:
        parts.append(f"{label(language, 'edited_by')} {escape(', '.join(record.editors))}")
    parts.append(f"{label(language, 'first_submitted')} {record.first}")
    parts.append(f"{label(language, 'last_updated')} {record.last}")
    parts.append(f"{label(language, 'revisions')}: {record.revisions}")
    return f"*{label(language, 'from_history')}:* " + "; ".join(parts) + "."


def whats_new_page(changes: Sequence[FileChange], tag: str, previous: str, language: str) -> str:
    """ "What is new in this edition": each chapter added, changed or withdrawn since the last tag."""
    lines = ["(whats-new)=", f"# {label(language, 'whats_new')}", ""]
    lines += [label(language, "whats_new_intro").format(tag=escape(tag), previous=escape(previous)), ""]
    if not changes:
        lines += [label(language, "whats_new_none"), ""]
    for change in changes:
        lines.append(f"- **{escape(change.path)}**: {label(language, change.status)}")
        lines += [f"  - {escape(subject)}" for subject in change.subjects]
    return "\n".join(lines) + "\n"


def digest_page(items: Sequence[Recommendation], language: str, year: int) -> str:
    """ "Recommendations at a glance": addressee by timeframe, then by SDG 5 target, all linked.

    A target year is placed by the years from ``year`` (the edition's) to it.
    """
    vocabulary = registry.recommendation_vocabulary()
    timeframes = list(vocabulary["timeframes"].values())
    lines = ["(digest)=", f"# {label(language, 'digest')}", "", label(language, "digest_intro"), ""]
    if not items:  # a table with a header row and nothing under it is an error in docutils
        return "\n".join([*lines, label(language, "digest_none"), ""])
    lines += [f"## {label(language, 'by_timeframe')}", "", ":::{list-table}", ":header-rows: 1", ""]
    lines.append(f"* - {label(language, 'addressee')}")
    lines += [f"  - {escape(t.label(language))}" for t in timeframes]
    for addressee in vocabulary["addressees"].values():
        mine = [r for r in items if r.addressee == addressee.key]
        if not mine:
            continue
        lines.append(f"* - {escape(addressee.label(language))}")
        for timeframe in timeframes:
            cell = ", ".join(_link(r) for r in mine if r.timeframe_category(year) == timeframe.key)
            lines.append(f"  - {cell or '—'}")
    lines += [":::", "", f"## {label(language, 'by_sdg')}", ""]
    for target in registry.sdg5_targets().values():
        mine = [r for r in items if target.key in r.sdg]
        if not mine:
            continue
        lines += [f"### {target.key} {escape(target.label(language))}", ""]
        lines += [f"- {_link(r)} {native(r.title, r.language)}" for r in mine]
        lines.append("")
    return "\n".join(lines)


def _link(item: Recommendation) -> str:
    return f"{{ref}}`{item.id} <{item.label}>`"
