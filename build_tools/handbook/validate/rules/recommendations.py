"""Rules on the {recommendation} blocks of gender-dialogue papers: every field, ids, SDG targets."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from ...core import registry
from ...core.model import Chapter, Directive, Finding, Publication, Severity
from ...sources import recommendations
from .rulebook import chapter_check, project_check, rule

E, W = Severity.ERROR, Severity.WARNING
FAMILY = "recommendations"
INDICATOR_PARTS = ("indicator", "baseline", "target", "source")
FIRST_YEAR, LAST_YEAR = 2015, 2100
"""Target years: from the adoption of the SDGs on (a fixed bound, so that no paper expires)."""

FIELD = rule(
    "recommendation-field", E, "A recommendation has a title, id, addressee, level, timeframe, priority, sdg.", FAMILY
)
OPTION = rule("recommendation-option", E, "A recommendation uses only the template's options, each once.", FAMILY)
ID = rule("recommendation-id", E, "A recommendation id is GE-<CC>-NN with the paper's country code.", FAMILY)
ID_TWICE = rule("recommendation-id-duplicate", E, "Recommendation ids are unique across the publication.", FAMILY)
VOCABULARY = rule("recommendation-vocabulary", E, "addressee, level and priority take one of their values.", FAMILY)
TIMEFRAME = rule("recommendation-timeframe", E, "timeframe is short, medium, long or a target year.", FAMILY)
SDG = rule("recommendation-sdg", E, "sdg lists existing SDG 5 targets (5.1-5.6, 5.a-5.c).", FAMILY)
CEDAW = rule("recommendation-cedaw", E, "cedaw names a substantive CEDAW article (1-16).", FAMILY)
ACTIONS = rule("recommendation-actions", E, "A recommendation has one to three actions, numbered from 1.", FAMILY)
INDICATOR = rule(
    "recommendation-indicator", E, "At least one indicator; each has a baseline, a target and a source.", FAMILY
)
TITLE = rule("recommendation-title", W, "A title starts with a verb (checked for English and Russian).", FAMILY)
RATIONALE = rule("recommendation-rationale", E, "A recommendation's body gives its rationale and evidence.", FAMILY)
MISSING = rule("recommendation-missing", E, "A submitted gender-dialogue paper has a recommendation.", FAMILY)

NOT_VERBS_EN = frozenset(
    "a an the this that these those our their its his her we they it there strengthening improving improved "
    "better more new national women gender increased increasing".split()
)
NOUN_ENDINGS_EN = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ing", "ship")
VERB_ENDINGS_RU = ("ть", "ти", "чь", "ться", "те", "йте", "ите")


def _blocks(chapter: Chapter) -> list[Directive]:
    outline = chapter.outline
    return [d for d in outline.directives if d.name == recommendations.DIRECTIVE] if outline else []


def _line(block: Directive, option: str) -> int:
    return block.option_lines.get(option, block.line)


@chapter_check
def recommendation_fields(chapter: Chapter) -> Iterator[Finding]:
    """Every field of every recommendation, at the line it is on."""
    for block in _blocks(chapter):
        yield from _options(chapter, block)
        yield from _required(chapter, block)
        yield from _id(chapter, block)
        yield from _vocabulary(chapter, block)
        yield from _timeframe(chapter, block)
        yield from _references(chapter, block)
        yield from _actions(chapter, block)
        yield from _indicators(chapter, block)
        yield from _title(chapter, block)
        if not block.content.strip():
            yield RATIONALE.at(
                chapter, block.line, 1, "recommendation has no rationale", "explain the problem and its evidence"
            )


def _options(chapter: Chapter, block: Directive) -> Iterator[Finding]:
    allowed = recommendations.option_names()
    for name, line in block.option_lines.items():
        if name not in allowed:
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "see the options in the template"
            yield OPTION.at(chapter, line, 1, f"unknown option ':{name}:'", hint)
    for name, line in block.repeated:
        yield OPTION.at(chapter, line, 1, f"option ':{name}:' is given twice", "number them: action-1, action-2...")


def _required(chapter: Chapter, block: Directive) -> Iterator[Finding]:
    if not block.argument.strip():
        yield FIELD.at(chapter, block.line, 1, "recommendation has no title", "write it after {recommendation}")
    for name in recommendations.REQUIRED:
        if not block.options.get(name, "").strip():
            yield FIELD.at(chapter, block.line, 1, f"recommendation has no '{name}'", f"add ':{name}:' (see template)")


def _id(chapter: Chapter, block: Directive) -> Iterator[Finding]:
    value = block.options.get("id", "").strip()
    if not value:
        return
    match = recommendations.ID_PATTERN.match(value)
    country = chapter.location.country
    line = _line(block, "id")
    if match is None:
        yield ID.at(chapter, line, 1, f"id '{value}' is not of the form GE-{country}-NN", f"write e.g. GE-{country}-01")
    elif match["cc"] != country:
        yield ID.at(chapter, line, 1, f"id '{value}' names {match['cc']}, not this paper's {country}", "correct it")


def _vocabulary(chapter: Chapter, block: Directive) -> Iterator[Finding]:
    vocabulary = registry.recommendation_vocabulary()
    for name, key in (("addressee", "addressees"), ("level", "levels"), ("priority", "priorities")):
        value = block.options.get(name, "").strip()
        choices = list(vocabulary[key])
        if value and value not in choices:
            close = difflib.get_close_matches(value, choices, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(choices)}"
            yield VOCABULARY.at(chapter, _line(block, name), 1, f"{name} '{value}' is not one of its values", hint)


def _timeframe(chapter: Chapter, block: Directive) -> Iterator[Finding]:
    value = block.options.get("timeframe", "").strip()
    if not value or value in registry.recommendation_vocabulary()["timeframes"]:
        return
    if recommendations.YEAR_PATTERN.match(value) and FIRST_YEAR <= int(value) <= LAST_YEAR:
        return
    yield TIMEFRAME.at(
        chapter,
        _line(block, "timeframe"),
        1,
        f"timeframe '{value}' is neither short, medium, long nor a target year",
        f"write short, medium, long, or a year from {FIRST_YEAR} to {LAST_YEAR}",
    )


def _references(chapter: Chapter, block: Directive) -> Iterator[Finding]:
    targets = registry.sdg5_targets()
    for target in recommendations.split_list(block.options.get("sdg", "")):
        if target not in targets:
            hint = f"use {', '.join(targets)} (Latin letters, ASCII digits)"
            yield SDG.at(chapter, _line(block, "sdg"), 1, f"'{target}' is not an SDG 5 target", hint)
    cedaw = block.options.get("cedaw", "").strip()
    articles = registry.recommendation_vocabulary()["cedaw_articles"]
    if cedaw and not (cedaw.isascii() and cedaw.isdigit() and 1 <= int(cedaw) <= articles):
        yield CEDAW.at(chapter, _line(block, "cedaw"), 1, f"cedaw '{cedaw}' is not article 1-16", "write the number")


def _actions(chapter: Chapter, block: Directive) -> Iterator[Finding]:
    limit = registry.recommendation_vocabulary()["max_actions"]
    present = [n for n in range(1, limit + 1) if block.options.get(f"action-{n}", "").strip()]
    if not present:
        yield ACTIONS.at(chapter, block.line, 1, "recommendation has no action", "add ':action-1:' with what to do")
    elif present != list(range(1, len(present) + 1)):
        line = _line(block, f"action-{present[-1]}")
        yield ACTIONS.at(chapter, line, 1, f"actions are numbered {present}, with a gap", "number them from 1")


def _indicators(chapter: Chapter, block: Directive) -> Iterator[Finding]:
    limit = registry.recommendation_vocabulary()["max_indicators"]
    given = [n for n in range(1, limit + 1) if any(block.options.get(f"{p}-{n}") for p in INDICATOR_PARTS)]
    if not given:
        hint = "add ':indicator-1:' with baseline, target and source"
        yield INDICATOR.at(chapter, block.line, 1, "recommendation has no indicator", hint)
    for n in given:
        missing = [p for p in INDICATOR_PARTS if not block.options.get(f"{p}-{n}", "").strip()]
        if missing:
            line = min(block.option_lines.get(f"{p}-{n}", 10**9) for p in INDICATOR_PARTS)
            yield INDICATOR.at(
                chapter,
                line if line < 10**9 else block.line,
                1,
                f"indicator {n} has no {', '.join(missing)}",
                "give what is measured, its value now, its value when done, and who publishes it",
            )


def _title(chapter: Chapter, block: Directive) -> Iterator[Finding]:
    title = block.argument.strip()
    if not title:
        return
    language = str((chapter.meta or {}).get("language", "")).split("-")[0]
    first = re.split(r"[\s,:;]+", title, maxsplit=1)[0].lower()
    message = f"title starts with '{first}', not a verb"
    if language == "en" and (first in NOT_VERBS_EN or first.endswith(NOUN_ENDINGS_EN)):
        yield TITLE.at(chapter, block.line, 1, message, "start with what to do: 'Publish...', 'Open...'")
    elif language == "ru" and not first.endswith(VERB_ENDINGS_RU):
        yield TITLE.at(chapter, block.line, 1, message, "начните с глагола: «Опубликовать...», «Создать...»")


@chapter_check
def papers_recommend(chapter: Chapter) -> Iterator[Finding]:
    """A recommendation paper without a recommendation is not one (drafts may still be writing them)."""
    if chapter.location.publication is not Publication.GENDER or chapter.outline is None or _blocks(chapter):
        return
    status = (chapter.meta or {}).get("status")
    if status not in ("submitted", "in-review", "approved"):
        return
    line = chapter.source.body_line if chapter.source else 1
    hint = "add your recommendations as in the template, or set status: draft"
    yield MISSING.at(chapter, line, 1, f"the paper is '{status}' but has no {{recommendation}} block", hint)


@project_check
def unique_ids(chapters: list[Chapter]) -> Iterator[Finding]:
    """No two recommendations of a publication share an id (translations repeat their original's)."""
    seen: dict[tuple[Publication, str], str] = {}
    for chapter in sorted(chapters, key=lambda c: c.display_path):
        if chapter.location.is_translation:
            continue
        for block in _blocks(chapter):
            value = block.options.get("id", "").strip()
            if not value:
                continue
            key = (chapter.location.publication, value)
            line = _line(block, "id")
            if key in seen:
                hint = "give each recommendation its own number"
                yield ID_TWICE.at(chapter, line, 1, f"id '{value}' is already used in {seen[key]}", hint)
            else:
                seen[key] = f"{chapter.display_path}:{line}"
