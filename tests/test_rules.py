"""Every rule has a failing and a passing example under tests/fixtures/rules/<rule-id>/.

``fail/`` is a small book repository that breaks the rule; ``fail.expected`` is the validator's
exact output for it. ``pass/`` is the same case done right: it must validate with no errors and
without this rule. Run ``pytest --regen`` to rewrite ``fail.expected`` after a deliberate change.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from conftest import FIXTURES
from handbook.core.model import Severity
from handbook.validate.report import print_text
from handbook.validate.rules import RULES
from handbook.validate.runner import validate

RULE_FIXTURES = FIXTURES / "rules"
ALL_RULES = RULES
UNTESTABLE = {"internal-error"}
"""internal-error is a validator bug by definition (test_fuzz.py checks it never happens)."""


def _output(root: Path) -> str:
    stream = io.StringIO()
    print_text(validate(root, base=root), stream)
    return stream.getvalue()


def test_every_rule_has_fixtures() -> None:
    present = {p.name for p in RULE_FIXTURES.iterdir() if p.is_dir()}
    missing = sorted(set(ALL_RULES) - UNTESTABLE - present)
    unknown = sorted(present - set(ALL_RULES))
    assert not missing, f"rules without fixtures: {missing}"
    assert not unknown, f"fixtures for unknown rules: {unknown}"


@pytest.mark.parametrize("rule_id", sorted(set(ALL_RULES) - UNTESTABLE))
def test_rule_fails(rule_id: str, regen: bool) -> None:
    case = RULE_FIXTURES / rule_id
    report = validate(case / "fail", base=case / "fail")
    assert rule_id in {f.rule for f in report.findings}, f"{rule_id} not reported for {case / 'fail'}"
    expected_file = case / "fail.expected"
    output = _output(case / "fail")
    if regen:
        expected_file.write_text(output, encoding="utf-8")
    assert output == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("rule_id", sorted(set(ALL_RULES) - UNTESTABLE))
def test_rule_passes(rule_id: str) -> None:
    case = RULE_FIXTURES / rule_id / "pass"
    report = validate(case, base=case)
    assert rule_id not in {f.rule for f in report.findings}
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    assert not errors, errors
    assert report.checked, "the passing example checked no files"
