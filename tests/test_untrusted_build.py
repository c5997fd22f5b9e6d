"""Defence in depth: even a chapter that got past validation cannot pass raw HTML or read files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import copy_book
from handbook.pipeline import prepare

ATTACKS = """

```{raw} html
<script>alert("raw")</script>
```

```{include} /etc/hostname
```

```{csv-table} Hosts
:file: /etc/hostname
```
"""


def test_the_assembled_project_disables_raw_output_and_file_insertion(tmp_path: Path) -> None:
    root = copy_book(tmp_path)
    assembly = prepare(root, "gender-dialogue")
    source = assembly.srcdir / "chapters" / "gender" / "kz.md"
    source.write_text(source.read_text(encoding="utf-8") + ATTACKS, encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", str(assembly.srcdir), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    page = (out / "chapters" / "gender" / "kz.html").read_text(encoding="utf-8")
    assert '<script>alert("raw")' not in page
    assert Path("/etc/hostname").read_text(encoding="utf-8").strip() not in page
    assert '"raw" directive disabled' in done.stderr
    assert 'Directive "include" disabled' in done.stderr
    assert 'URL access deactivated; ignoring "csv-table" directive' in done.stderr
