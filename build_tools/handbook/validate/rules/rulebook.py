"""The rulebook: each rule with its id, severity and one-line summary, and the checks that apply them.

Rule modules declare their rules with :func:`rule` and their checks with :func:`chapter_check`
or :func:`project_check`. Checks return findings; they never print and never write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ...core.model import Chapter, Finding, JsonPath, Located, Severity, SourceProblem


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

RULES: dict[str, Rule] = {}
CHAPTER_CHECKS: list[ChapterCheck] = []
PROJECT_CHECKS: list[ProjectCheck] = []


def rule(id: str, severity: Severity, summary: str, family: str) -> Rule:
    """Declare a rule; the rule table lists rules in the order they are declared."""
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


def problem_finding(problem: SourceProblem, path: Located | str) -> Finding:
    """The finding of a problem that stopped a file being read, under the rule it names."""
    return RULES[problem.rule].at(path, problem.line, problem.column, problem.message, problem.hint)
