"""The validator's rules: each has an id, a severity and a one-line summary for the rule table.

Rule modules declare their rules with :func:`rule` and their checks with :func:`chapter_check`
or :func:`project_check`. Checks return findings; they never print and never write.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ...core.model import Chapter, Finding, JsonPath, Located, Severity


@dataclass(frozen=True)
class Rule:
    """A validation rule."""

    id: str
    severity: Severity
    summary: str
    family: str

    def at(
        self,
        chapter: Located | str,
        line: int,
        column: int,
        message: str,
        hint: str = "",
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule at a place in a chapter (or a path)."""
        path = chapter if isinstance(chapter, str) else chapter.display_path
        return Finding(path, line, column, severity or self.severity, self.id, message, hint)

    def at_field(
        self,
        chapter: Located,
        field: JsonPath,
        message: str,
        hint: str = "",
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule at a front-matter field, given by its JSON path."""
        line, column = chapter.line_of(field)
        return self.at(chapter, line, column, message, hint, severity)


ChapterCheck = Callable[[Chapter], Iterable[Finding]]
ProjectCheck = Callable[[list[Chapter]], Iterable[Finding]]

RULE_MODULES = (
    "source",
    "schema",
    "metadata",
    "structure",
    "markup",
    "media",
    "collection",
    "recommendations",
    "publication",
    "contributors",
)
"""Rule modules in the order their rules are listed and run."""

RULES: dict[str, Rule] = {}
CHAPTER_CHECKS: list[ChapterCheck] = []
PROJECT_CHECKS: list[ProjectCheck] = []


def rule(id: str, severity: Severity, summary: str, family: str) -> Rule:
    """Declare a rule, bound to a name in the module that checks it (that is how load_all finds it)."""
    if id in RULES:
        raise ValueError(f"rule {id} declared twice")
    RULES[id] = found = Rule(id, severity, summary, family)
    return found


def chapter_check(func: ChapterCheck) -> ChapterCheck:
    """Register a check run on every chapter that could be read."""
    CHAPTER_CHECKS.append(func)
    return func


def project_check(func: ProjectCheck) -> ProjectCheck:
    """Register a check run once over all chapters together."""
    PROJECT_CHECKS.append(func)
    return func


def load_all() -> dict[str, Rule]:
    """Import every rule module so that its rules and checks are registered."""
    # Module by module, each in the order it declares its rules, whichever was imported first.
    ordered = [
        value
        for module in RULE_MODULES
        for value in vars(importlib.import_module(f"{__name__}.{module}")).values()
        if isinstance(value, Rule)
    ]
    RULES.clear()
    RULES.update((r.id, r) for r in ordered)
    return RULES
