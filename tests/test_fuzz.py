"""Any bytes in a chapter file give findings, never an exception, an internal error or a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.core.model import SourceProblem
from handbook.core.safe_yaml import load_yaml
from handbook.sources.frontmatter import decode
from handbook.validate.rules import RULES
from handbook.validate.runner import validate

RULE_IDS = set(RULES)

FRONT = b"---\ntitle: Women in business\ncountry: KZ\nlanguage: en\n"
YAML_PIECES = st.sampled_from(
    [
        b"authors:\n  - name: A\n",
        b"abstract: x\n",
        b"keywords: [a, b]\n",
        b"status: draft\n",
        b"a: &x [1]\nb: *x\n",
        b"!!python/object:os.system\n",
        b"{[",
        b"\xff\xfe",
        b"\x00",
        b"? [a]\n: b\n",
        b"institution: {name: I}\n",
        b"- 1\n",
        b"  \t",
        "آ Ω 中".encode(),
    ]
)
BODY_PIECES = st.sampled_from(
    [
        b"## Heading\n",
        b"(kz-x)=\n",
        b"![](kz/a.png)\n",
        b"[x](../../etc/passwd)\n",
        b":::{figure} ../x.svg\n:alt: y\n:::\n",
        b"```{note}\n",
        b"{ref}`kz-nowhere`\n",
        b"| a |\n|---|\n| 1 |\n",
        b"# Title\n",
        b"> " * 50 + b"\n",
        "текст ".encode(),
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    head=st.lists(YAML_PIECES | st.binary(max_size=20), max_size=6),
    fence=st.sampled_from([b"---\n", b"", b"...\n"]),
    body=st.lists(BODY_PIECES | st.binary(max_size=30), max_size=8),
)
def test_any_bytes_give_findings_not_crashes(head: list[bytes], fence: bytes, body: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "chapters" / "gender").mkdir(parents=True)
        (root / "chapters" / "gender" / "kz.md").write_bytes(FRONT + b"".join(head) + fence + b"".join(body))
        report = validate(root, base=root)
    assert "internal-error" not in {f.rule for f in report.findings}, report.findings


YAML_TOKENS = st.sampled_from(
    [
        "title: ", "country: KZ\n", "authors:\n  - name: A\n", "keywords: [", "]", "{", "}", ", ", "- ", "? ",
        ": ", "\n", "  ", "\t", "'", '"', "|\n", ">-\n", "# ", "&a ", "*a", "<<: *a\n", "!!python/object:os.system ",
        "!!binary ", "!local ", "%YAML 1.1\n", "%TAG ! tag:evil,2000:\n", "---\n", "...\n", "~", "null", ".inf",
        "0x1F", "2024-13-45", "yes", "\ufeff", "\u202e", "\x85", "\u2028", "\\x00", "\\u0000", "@", "`",
    ]
)  # fmt: skip
YAMLISH = st.lists(YAML_TOKENS | st.text(max_size=12), max_size=30).map("".join)
"""Text that is mostly almost YAML: the shapes a parser trips on, and any characters."""
BODY = b"\n(kz-summary)=\n## Summary\n\nText.\n"
FRONT_MATTER = YAMLISH.map(lambda text: text.encode("utf-8", "surrogatepass")) | st.binary(max_size=80)


@contextmanager
def book_with_front_matter(front: bytes) -> Iterator[Path]:
    """A book repository whose one chapter has ``front`` between its '---' fences."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "chapters" / "gender").mkdir(parents=True)
        (root / "chapters" / "gender" / "kz.md").write_bytes(b"---\n" + front + b"\n---\n" + BODY)
        yield root


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=YAMLISH, first_line=st.integers(min_value=1, max_value=5))
def test_front_matter_parsing_gives_values_or_a_located_problem(source: str, first_line: int) -> None:
    try:
        _, positions = load_yaml(source, first_line)
    except SourceProblem as problem:
        assert problem.rule in RULE_IDS
        # YAML, like str.splitlines, also breaks lines at U+0085, U+2028 and U+2029
        assert first_line <= problem.line <= first_line + len(source.splitlines()) + 1
        assert problem.column >= 1 and problem.message and problem.hint
    else:
        assert all(line >= first_line and column >= 1 for line, column in positions.values())


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=200))
def test_decoding_gives_text_or_a_located_problem(data: bytes) -> None:
    try:
        decode(data)
    except SourceProblem as problem:
        assert problem.rule in ("encoding-utf8", "encoding-control-char")
        assert problem.line >= 1 and problem.column >= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front=FRONT_MATTER)
def test_any_front_matter_gives_findings_not_crashes(front: bytes) -> None:
    with book_with_front_matter(front) as root:
        report = validate(root, base=root)
    rules = {f.rule for f in report.findings}
    assert "internal-error" not in rules, report.findings
    assert rules <= RULE_IDS
    assert all(f.line >= 1 and f.column >= 1 for f in report.findings)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front=FRONT_MATTER)
def test_the_command_never_shows_a_traceback(front: bytes) -> None:
    with book_with_front_matter(front) as root:
        done = subprocess.run(
            [str(Path(sys.executable).parent / "handbook"), "validate", "--format", "json"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode in (0, 1), done.stderr
    assert json.loads(done.stdout)["findings"] is not None
