"""Rules about reading a chapter at all: where it is, its encoding, its front matter's YAML."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ...core.model import Chapter, Finding, Severity
from ...core.safe_yaml import DATA_FILE, FRONT_MATTER
from .rulebook import chapter_check, problem_finding, rule

E, W = Severity.ERROR, Severity.WARNING
FAMILY = "files and YAML"

FILE_LOCATION = rule("file-location", E, "A chapter sits directly in chapters/sme/ or chapters/gender/.", FAMILY)
FILE_NAME = rule("file-name", E, "A chapter is named <cc>.md, or <cc>.<language>.md for a translation.", FAMILY)
FILE_STRAY = rule("file-stray", W, "Publication folders hold only chapters and chapter folders.", FAMILY)
FILE_UNREADABLE = rule("file-unreadable", E, "The chapter file can be read.", FAMILY)
FILE_SYMLINK = rule(
    "file-symlink",
    E,
    "Neither a chapter nor a file in its folder is a symbolic link to a file outside them.",
    FAMILY,
)
FILE_PAGE = rule(
    "file-page",
    E,
    "A chapter's folder holds no .md, .rst or .ipynb files: the build would publish them as pages, unchecked.",
    FAMILY,
)
FILE_SIZE = rule("file-size", E, "A chapter file is at most 2 MB.", FAMILY)
ENCODING_UTF8 = rule("encoding-utf8", E, "The file is valid UTF-8.", FAMILY)
ENCODING_CONTROL_CHAR = rule(
    "encoding-control-char", E, "The text holds no control characters other than tab and newline.", FAMILY
)
ENCODING_BIDI = rule(
    "encoding-bidi",
    E,
    "No bidirectional embedding, override or isolate characters (U+202A-U+202E, U+2066-U+2069).",
    FAMILY,
)
FRONT_MATTER_MISSING = rule(
    "front-matter-missing", E, "The file starts with YAML front matter between '---' lines.", FAMILY
)
FRONT_MATTER_UNCLOSED = rule("front-matter-unclosed", E, "The front matter ends with a '---' line.", FAMILY)
FRONT_MATTER_MAPPING = rule("front-matter-mapping", E, "The front matter is a mapping of 'key: value' fields.", FAMILY)
YAML_SYNTAX = rule("yaml-syntax", E, "Front matter and YAML files are well-formed YAML.", FAMILY)
YAML_DUPLICATE_KEY = rule("yaml-duplicate-key", E, "No key appears twice in the same mapping.", FAMILY)
YAML_UNSAFE_TAG = rule(
    "yaml-unsafe-tag", E, "No YAML tags other than the standard ones (no custom or Python tags).", FAMILY
)
YAML_ALIAS = rule("yaml-alias", E, "No YAML anchors or aliases (they allow alias bombs).", FAMILY)
YAML_NESTING = rule("yaml-nesting", E, f"YAML is nested at most {FRONT_MATTER.depth} levels deep.", FAMILY)
YAML_SIZE = rule(
    "yaml-size",
    E,
    f"Front matter holds at most {FRONT_MATTER.characters:,} characters and {FRONT_MATTER.values:,} values;"
    f" a YAML file {DATA_FILE.characters:,} and {DATA_FILE.values:,}.",
    FAMILY,
)
YAML_KEY = rule("yaml-key", E, "YAML keys are plain names.", FAMILY)
INTERNAL_ERROR = rule(
    "internal-error", E, "The validator itself failed on this file (a bug: please report it).", FAMILY
)


MAX_BIDI_FINDINGS = 20
"""Bidirectional controls reported one by one; past this many, one finding gives the count."""

_BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


@chapter_check
def reading_problems(chapter: Chapter) -> Iterator[Finding]:
    """Report what stopped the chapter being read."""
    if chapter.problem is not None:
        yield problem_finding(chapter.problem, chapter)


@chapter_check
def bidi_controls(chapter: Chapter) -> Iterator[Finding]:
    """Embeddings, overrides and isolates can make the text read differently from what it says.

    A text displayed right to left gets its direction from the chapter's language, and a phrase in
    another script from the {native} role; the marks U+200E and U+200F, which some Arabic, Persian and
    Hebrew text needs around numbers and punctuation, change no order and are accepted.
    """
    if chapter.source is None or not _BIDI_CONTROLS.search(chapter.source.text):
        return
    places = [
        (number, match.start() + 1, match.group(0))
        for number, text in enumerate(chapter.source.text.split("\n"), start=1)
        for match in _BIDI_CONTROLS.finditer(text)
    ]
    for line, column, char in places[:MAX_BIDI_FINDINGS]:
        yield ENCODING_BIDI.at(
            chapter,
            line,
            column,
            f"invisible bidirectional control U+{ord(char):04X} {unicodedata.name(char)} at column {column}: "
            "it can make the text display differently from what it says",
            "delete it; the direction of the text comes from the chapter's language, a phrase in another "
            "script goes in {native}`ar:...`, and U+200E/U+200F marks are enough around numbers",
        )
    if len(places) > MAX_BIDI_FINDINGS:
        line, column, _ = places[MAX_BIDI_FINDINGS]
        yield ENCODING_BIDI.at(
            chapter,
            line,
            column,
            f"{len(places) - MAX_BIDI_FINDINGS} more bidirectional control characters from here on",
            "delete them all, e.g. with a search for U+202A-U+202E and U+2066-U+2069 in your editor",
        )
