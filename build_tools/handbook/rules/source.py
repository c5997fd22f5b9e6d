"""Rules about reading a chapter at all: where it is, its encoding, its front matter's YAML."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Chapter, Finding, Severity
from . import chapter_check, rule

E, W = Severity.ERROR, Severity.WARNING
FAMILY = "files and YAML"

FILE_LOCATION = rule("file-location", E, "A chapter sits directly in chapters/sme/ or chapters/gender/.", FAMILY)
FILE_NAME = rule("file-name", E, "A chapter is named <cc>.md, or <cc>.<language>.md for a translation.", FAMILY)
FILE_STRAY = rule("file-stray", W, "Publication folders hold only chapters and chapter folders.", FAMILY)
FILE_UNREADABLE = rule("file-unreadable", E, "The chapter file can be read.", FAMILY)
FILE_SIZE = rule("file-size", E, "A chapter file is at most 2 MB.", FAMILY)
ENCODING_UTF8 = rule("encoding-utf8", E, "The file is valid UTF-8.", FAMILY)
ENCODING_CONTROL_CHAR = rule(
    "encoding-control-char", E, "The text holds no control characters other than tab and newline.", FAMILY
)
FRONT_MATTER_MISSING = rule(
    "front-matter-missing", E, "The file starts with YAML front matter between '---' lines.", FAMILY
)
FRONT_MATTER_UNCLOSED = rule("front-matter-unclosed", E, "The front matter ends with a '---' line.", FAMILY)
FRONT_MATTER_MAPPING = rule("front-matter-mapping", E, "The front matter is a mapping of 'key: value' fields.", FAMILY)
YAML_SYNTAX = rule("yaml-syntax", E, "The front matter is well-formed YAML.", FAMILY)
YAML_DUPLICATE_KEY = rule("yaml-duplicate-key", E, "No key appears twice in the same mapping.", FAMILY)
YAML_UNSAFE_TAG = rule(
    "yaml-unsafe-tag", E, "No YAML tags other than the standard ones (no custom or Python tags).", FAMILY
)
YAML_ALIAS = rule("yaml-alias", E, "No YAML anchors or aliases (they allow alias bombs).", FAMILY)
YAML_NESTING = rule("yaml-nesting", E, "Front matter is nested at most 20 levels deep.", FAMILY)
YAML_KEY = rule("yaml-key", E, "Front-matter keys are plain names.", FAMILY)
INTERNAL_ERROR = rule(
    "internal-error", E, "The validator itself failed on this file (a bug: please report it).", FAMILY
)


@chapter_check
def reading_problems(chapter: Chapter) -> Iterator[Finding]:
    """Report what stopped the chapter being read."""
    from . import RULES

    problem = chapter.problem
    if problem is not None:
        yield RULES[problem.rule].at(chapter, problem.line, problem.column, problem.message, problem.hint)
