"""Why the status board cannot tell whether a translation is current (context "tracking")."""

from __future__ import annotations

from .. import i18n

REASONS: dict[str, str] = {
    "no_original": "no original named",
    "no_repository": "not in a git repository",
    "no_commit": "no commit named",
    "bad_commit": "{commit} is not a commit id",
    "unknown_commit": "commit {commit} is not in the repository",
    "original_missing": "the original {file} is missing or unreadable",
    "original_outside": "the original {file} is outside the repository",
    "original_new": "{file} did not exist at commit {commit}",
}
"""Why whether a translation is current cannot be told, in English (context "tracking" in the catalogues)."""


CONTEXT = i18n.context(
    "tracking",
    REASONS,
    "the status board: why it cannot tell whether a translation is current (core/labels/tracking.py)",
)


def reason(language: str, key: str, **values: str) -> str:
    """A reason in ``language`` (English where not translated), with ``values`` filled in."""
    return i18n.translate(language, "tracking", key, REASONS[key])[0].format(**values)
