"""Recommendations of the gender-dialogue papers: the model, read from ``{recommendation}`` blocks.

One parser serves the validator, the Sphinx directive, the digest and the exports, so that they
can never disagree on what a recommendation says.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import asdict, dataclass
from typing import Any

from ..core import registry
from ..core.model import Chapter

DIRECTIVE = "recommendation"
ID_PATTERN = re.compile(r"^GE-(?P<cc>[A-Z]{2})-(?P<nn>\d{2})$")
YEAR_PATTERN = re.compile(r"^\d{4}$")
SINGLE_OPTIONS = ("id", "addressee", "level", "timeframe", "priority", "sdg", "cedaw", "partners")
REQUIRED = ("id", "addressee", "level", "timeframe", "priority", "sdg")


def option_names() -> tuple[str, ...]:
    """Every option the directive takes."""
    vocabulary = registry.recommendation_vocabulary()
    actions = tuple(f"action-{n}" for n in range(1, vocabulary["max_actions"] + 1))
    indicators = tuple(
        f"{part}-{n}"
        for n in range(1, vocabulary["max_indicators"] + 1)
        for part in ("indicator", "baseline", "target", "source")
    )
    return SINGLE_OPTIONS + actions + indicators


@dataclass(frozen=True)
class Indicator:
    """How progress is measured: what, from where to where, according to whom."""

    name: str
    baseline: str
    target: str
    source: str


@dataclass(frozen=True)
class Recommendation:
    """One recommendation: who should do what, by when, measured how, towards which SDG 5 target."""

    id: str
    title: str
    addressee: str
    level: str
    timeframe: str
    priority: str
    sdg: tuple[str, ...]
    actions: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    rationale: str = ""
    cedaw: str = ""
    partners: str = ""
    country: str = ""
    language: str = ""
    docname: str = ""

    @property
    def label(self) -> str:
        """The cross-reference label of the recommendation, e.g. ``ge-kz-01``."""
        return self.id.lower()

    def timeframe_category(self, from_year: int | None = None) -> str:
        """short, medium or long; a target year is placed by the years left from ``from_year``."""
        if not YEAR_PATTERN.match(self.timeframe):
            return self.timeframe
        years = int(self.timeframe) - (from_year or datetime.date.today().year)
        return "short" if years <= 1 else ("medium" if years <= 3 else "long")

    def as_row(self) -> dict[str, Any]:
        """Every field, flat, for the exports."""
        row = asdict(self)
        row["sdg"] = "; ".join(self.sdg)
        row["actions"] = " | ".join(self.actions)
        row.pop("indicators")
        for index, indicator in enumerate(self.indicators, start=1):
            for key, value in asdict(indicator).items():
                row[f"indicator_{index}_{key}"] = value
        return row


def split_list(value: str) -> tuple[str, ...]:
    """``5.a, 5.5`` -> ("5.a", "5.5")."""
    return tuple(part.strip() for part in re.split(r"[,;]", value) if part.strip())


def from_options(title: str, options: dict[str, str], rationale: str, **where: str) -> Recommendation:
    """The model of a block; lenient (the validator reports what is wrong)."""
    vocabulary = registry.recommendation_vocabulary()
    actions = tuple(
        options[f"action-{n}"] for n in range(1, vocabulary["max_actions"] + 1) if options.get(f"action-{n}")
    )
    indicators = tuple(
        Indicator(
            options[f"indicator-{n}"],
            options.get(f"baseline-{n}", ""),
            options.get(f"target-{n}", ""),
            options.get(f"source-{n}", ""),
        )
        for n in range(1, vocabulary["max_indicators"] + 1)
        if options.get(f"indicator-{n}")
    )
    return Recommendation(
        id=options.get("id", "").strip(),
        title=title.strip(),
        addressee=options.get("addressee", "").strip(),
        level=options.get("level", "").strip(),
        timeframe=options.get("timeframe", "").strip(),
        priority=options.get("priority", "").strip(),
        sdg=split_list(options.get("sdg", "")),
        actions=actions,
        indicators=indicators,
        rationale=" ".join(rationale.split()),
        cedaw=options.get("cedaw", "").strip(),
        partners=options.get("partners", "").strip(),
        **where,
    )


def from_chapter(chapter: Chapter, docname: str = "") -> list[Recommendation]:
    """The recommendations of a chapter, in order, read from its outline."""
    if chapter.outline is None:
        return []
    language = str((chapter.meta or {}).get("language", ""))
    return [
        from_options(
            block.argument,
            block.options,
            block.content,
            country=chapter.location.country,
            language=language,
            docname=docname,
        )
        for block in chapter.outline.directives
        if block.name == DIRECTIVE
    ]
