"""Interface text of the books: boxes, notes, generated pages and navigation, in HTML, EPUB and PDF.

English here, other languages in the catalogues (context "book"): a key is the message's context
(``book.key_facts``), its English the msgid.
"""

from __future__ import annotations

from .. import i18n

LABELS: dict[str, str] = {
    "key_facts": "Key facts",
    "country": "Country",
    "institution": "Institution",
    "authors": "Authors",
    "data_year": "Data year",
    "currency": "Currency",
    "indicator": "Indicator",
    "value": "Value",
    "year": "Year",
    "illustrative": "† illustrative value, awaiting verification",
    "downloads": "Downloads",
    "epub": "EPUB e-book",
    "pdf": "PDF",
    "status": "Editorial status",
    "start": "Start of content",
    "imprint_notice": (
        "The views expressed are those of the authors and do not necessarily reflect the positions of "
        "CICA member states or of the CICA Secretariat. Values marked † are illustrative."
    ),
    "contributors": "Contributors",
    "contributors_intro": "The chapters of this book were written by these think tanks and researchers.",
    "roles": "Roles",
    "front_matter": "About this book",
    "chapters": "Chapters",
    "back_matter": "Annexes",
    "digest": "Recommendations at a glance",
    "from_history": "From the repository's history",
    "committed_by": "committed by",
    "edited_by": "edited by",
    "first_submitted": "first submitted",
    "last_updated": "last updated",
    "revisions": "revisions",
    "whats_new": "What is new in this edition",
    "whats_new_intro": "Changes to the chapters from edition {previous} to edition {tag}:",
    "whats_new_none": "No chapter changed.",
    "added": "new chapter",
    "modified": "revised",
    "deleted": "withdrawn",
    "renamed": "moved",
    "digest_intro": (
        "Every recommendation of the papers, by addressee and timeframe, then by the SDG 5 target it serves."
    ),
    "digest_none": "No paper in this edition has a recommendation yet.",
    "by_timeframe": "Who should act, and when",
    "by_sdg": "By SDG 5 target",
    "addressee": "Addressee",
    "landmarks": "Landmarks",
    "original_language_title": "Original language",
    "original_language_note": (
        "This chapter is published in its original language, {language}: there is no English translation of it yet."
    ),
    "translated_from_title": "Translation",
    "translated_from_note": "Translated from the original in {language}.",
    "outdated_title": "This translation may be out of date",
    "outdated_note": (
        "The original has changed since this translation was made: {count} later revision(s), the latest on {date}. "
        "Read the original for the current text."
    ),
    "outdated_note_uncommitted": (
        "The original has changed since this translation was made. Read the original for the current text."
    ),
    "offprint_of": "Offprint from {title}",
    "in_chapter_on": "{section} (in the chapter on {country}, {book})",
    "editorial_status_of": "Editorial status: {title}",
    "edition_language": "Edition",
    "other_editions": "Also in",
    "cover_alt": "Cover: {title}",
    "cover": "Cover",
    "table_of_contents": "Table of Contents",
    "imprint_edition": "Edition",
    "imprint_published": "Published",
    "imprint_identifier": "Identifier",
    "imprint_licence": "Licence",
    "percent": "{}%",
    "percentage_points": "{} pp",
    "a11y_summary": (
        "A reflowable EPUB with a navigable table of contents, headings in a logical hierarchy, "
        "and the reading order of the printed book."
    ),
    "a11y_all_alt": "Every image has a text alternative.",
    "a11y_some_alt": "{with_alt} of {images} images have a text alternative.",
    "a11y_languages": "Chapters are marked with their language ({languages}).",
    "a11y_rtl": "Chapters in right-to-left scripts are marked as such.",
    "a11y_hazards": "No content flashes, moves or plays sound.",
}
"""The books' interface text in English, in the edition's language through the "book" catalogue context."""

LABEL_NOTES: dict[str, str] = {
    "committed_by": "Followed by names, in the chapter history line of the contributors page.",
    "edited_by": "Followed by names, in the chapter history line of the contributors page.",
    "first_submitted": "Followed by a date; also a key-facts term, with a capital letter added.",
    "last_updated": "Followed by a date; also a key-facts term, with a capital letter added.",
    "revisions": "Followed by a number; also a key-facts term, with a capital letter added.",
    "added": "A chapter's change in the list of what is new in this edition.",
    "modified": "A chapter's change in the list of what is new in this edition.",
    "deleted": "A chapter's change in the list of what is new in this edition.",
    "renamed": "A chapter's change in the list of what is new in this edition.",
    "downloads": "The heading of the HTML edition's block of download links, and its name for screen readers.",
    "start": "An EPUB landmark: where the text of the book begins.",
    "landmarks": "The title of the EPUB's list of landmarks, read by assistive technology.",
    "status": "A link to the editors' board of the chapters' status.",
    "imprint_published": "Followed by the publisher and the date, on the imprint page of the PDF.",
    "cover_alt": "The text alternative of the cover image.",
    "edition_language": "Next to the links to the same book in other languages.",
    "other_editions": "Followed by the links to the same book in other languages.",
    "original_language_note": "{language} is the chapter's language, named in the edition's language.",
    "translated_from_note": "{language} is the original's language, named in the edition's language.",
    "outdated_note": "{count} is a number of revisions, {date} a date written in the edition's language.",
    "in_chapter_on": "A reference to a section of a chapter in another book of the series.",
    "percent": "A percentage: {} is the number.",
    "percentage_points": "A difference of percentages: {} is the number.",
    "a11y_summary": "The EPUB's accessibility summary (metadata read out by e-reader apps), first sentence.",
    "a11y_some_alt": "In the EPUB's accessibility summary.",
    "a11y_languages": "In the EPUB's accessibility summary; {languages} is a list of BCP 47 tags.",
}
"""Notes for translators on single messages."""

CONTEXT = i18n.context(
    "book",
    LABELS,
    "the books: boxes, notes, generated pages and navigation in HTML, EPUB and PDF (core/labels/book.py)",
    LABEL_NOTES,
)


def label(language: str, key: str) -> str:
    """An interface string in ``language`` (its primary subtag), falling back to English."""
    return i18n.translate(language, "book", key, LABELS[key])[0]
