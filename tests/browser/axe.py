"""axe-core in the page under test: every violation, and which of them fail a test."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import NODE_MODULES

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
BLOCKING = frozenset({"serious", "critical"})
"""The impacts that fail a test; minor and moderate ones are reported by axe but let through."""


@dataclass(frozen=True)
class Violation:
    """One axe rule broken on one page, with every element that breaks it."""

    rule: str
    impact: str
    help: str
    help_url: str
    targets: tuple[str, ...]
    snippets: tuple[str, ...]

    def describe(self, page: str) -> str:
        elements = "\n".join(f"      {t}  {s[:160]}" for t, s in zip(self.targets, self.snippets, strict=True))
        return f"  {page}: {self.rule} ({self.impact}) {self.help}\n    {self.help_url}\n{elements}"


def missing() -> str | None:
    """Why axe-core cannot run here, or None."""
    if not AXE_JS.is_file():
        return f"{AXE_JS.relative_to(NODE_MODULES.parent)} is missing (run `npm ci` at the repository's root)"
    return None


def run(page: Page) -> list[Violation]:
    """Every violation of axe's default rules (WCAG 2.x A and AA, and best practices) on ``page``."""
    page.add_script_tag(path=AXE_JS)
    results: dict[str, Any] = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [_violation(item) for item in results["violations"]]


def blocking(violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if v.impact in BLOCKING]


def _violation(item: dict[str, Any]) -> Violation:
    nodes = item.get("nodes", [])
    return Violation(
        rule=item["id"],
        impact=item.get("impact") or "unknown",
        help=item.get("help", ""),
        help_url=item.get("helpUrl", ""),
        targets=tuple(" ".join(map(str, node.get("target", []))) for node in nodes),
        snippets=tuple(" ".join(str(node.get("html", "")).split()) for node in nodes),
    )
