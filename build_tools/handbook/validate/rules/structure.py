"""Rules on a chapter body's structure: headings, labels and the required sections."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...core import registry
from ...core.model import Chapter, Finding, Outline, Severity
from .rulebook import chapter_check, problem_finding, rule

E, W = Severity.ERROR, Severity.WARNING
FAMILY = "structure"

TITLE = rule("heading-title", E, "The body has no level-1 heading; the title comes from front matter.", FAMILY)
SKIP = rule("heading-skip", W, "Headings go down one level at a time (## then ###), for screen readers.", FAMILY)
PREFIX = rule("label-prefix", E, "Labels start with the chapter's country code, e.g. (kz-finance)=.", FAMILY)
LABEL_TWICE = rule("label-duplicate", E, "A label is defined once per chapter.", FAMILY)
MISSING = rule("section-missing", E, "Every required section is present, marked by its label.", FAMILY)
ORDER = rule("section-order", W, "Sections come in the template's order.", FAMILY)
HEADING = rule("section-heading", E, "A section label sits directly above a ## heading.", FAMILY)
NESTING = rule(
    "markdown-nesting", E, "Quotes, lists and directives nest less than 20 deep (deeper content is dropped).", FAMILY
)
OPTIONS = rule("directive-options", E, "A directive's options are 'key: value' lines that MyST can read.", FAMILY)
TABLE = rule("section-table", E, "The support-programmes section holds a table of programmes.", FAMILY)

_LABEL = re.compile(r"^[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")


def labels(outline: Outline) -> Iterator[tuple[str, int]]:
    """Every label a chapter defines: ``(name)=`` targets and directives' ``:name:`` options."""
    for target in outline.targets:
        yield target.label, target.line
    for directive in outline.directives:
        if directive.options.get("name"):
            yield directive.options["name"], directive.line


@chapter_check
def headings(chapter: Chapter) -> Iterator[Finding]:
    """No document title in the body, and no skipped heading levels."""
    if chapter.outline is None:
        return
    previous = 1
    for heading in chapter.outline.headings:
        if heading.level == 1:
            yield TITLE.at(
                chapter,
                heading.line,
                1,
                f"level-1 heading '# {heading.text}' in the body",
                "the chapter title comes from 'title:' in the front matter; use ## for sections",
            )
        elif heading.level > previous + 1:
            yield SKIP.at(
                chapter,
                heading.line,
                1,
                f"heading level jumps from {previous} to {heading.level}",
                f"use {'#' * (previous + 1)} here, or add the missing level above",
            )
        previous = max(heading.level, 2) if heading.level == 1 else heading.level


@chapter_check
def nesting(chapter: Chapter) -> Iterator[Finding]:
    """Content nested to the parser's limit would silently disappear from the book."""
    for line in chapter.outline.too_deep if chapter.outline else []:
        yield NESTING.at(
            chapter,
            line,
            1,
            "quotes, lists or directives are nested so deeply that the content below would be dropped",
            "flatten the structure: no real chapter needs more than a few levels",
        )


@chapter_check
def directive_options(chapter: Chapter) -> Iterator[Finding]:
    """An option block MyST cannot read is dropped by the build with only a warning; YAML aliases stay text."""
    for problem in chapter.outline.option_problems if chapter.outline else []:
        yield problem_finding(problem, chapter)


@chapter_check
def label_names(chapter: Chapter) -> Iterator[Finding]:
    """Labels carry the country prefix and are defined once."""
    if chapter.outline is None:
        return
    prefix = chapter.location.country.lower() + "-"
    seen: dict[str, int] = {}
    for label, line in labels(chapter.outline):
        if not label.startswith(prefix) or not _LABEL.match(label):
            suggestion = prefix + re.sub(r"[^a-z0-9]+", "-", label.lower().removeprefix(prefix)).strip("-")
            yield PREFIX.at(
                chapter,
                line,
                1,
                f"label '{label}' does not start with '{prefix}' followed by lower-case words",
                f"rename it '{suggestion}' so it cannot clash with another chapter's labels",
            )
        if label in seen:
            yield LABEL_TWICE.at(
                chapter,
                line,
                1,
                f"label '{label}' is already defined on line {seen[label]}",
                "give each label a new name",
            )
        seen.setdefault(label, line)


@chapter_check
def sections(chapter: Chapter) -> Iterator[Finding]:
    """Required sections are there, in order, each label on a ## heading, with its table."""
    outline = chapter.outline
    if outline is None or chapter.problem is not None:
        return
    cc = chapter.location.country.lower()
    known = registry.sections(chapter.location.publication.value)
    order = {f"{cc}-{s.key}": index for index, s in enumerate(known)}
    found: dict[str, int] = {}
    blocks = outline.blocks
    for position, (kind, line) in enumerate(blocks):
        if kind != "target":
            continue
        label = next(t.label for t in outline.targets if t.line == line)
        if label not in order:
            continue
        found.setdefault(label, line)
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        heading = next((h for h in outline.headings if following and h.line == following[1]), None)
        if following is None or following[0] != "heading" or heading is None or heading.level != 2:
            yield HEADING.at(
                chapter,
                line,
                1,
                f"section label '{label}' is not directly above a ## heading",
                "put the label on the line just before the section's ## heading",
            )
    in_place = _longest_ordered([order[label] for label in found])
    for label, line in found.items():
        if order[label] not in in_place:
            yield ORDER.at(
                chapter,
                line,
                1,
                f"section '{label}' is out of the template's order",
                "move it to where the template has it; the order is the same in every chapter",
            )
    end = len(chapter.source.text.splitlines()) if chapter.source else 1
    for position, section in enumerate(known):
        label = f"{cc}-{section.key}"
        if section.required and label not in found:
            later = [found[f"{cc}-{s.key}"] for s in known[position + 1 :] if f"{cc}-{s.key}" in found]
            yield MISSING.at(
                chapter,
                min(later, default=end),
                1,
                f"required section '{section.name_en}' is missing" + (" before this one" if later else ""),
                f"add it with the label line '({label})=' above its ## heading (any language)",
            )
        elif section.needs_table and label in found and not _has_table(outline, found[label]):
            yield TABLE.at(
                chapter,
                found[label],
                1,
                f"section '{section.name_en}' has no table",
                "list the programmes in a table: programme, agency, instrument, target group, budget, period, link",
            )


def _longest_ordered(ranks: list[int]) -> set[int]:
    """The longest run of sections, in document order, that is also in template order."""
    best: list[list[int]] = []
    for index, rank in enumerate(ranks):
        chains = [best[j] for j in range(index) if ranks[j] < rank]
        previous: list[int] = max(chains, key=lambda chain: len(chain), default=[])
        best.append([*previous, rank])
    longest: list[int] = max(best, key=lambda chain: len(chain), default=[])
    return set(longest)


def _has_table(outline: Outline, start: int) -> bool:
    following = [h.line for h in outline.headings if h.level <= 2 and h.line > start + 1]
    end = min(following, default=10**9)
    return any(start < line < end for line in outline.tables)
