"""The contributor guide's rule table is the rule registry's."""

from __future__ import annotations

from conftest import REPO
from handbook.validate.report import rules_markdown


def test_rule_table_is_current() -> None:
    written = (REPO / "contrib" / "rules.md").read_text(encoding="utf-8")
    assert written == rules_markdown() + "\n", "run `make rules-doc` and commit contrib/rules.md"


def test_readme_opens_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```", 2)[1]
    assert "make all" in first_block and "make test" in first_block


def test_codeowners_is_current() -> None:
    from handbook.collab.codeowners import codeowners
    from handbook.validate.contributors import load

    registry, findings = load(REPO)
    assert registry is not None, findings
    written = (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert written == codeowners(registry), "run `handbook codeowners` and commit .github/CODEOWNERS"
