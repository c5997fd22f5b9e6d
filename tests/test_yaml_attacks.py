"""Alias bombs, deep nesting and oversized YAML in every place the pipeline reads YAML: refused fast, with a rule.

Each case runs the real validator on a small repository in a temporary folder and must finish well
inside :data:`TIME_BOUND`, with a finding under a known rule at the line of the attack, never an
exception or an internal error.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import REPO
from handbook.core.safe_yaml import DATA_FILE, FRONT_MATTER
from handbook.validate.rules import RULES
from handbook.validate.runner import Report, validate

TIME_BOUND = 2.0
"""Seconds any one case may take, on CI's two cores (refusals take milliseconds)."""

NO_SHRINKING = (Phase.explicit, Phase.reuse, Phase.generate)
"""Attacks are large: a failing one is reported as generated (its kind and size say enough)."""
LARGE_REPR = pytest.mark.filterwarnings("ignore:Generating overly large repr")

CHAPTER = "chapters/gender/kz.md"
HEAD = "---\ntitle: Women in business\ncountry: KZ\nlanguage: en\n"
BODY = "\n(kz-summary)=\n## Summary\n\nText.\n"


@dataclass(frozen=True)
class Attack:
    """Top-level YAML lines that attack a loader, and the rules that may refuse them."""

    yaml: str
    rules: frozenset[str]
    kind: str

    @property
    def line(self) -> int:
        """The attack's first harmful line, counted from 1: where the finding must point."""
        marker = {"alias": "&", "nesting": "[[", "block": "  ", "values": "[", "size": '"'}[self.kind]
        return next(i for i, text in enumerate(self.yaml.splitlines(), 1) if marker in text)


def alias_bomb(levels: int, fanout: int) -> Attack:
    """The billion laughs: each level refers ``fanout`` times to the one before."""
    lines = ["a0: &a0 [" + ", ".join(["lol"] * fanout) + "]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * fanout) + "]" for n in range(1, levels + 1)]
    return Attack("\n".join(lines) + "\n", frozenset({"yaml-alias"}), "alias")


def flow_nesting(depth: int) -> Attack:
    return Attack("deep: " + "[" * depth + "x" + "]" * depth + "\n", frozenset({"yaml-nesting"}), "nesting")


def block_nesting(depth: int) -> Attack:
    lines = ["deep:"] + ["  " * level + f"n{level}:" for level in range(1, depth + 1)]
    return Attack("\n".join(lines) + " x\n", frozenset({"yaml-nesting"}), "block")


def many_values(count: int) -> Attack:
    return Attack("many: [" + ", ".join(["v"] * count) + "]\n", frozenset({"yaml-size"}), "values")


def long_text(characters: int) -> Attack:
    return Attack('long: "' + "x" * characters + '"\n', frozenset({"yaml-size"}), "size")


def attacks(limits: int) -> st.SearchStrategy[Attack]:
    """Attacks past the limits of a text whose values are limited to ``limits``."""
    values = DATA_FILE.values if limits == DATA_FILE.values else FRONT_MATTER.values
    characters = DATA_FILE.characters if limits == DATA_FILE.values else FRONT_MATTER.characters
    return st.one_of(
        st.builds(alias_bomb, st.integers(1, 12), st.integers(2, 12)),
        st.builds(flow_nesting, st.integers(FRONT_MATTER.depth + 1, 5_000)),
        st.builds(block_nesting, st.integers(FRONT_MATTER.depth + 1, 200)),
        st.builds(many_values, st.integers(values + 1, values + values // 10)),
        st.builds(long_text, st.integers(characters + 1, characters + 1_000)),
    )


def timed_validate(root: Path) -> tuple[Report, float]:
    start = time.perf_counter()
    report = validate(root, base=root)
    return report, time.perf_counter() - start


def refused(report: Report, path: str, attack: Attack, first_line: int) -> None:
    """The report refuses the attack under one of its rules, in ``path`` at the attack's line."""
    found = [f for f in report.findings if f.path == path and f.rule in attack.rules]
    assert found, [(f.path, f.line, f.rule) for f in report.findings]
    assert found[0].line == first_line + attack.line - 1 or attack.kind in ("values", "size", "block")
    assert found[0].message and found[0].hint
    assert {f.rule for f in report.findings} <= set(RULES) - {"internal-error"}


def in_front_matter(root: Path, attack: Attack) -> int:
    (root / CHAPTER).parent.mkdir(parents=True)
    (root / CHAPTER).write_text(HEAD + attack.yaml + "---\n" + BODY, encoding="utf-8")
    return HEAD.count("\n") + 1


def in_publication(root: Path, attack: Attack) -> int:
    folder = root / "book" / "sme-handbook"
    folder.mkdir(parents=True)
    original = (REPO / "book" / "sme-handbook" / "publication.yml").read_text(encoding="utf-8")
    (folder / "publication.yml").write_text(original + attack.yaml, encoding="utf-8")
    return original.count("\n") + 1


def in_registry(root: Path, attack: Attack) -> int:
    (root / "contrib").mkdir()
    original = (REPO / "contrib" / "contributors.yml").read_text(encoding="utf-8")
    (root / "contrib" / "contributors.yml").write_text(original + attack.yaml, encoding="utf-8")
    return original.count("\n") + 1


PLACES: dict[str, tuple[Callable[[Path, Attack], int], str, int]] = {
    "front matter": (in_front_matter, CHAPTER, FRONT_MATTER.values),
    "publication.yml": (in_publication, "book/sme-handbook/publication.yml", DATA_FILE.values),
    "contributors.yml": (in_registry, "contrib/contributors.yml", DATA_FILE.values),
}


@LARGE_REPR
@pytest.mark.parametrize("place", sorted(PLACES))
def test_yaml_attacks_are_refused_fast_with_a_rule(place: str) -> None:
    write, path, limits = PLACES[place]

    @settings(max_examples=20, deadline=None, phases=NO_SHRINKING, suppress_health_check=[HealthCheck.too_slow])
    @given(attack=attacks(limits))
    def check(attack: Attack) -> None:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            first_line = write(root, attack)
            report, seconds = timed_validate(root)
        assert seconds < TIME_BOUND, f"{attack.kind} attack took {seconds:.2f} s"
        refused(report, path, attack, first_line)

    check()


def directive(options: str) -> str:
    """A chapter whose note directive has ``options`` in a ``---`` block."""
    return HEAD + "---\n" + BODY + "\n```{note}\n---\n" + options + "---\nA note.\n```\n"


OPTIONS_LINE = directive("").count("\n") - 2
"""The line of the options' first line."""


def test_the_reported_stall_is_refused_in_under_a_second(tmp_path: Path) -> None:
    """The issue's 391-byte chapter, six levels of aliases in a directive's options: 74 s before."""
    (tmp_path / CHAPTER).parent.mkdir(parents=True)
    (tmp_path / CHAPTER).write_text(directive(alias_bomb(6, 9).yaml), encoding="utf-8")
    report, seconds = timed_validate(tmp_path)
    assert seconds < 1.0
    assert next(f.line for f in report.findings if f.rule == "yaml-alias") == OPTIONS_LINE


@LARGE_REPR
@settings(max_examples=30, deadline=None, phases=NO_SHRINKING, suppress_health_check=[HealthCheck.too_slow])
@given(attack=attacks(FRONT_MATTER.values))
def test_directive_options_never_expand(attack: Attack) -> None:
    """MyST reads option blocks without YAML's aliases or nesting, and so does the validator: text stays text."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / CHAPTER).parent.mkdir(parents=True)
        (root / CHAPTER).write_text(directive(attack.yaml), encoding="utf-8")
        report, seconds = timed_validate(root)
    assert seconds < TIME_BOUND, f"{attack.kind} attack took {seconds:.2f} s"
    rules = {f.rule for f in report.findings}
    assert "internal-error" not in rules and rules <= set(RULES)
    if attack.kind == "alias":
        refused(report, CHAPTER, attack, OPTIONS_LINE)
