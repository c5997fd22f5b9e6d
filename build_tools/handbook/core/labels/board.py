"""The words of the editors' status board, also a page of each HTML edition (context "board")."""

from __future__ import annotations

from .. import i18n

BOARD_LABELS: dict[str, str] = {
    "country": "Country",
    "publication": "Publication",
    "chapter": "Chapter",
    "status": "Status",
    "languages": "Languages",
    "translations": "Translations",
    "words": "Words",
    "validation": "Validation",
    "last_updated": "Last updated",
    "contributors": "Contributors",
    "sme": "SME handbook",
    "gender": "Gender dialogue",
    "missing": "missing",
    "draft": "draft",
    "submitted": "submitted",
    "in-review": "in review",
    "approved": "approved",
    "ok": "ok",
    "problems": "{errors} errors, {warnings} warnings",
    "current": "current",
    "outdated": "outdated ({count} later commits, the last on {date})",
    "outdated_uncommitted": "outdated (the original has uncommitted changes)",
    "unknown": "unknown ({reason})",
    "summary": "{submitted} of {total} chapters submitted.",
    "caption": "Status of every member state's chapter",
}
"""The board's words in English; in other languages through the catalogues (context "board")."""

BOARD_NOTES: dict[str, str] = {
    "sme": "The publication, in the board's Publication column.",
    "gender": "The publication, in the board's Publication column.",
    "draft": "A chapter's editorial status.",
    "submitted": "A chapter's editorial status.",
    "in-review": "A chapter's editorial status.",
    "approved": "A chapter's editorial status.",
    "unknown": "{reason} is one of the reasons in the tracking context, already translated.",
}

CONTEXT = i18n.context(
    "board",
    BOARD_LABELS,
    "the editors' status board, also a page of each HTML edition (core/labels/board.py)",
    BOARD_NOTES,
)


def board_label(language: str, key: str, **values: str | int) -> str:
    """A word of the board in ``language`` (English where not translated), with ``values`` filled in."""
    text = i18n.translate(language, "board", key, BOARD_LABELS[key])[0]
    return text.format(**values) if values else text
