"""Front-matter rules the schema cannot express: membership, language tags, checksums, units."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pycountry

from ...core import registry
from ...core.model import Chapter, Finding, Severity
from ...core.words import count_words
from .. import scripts
from .rulebook import chapter_check, rule

E, W = Severity.ERROR, Severity.WARNING
FAMILY = "front matter"

ABSTRACT_MAX_WORDS = 200
NOT_MONEY = frozenset("XAU XAG XPD XPT XBA XBB XBC XBD XDR XSU XUA XTS XXX".split())
"""ISO 4217 codes for metals, units of account, testing and 'no currency': not what amounts are given in."""
PLACEHOLDER = "TODO"

COUNTRY_MEMBER = rule("country-member", E, "The chapter's country is a CICA member state.", FAMILY)
COUNTRY_MATCH = rule("country-file", E, "The front matter's country matches the file name.", FAMILY)
LANGUAGE_TAG = rule("language-tag", E, "language is a valid BCP 47 tag (en, ru, zh-Hans, ar, kk-Cyrl...).", FAMILY)
LANGUAGE_FILE = rule("language-file", E, "A translation's language matches its file name (kz.ru.md is in ru).", FAMILY)
SCRIPT = rule("language-script", E, "The text is written in the script of its declared language.", FAMILY)
ORCID = rule("orcid-checksum", E, "An ORCID iD's last character is its correct check digit.", FAMILY)
ABSTRACT = rule("abstract-length", E, f"The abstract has at most {ABSTRACT_MAX_WORDS} words.", FAMILY)
CURRENCY = rule("currency-code", E, "currency is an ISO 4217 code in use (KZT, RUB, CNY...).", FAMILY)
UNIT = rule("indicator-unit", E, "Each indicator is given in its catalogue unit.", FAMILY)
DUPLICATE = rule("indicator-duplicate", E, "An indicator is reported at most once per year.", FAMILY)
RANGE = rule("indicator-range", E, "Percentages lie between 0 and 100; counts are not negative.", FAMILY)
YEAR = rule("indicator-year", E, "An indicator's year is not in the future.", FAMILY)
ILLUSTRATIVE = rule("illustrative-status", E, "A chapter with illustrative figures stays a draft.", FAMILY)
PLACEHOLDERS = rule(
    "template-placeholder", W, "No 'TODO' placeholder from the template is left (an error once submitted).", "content"
)


def _text(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    return value if isinstance(value, str) else None


@chapter_check
def country(chapter: Chapter) -> Iterator[Finding]:
    """The country is a member, and the one the file is named after."""
    meta = chapter.meta or {}
    code = _text(meta, "country")
    if code is None or len(code) != 2 or not code.isalpha():
        return  # the schema reports it
    state = registry.states().get(code.upper())
    if state is None or not state.member:
        what = f"{state.name_en} is a CICA observer, not a member state" if state else f"'{code}' is not a CICA member"
        members = ", ".join(s.code for s in registry.members())
        yield COUNTRY_MEMBER.at_field(chapter, ("country",), what, f"chapters are written for member states: {members}")
    elif code.upper() != chapter.location.country:
        expected = chapter.location.country
        yield COUNTRY_MATCH.at_field(
            chapter,
            ("country",),
            f"country is {code} but the file is named for {expected}",
            f"set country: {expected}, or rename the file to {code.lower()}"
            + (f".{chapter.location.language}" if chapter.location.language else "")
            + ".md",
        )


@chapter_check
def language(chapter: Chapter) -> Iterator[Finding]:
    """The language tag is valid, and a translation's matches its file name."""
    tag = _text(chapter.meta or {}, "language")
    if tag is None:
        return
    if not registry.is_valid_language_tag(tag):
        yield LANGUAGE_TAG.at_field(
            chapter,
            ("language",),
            f"'{tag}' is not a valid BCP 47 language tag",
            "use a tag such as en, ru, zh-Hans, ar, fa, th, kk-Cyrl or uz-Latn",
        )
        return
    suffix = chapter.location.language
    if suffix is not None and suffix.lower() != tag.lower():
        yield LANGUAGE_FILE.at_field(
            chapter,
            ("language",),
            f"the file name says '{suffix}' but language is '{tag}'",
            f"set language: {suffix}, or rename the file to {chapter.location.country.lower()}.{tag}.md",
        )


MIN_LETTERS_FOR_SCRIPT = 200
"""Below this many letters a chapter says too little to judge its script."""


@chapter_check
def language_script(chapter: Chapter) -> Iterator[Finding]:
    """A chapter tagged en but written in Arabic would be set left to right in the wrong fonts.

    Text still from the template (placeholders, its English headings) does not count.
    """
    tag = _text(chapter.meta or {}, "language")
    if tag is None or chapter.outline is None or not registry.is_valid_language_tag(tag):
        return
    expected = registry.script_of(tag)
    template_headings = {s.name_en for s in registry.sections(chapter.location.publication.value)}
    written = (r.text for r in chapter.outline.texts if PLACEHOLDER not in r.text and r.text not in template_headings)
    counts = scripts.script_counts(written)
    total = sum(counts.values())
    if expected is None or total < MIN_LETTERS_FOR_SCRIPT:
        return
    found, letters = counts.most_common(1)[0]
    fitting = sum(n for script, n in counts.items() if scripts.matches(expected, script))
    if scripts.matches(expected, found) or fitting / total >= 0.2 or letters / total < 0.6:
        return
    state = registry.member(chapter.location.country)
    languages = [x.tag for x in (state.languages if state else ())] + registry.working_languages()
    candidates = [t for t in dict.fromkeys(languages) if scripts.matches(registry.script_of(t) or "", found)]
    hint = (
        f"set language to the text's language, e.g. {' or '.join(candidates)}"
        if candidates
        else "set language to the tag of the language the text is in"
    )
    yield SCRIPT.at_field(
        chapter,
        ("language",),
        f"language is '{tag}' ({expected} script) but {round(100 * letters / total)}% of the text is in {found} script",
        hint + "; the language decides direction, fonts and hyphenation in every output",
    )


def orcid_check_digit(digits: str) -> str:
    """The ISO 7064 MOD 11-2 check character of an ORCID iD's first 15 digits."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


@chapter_check
def orcid(chapter: Chapter) -> Iterator[Finding]:
    """Each author's ORCID iD has the right check digit."""
    authors = (chapter.meta or {}).get("authors")
    for index, author in enumerate(authors if isinstance(authors, list) else []):
        value = author.get("orcid") if isinstance(author, dict) else None
        if not isinstance(value, str) or len(value) != 19:
            continue
        digits = value.replace("-", "")
        if not digits[:15].isdigit():
            continue
        expected = orcid_check_digit(digits[:15])
        if digits[15] != expected:
            yield ORCID.at_field(
                chapter,
                ("authors", index, "orcid"),
                f"ORCID iD {value} fails its checksum (the last character should be {expected})",
                "copy the iD again from the author's ORCID record; a digit is probably mistyped",
            )


@chapter_check
def abstract(chapter: Chapter) -> Iterator[Finding]:
    """The abstract is short enough for a catalogue entry."""
    text = _text(chapter.meta or {}, "abstract")
    if text is None:
        return
    words = count_words(text)
    if words > ABSTRACT_MAX_WORDS:
        yield ABSTRACT.at_field(
            chapter,
            ("abstract",),
            f"the abstract has {words} words; at most {ABSTRACT_MAX_WORDS} are allowed",
            "shorten it; details belong in the key messages",
        )


@chapter_check
def currency(chapter: Chapter) -> Iterator[Finding]:
    """The currency is an ISO 4217 code."""
    code = _text(chapter.meta or {}, "currency")
    if code is None or len(code) != 3 or not code.isupper():
        return
    if pycountry.currencies.get(alpha_3=code) is None or code in NOT_MONEY:
        state = registry.member(chapter.location.country)
        hint = f"the currency of {state.name_en} is {state.currency}" if state else "use an ISO 4217 code"
        yield CURRENCY.at_field(chapter, ("currency",), f"'{code}' is not an ISO 4217 currency code", hint)


@chapter_check
def indicators(chapter: Chapter) -> Iterator[Finding]:
    """Indicators use catalogue units, plausible values and past years, each once per year."""
    items = (chapter.meta or {}).get("indicators")
    catalogue = registry.indicators()
    seen: dict[tuple[str, int], int] = {}
    this_year = datetime.date.today().year
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict) or item.get("id") not in catalogue:
            continue
        entry = catalogue[item["id"]]
        where = ("indicators", index)
        unit, value, year = item.get("unit"), item.get("value"), item.get("year")
        if isinstance(unit, str) and unit != entry.unit:
            yield UNIT.at_field(
                chapter,
                (*where, "unit"),
                f"{entry.id} is measured in '{entry.unit}', not '{unit}'",
                f"convert the value and write unit: {entry.unit!r}"
                if entry.unit == "%"
                else f"write unit: {entry.unit}",
            )
        elif isinstance(value, int | float) and not isinstance(value, bool):
            if entry.unit == "%" and not 0 <= value <= 100:
                yield RANGE.at_field(
                    chapter,
                    (*where, "value"),
                    f"{entry.id} is {value}%, outside 0-100",
                    "give the share as a percentage",
                )
            elif entry.unit == "count" and value < 0:
                yield RANGE.at_field(
                    chapter, (*where, "value"), f"{entry.id} is negative ({value})", "a count cannot be negative"
                )
        if isinstance(year, int) and not isinstance(year, bool):
            if year > this_year:
                yield YEAR.at_field(
                    chapter,
                    (*where, "year"),
                    f"{entry.id} is dated {year}, in the future",
                    "give the year the figure describes",
                )
            key = (entry.id, year)
            if key in seen:
                yield DUPLICATE.at_field(
                    chapter,
                    where,
                    f"{entry.id} for {year} is already given as indicator {seen[key] + 1}",
                    "keep one value per indicator and year",
                )
            seen.setdefault(key, index)


@chapter_check
def illustrative_status(chapter: Chapter) -> Iterator[Finding]:
    """Illustrative (unsourced) figures keep a chapter in draft."""
    meta = chapter.meta or {}
    status = _text(meta, "status")
    items = meta.get("indicators")
    if status in (None, "draft") or not isinstance(items, list):
        return
    for index, item in enumerate(items):
        if isinstance(item, dict) and item.get("illustrative") is True:
            yield ILLUSTRATIVE.at_field(
                chapter,
                ("indicators", index, "illustrative"),
                f"status is '{status}' but indicator {item.get('id', index + 1)} is marked illustrative",
                "replace it with a sourced figure and remove 'illustrative', or set status: draft",
            )


@chapter_check
def placeholders(chapter: Chapter) -> Iterator[Finding]:
    """Template placeholders are gone, at the latest when the chapter is submitted."""
    severity = W if _text(chapter.meta or {}, "status") in (None, "draft") else E
    for path, value in _strings(chapter.meta or {}, ()):
        if PLACEHOLDER in value:
            yield PLACEHOLDERS.at_field(
                chapter,
                path,
                f"'{PLACEHOLDER}' placeholder left in a field",
                "fill it in from the template's instructions",
                severity,
            )
    if chapter.outline is not None:
        reported: set[int] = set()
        for run in chapter.outline.texts:
            if PLACEHOLDER in run.text and run.line not in reported:
                reported.add(run.line)
                yield PLACEHOLDERS.at(
                    chapter,
                    run.line,
                    1,
                    f"'{PLACEHOLDER}' placeholder left in the text",
                    "replace it with your text",
                    severity,
                )


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
