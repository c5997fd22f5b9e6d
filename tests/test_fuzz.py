"""Any bytes in a chapter file give findings, never an exception or an internal error."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.validate import validate

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
