"""Reading chapter text: encoding, the front-matter fence and safe YAML, with exact positions."""

from __future__ import annotations

import pytest

from handbook.core.model import SourceProblem
from handbook.core.safe_yaml import load_yaml
from handbook.sources.frontmatter import decode, split

GOOD = [
    ("title: Hello\ncountry: KZ\n", {"title": "Hello", "country": "KZ"}),
    ("data_year: 2023\nshare: 34.5\nflag: true\n", {"data_year": 2023, "share": 34.5, "flag": True}),
    ("date: 2024-06-27\n", {"date": "2024-06-27"}),
    (
        "authors:\n  - name: A\n    roles: [writing-original-draft]\n",
        {"authors": [{"name": "A", "roles": ["writing-original-draft"]}]},
    ),
    ("title: !!str 2024\n", {"title": "2024"}),
    ("name: Қазақстан\nar: قطر\n", {"name": "Қазақстан", "ar": "قطر"}),
]

BAD = [
    ("a: &x [1]\nb: *x\n", "yaml-alias", 2, 4),
    ("a: [1]\nb: *x\n", "yaml-alias", 3, 4),
    ("a: !!python/object/apply:os.system ['true']\n", "yaml-unsafe-tag", 2, 4),
    ("a: !include other.yml\n", "yaml-unsafe-tag", 2, 4),
    ("a: !!binary aGVsbG8=\n", "yaml-unsafe-tag", 2, 4),
    ("a: !!set {x, y}\n", "yaml-unsafe-tag", 2, 4),
    ("title: A\ncountry: KZ\ntitle: B\n", "yaml-duplicate-key", 4, 1),
    ("institution:\n  name: A\n  name: B\n", "yaml-duplicate-key", 4, 3),
    ("a: " + "[" * 25 + "]" * 25 + "\n", "yaml-nesting", 2, 23),
    ("title: a: b\n", "yaml-syntax", 2, 9),
    ("title: 'unclosed\n", "yaml-syntax", 3, 1),
    ("? [a, b]\n: c\n", "yaml-key", 2, 3),
]


@pytest.mark.parametrize(("source", "expected"), GOOD)
def test_loads_safe_yaml(source: str, expected: object) -> None:
    value, _ = load_yaml(source, 2)
    assert value == expected


@pytest.mark.parametrize(("source", "rule", "line", "column"), BAD)
def test_refuses_unsafe_or_broken_yaml(source: str, rule: str, line: int, column: int) -> None:
    with pytest.raises(SourceProblem) as caught:
        load_yaml(source, 2)
    assert (caught.value.rule, caught.value.line, caught.value.column) == (rule, line, column)
    assert caught.value.hint


def test_alias_bomb_is_refused_before_expansion() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    with pytest.raises(SourceProblem) as caught:
        load_yaml(bomb, 2)
    assert caught.value.rule == "yaml-alias"


def test_positions_follow_json_paths() -> None:
    _, positions = load_yaml("title: T\nauthors:\n  - name: A\n    orcid: 0000\n", 5)
    assert positions[("title",)] == (5, 1)
    assert positions[("authors", 0)] == (7, 5)
    assert positions[("authors", 0, "orcid")] == (8, 5)


def test_split_reports_body_line() -> None:
    source = split("---\ntitle: T\n---\n\nBody\n")
    assert source.front_matter == "title: T\n"
    assert source.front_matter_line == 2
    assert source.body_line == 4


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("title: T\n", "front-matter-missing"),
        ("\n---\ntitle: T\n---\n", "front-matter-missing"),
        ("---\ntitle: T\n", "front-matter-unclosed"),
    ],
)
def test_split_refuses_missing_fences(text: str, rule: str) -> None:
    with pytest.raises(SourceProblem) as caught:
        split(text)
    assert caught.value.rule == rule


def test_decode_reports_invalid_utf8_position() -> None:
    data = b"---\ntitle: " + "Малые".encode("cp1251") + b"\n---\n"
    with pytest.raises(SourceProblem) as caught:
        decode(data)
    assert (caught.value.rule, caught.value.line, caught.value.column) == ("encoding-utf8", 2, 8)


def test_decode_drops_bom_and_refuses_control_characters() -> None:
    assert decode("\ufeff---\n".encode()) == "---\n"
    with pytest.raises(SourceProblem) as caught:
        decode(b"---\ntitle: a\x1bb\n")
    assert (caught.value.rule, caught.value.line, caught.value.column) == ("encoding-control-char", 2, 9)
