"""The editors' status board: every member state and publication, submitted or missing, and how far."""

from __future__ import annotations

import dataclasses
import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import git

from ..assemble.settings import STATUS_PAGE
from ..collab import history, translations
from ..core import cldr, i18n, registry
from ..core.labels import tracking
from ..core.labels.board import BOARD_LABELS, board_label
from ..core.labels.book import label
from ..core.model import Chapter, Publication, PublicationSpec, Severity
from ..core.words import count_words
from ..sources.contributors import Contributors
from ..validate.contributors import load_if_present
from ..validate.runner import Report, validate

if TYPE_CHECKING:
    from rich.table import Table


@dataclass(frozen=True)
class TranslationRow:
    """One translation of a row's chapter, and whether it has kept up with its original."""

    language: str
    path: str
    state: str
    """current, outdated or unknown."""
    commits_since: int = 0
    last_change: str = ""
    """Date of the newest commit that changed the original since the translation's commit, or ''."""
    label: str = ""
    """What the board shows, e.g. 'outdated (2 commits, last 2026-01-02)' or 'unknown (no commit named)'."""
    reason_key: str = ""
    """For an unknown state, which of :data:`handbook.core.labels.tracking.REASONS` it is."""
    reason_values: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Row:
    """One member state in one publication."""

    country: str
    name: str
    publication: str
    path: str = ""
    """The original chapter, or '' when none was submitted."""
    status: str = ""
    languages: tuple[str, ...] = ()
    words: int = 0
    errors: int = 0
    warnings: int = 0
    last_updated: str = ""
    contributors: tuple[str, ...] = field(default_factory=tuple)
    translations: tuple[TranslationRow, ...] = ()

    @property
    def submitted(self) -> bool:
        return bool(self.path)


def board(
    root: Path, publications: tuple[Publication, ...] = tuple(Publication), report: Report | None = None
) -> list[Row]:
    """The board, member by member (registry order) and publication by publication.

    ``report`` is a validation of ``root`` already made (a build has one); otherwise one is made.
    """
    report = report if report is not None else validate(root, base=root)
    counts: dict[str, tuple[int, int]] = {}
    for finding in report.findings:
        errors, warnings = counts.get(finding.path, (0, 0))
        is_error = finding.severity is Severity.ERROR
        counts[finding.path] = (errors + is_error, warnings + (not is_error))
    readable = report.chapters
    repo = history.open_repository(root)
    people = load_if_present(root)
    tracked = translations.states(repo, [c for c in readable if c.location.publication in publications])
    rows = []
    for state in registry.members():
        for publication in publications:
            mine = [c for c in readable if c.location.country == state.code and c.location.publication is publication]
            original = next((c for c in mine if not c.location.is_translation), None)
            if original is None:
                rows.append(Row(state.code, state.name_en, publication.value))
                continue
            rows.append(_row(state.code, state.name_en, publication, original, mine, counts, repo, people, tracked))
    return rows


def _row(
    code: str,
    name: str,
    publication: Publication,
    original: Chapter,
    versions: list[Chapter],
    counts: dict[str, tuple[int, int]],
    repo: git.Repo | None,
    people: Contributors | None,
    tracked: dict[str, translations.TranslationState],
) -> Row:
    meta = original.meta or {}
    languages = tuple(str((c.meta or {}).get("language", c.location.language or "?")) for c in versions)
    words = count_words(" ".join(run.text for run in original.outline.texts)) if original.outline else 0
    errors = sum(counts.get(c.display_path, (0, 0))[0] for c in versions)
    warnings = sum(counts.get(c.display_path, (0, 0))[1] for c in versions)
    last, names = "", tuple(str(a.get("name", "")) for a in meta.get("authors") or [] if isinstance(a, dict))
    if repo is not None:
        attribution = history.attribute(repo, original.location.path, people)
        if attribution is not None:
            last = attribution.last.isoformat()
            names = attribution.contributors or names
    translated = tuple(_translation(c, tracked[c.display_path]) for c in versions if c.location.is_translation)
    return Row(
        code, name, publication.value, original.display_path, str(meta.get("status", "?")), languages, words,
        errors, warnings, last, names, translated,
    )  # fmt: skip


def _translation(chapter: Chapter, state: translations.TranslationState) -> TranslationRow:
    last = state.last_change.isoformat() if state.last_change else ""
    language = chapter.location.language or "?"
    return TranslationRow(
        language,
        chapter.display_path,
        str(state.status),
        state.commits_since,
        last,
        state.label(),
        state.reason_key,
        state.reason_values,
    )


COLUMNS = (
    "country",
    "publication",
    "chapter",
    "status",
    "languages",
    "translations",
    "words",
    "validation",
    "last_updated",
    "contributors",
)
"""The board's columns, by their keys in :data:`handbook.core.labels.board.BOARD_LABELS`."""


def columns(language: str = "en") -> tuple[str, ...]:
    """The column headings in ``language``."""
    return tuple(board_label(language, key) for key in COLUMNS)


def cells(row: Row, language: str = "en") -> tuple[str, ...]:
    """A row as the board shows it, in ``language``."""
    state = registry.member(row.country)
    name = f"{state.name(language) if state else row.name} ({row.country})"
    publication = board_label(language, row.publication) if row.publication in BOARD_LABELS else row.publication
    if not row.submitted:
        return (name, publication, board_label(language, "missing"), *[""] * (len(COLUMNS) - 3))
    if not row.errors and not row.warnings:
        validation = board_label(language, "ok")
    else:
        validation = board_label(language, "problems", errors=row.errors, warnings=row.warnings)
    status = board_label(language, row.status) if row.status in BOARD_LABELS else row.status
    words = format_number(row.words, language)
    translated = "; ".join(f"{t.language}: {translation_text(t, language)}" for t in row.translations)
    return (
        name, publication, row.path, status, ", ".join(row.languages), translated, words, validation,
        row.last_updated, ", ".join(row.contributors),
    )  # fmt: skip


def translation_text(row: TranslationRow, language: str = "en") -> str:
    """Where a translation stands, in ``language``: current, outdated (how), unknown (why)."""
    if language == "en" or i18n.interface_language(language, "board") == i18n.SOURCE_LANGUAGE:
        return row.label
    if row.state == str(translations.Status.CURRENT):
        return board_label(language, "current")
    if row.state == str(translations.Status.OUTDATED):
        if not row.last_change:
            return board_label(language, "outdated_uncommitted")
        date = cldr.format_date(row.last_change, language)
        return board_label(language, "outdated", count=row.commits_since, date=date)
    if row.reason_key not in tracking.REASONS:
        return row.label
    return board_label(language, "unknown", reason=tracking.reason(language, row.reason_key, **dict(row.reason_values)))


def format_number(number: int, language: str) -> str:
    """12,345 or 12 345, as ``language`` groups digits."""
    return cldr.with_number_marks(f"{number:,}", i18n.interface_language(language, "board"))


def to_json(rows: list[Row]) -> str:
    """The board as JSON, every field of every row."""
    return json.dumps([dataclasses.asdict(r) for r in rows], ensure_ascii=False, indent=2) + "\n"


def to_table(rows: list[Row]) -> Table:
    """The board as a Rich table for the terminal, rows of missing chapters dimmed."""
    from rich.table import Table

    table = Table(*columns(), title="Chapters by member state")
    for row in rows:
        table.add_row(*cells(row), style=None if row.submitted else "dim")
    return table


def to_html(rows: list[Row], title: str, language: str = "en") -> str:
    """A standalone, accessible HTML page of the board (for the HTML output), in ``language``."""
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns(language))
    body = []
    for row in rows:
        values = cells(row, language)
        outdated = any(t.state == str(translations.Status.OUTDATED) for t in row.translations)
        css = "missing" if not row.submitted else ("errors" if row.errors else "outdated" if outdated else "ok")
        body.append(
            f'<tr class="{css}"><th scope="row">{html.escape(values[0])}</th>'
            + "".join(f"<td>{html.escape(v)}</td>" for v in values[1:])
            + "</tr>"
        )
    submitted = board_label(language, "summary", submitted=sum(r.submitted for r in rows), total=len(rows))
    lang = i18n.interface_language(language, "board")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}" dir="{registry.direction_of(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n"
        "body{font-family:system-ui,sans-serif;margin:1rem;}table{border-collapse:collapse;width:100%;}"
        "th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:start;vertical-align:top;}"
        "tr.missing td{color:#666;}tr.errors td{background:#fdecea;}tr.outdated td{background:#fff8e1;}"
        "caption{text-align:start;font-weight:bold;margin-bottom:.5rem;}.scroll{overflow-x:auto;}\n</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n<p>{html.escape(submitted)}</p>\n"
        '<div class="scroll"><table>\n'
        f"<caption>{html.escape(board_label(language, 'caption'))}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody></table></div>\n</body>\n</html>\n"
    )


def write_page(root: Path, spec: PublicationSpec, html: Path, validation: Report) -> None:
    """The editors' board of the book's chapters, as ``status.html`` of its HTML edition."""
    title = label(spec.language, "editorial_status_of").format(title=spec.title)
    page = to_html(board(root, (spec.source,), validation), title, spec.language)
    (html / STATUS_PAGE).write_text(page, "utf-8")
