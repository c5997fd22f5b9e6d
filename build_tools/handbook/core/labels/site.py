"""Interface text of the download site and its OPDS feed (context "site")."""

from __future__ import annotations

from .. import i18n

SITE_LABELS: dict[str, str] = {
    "site_title": "Publications",
    "intro": (
        "Handbooks and papers of the {publisher}, to read online or to download as EPUB e-books and PDF. "
        "Each file's SHA-256 checksum lets you check that your download is complete and unchanged."
    ),
    "skip": "Skip to the publications",
    "language_nav": "Language",
    "cover_alt": "Cover of {title}",
    "edition": "Edition",
    "date": "Date",
    "languages": "Languages",
    "licence": "Licence",
    "read_online": "Read online (HTML)",
    "recommendations": "Recommendations",
    "offprints": "Offprints",
    "offprints_intro": "Each chapter on its own, with the book's design.",
    "offprints_missing": "offprints",
    "offprint_of": "offprint from {title}",
    "read_and_download": "Read and download",
    "checksum": "SHA-256",
    "not_built": "Not built yet: {what}.",
    "nothing_built": "Not built yet.",
    "html_edition": "HTML edition",
    "opds": "Catalogue for e-reader apps (OPDS)",
    "sums": "Checksums of every download: SHA256SUMS",
    "sums_hint": "To check the files you downloaded, in their folder with SHA256SUMS:",
    "feed_title": "{publisher}: publications",
    "units": "B kB MB GB",
    "editions": "Editions",
    "edition_in": "{language} edition",
}
"""The site's interface text in English."""

SITE_NOTES: dict[str, str] = {
    "units": "Four unit symbols, separated by spaces: byte, kilobyte, megabyte, gigabyte (decimal units).",
    "offprints_missing": "In the note that lists what is not built yet.",
    "html_edition": "In the note that lists what is not built yet.",
    "edition_in": "{language} is the name of the edition's language, in the page's language.",
}
"""Notes for translators on single messages."""


CONTEXT = i18n.context("site", SITE_LABELS, "the download site and its OPDS feed (core/labels/site.py)", SITE_NOTES)


def site_label(language: str, key: str, /, **values: str) -> str:
    """A site string in ``language`` (its primary subtag, else English), with ``values`` filled in (one of them
    may be called ``language``: the first two arguments are positional)."""
    text = i18n.translate(language, "site", key, SITE_LABELS[key])[0]
    return text.format(**values) if values else text
