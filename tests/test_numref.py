"""``:numref:`` numbered from each target document read once: the same references as Sphinx's own domain."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

ROOT = Path(__file__).resolve().parent / "roots" / "numref"


def _build(tmp_path: Path, ours: bool) -> tuple[str, Sphinx]:
    source = Path(shutil.copytree(ROOT, tmp_path / "source"))
    warnings = io.StringIO()
    with patch_docutils(source), docutils_namespace():
        app = Sphinx(
            source, source, tmp_path / "out", tmp_path / "doctrees", "html",
            status=None, warning=warnings, confoverrides={"handbook_numref": ours},
        )  # fmt: skip
        app.build()
    assert warnings.getvalue() == ""
    page = (tmp_path / "out" / "references.html").read_text(encoding="utf-8")
    return page[page.index('<section id="references">') : page.index("</section>")], app


def test_the_references_read_as_with_sphinxs_own_domain(tmp_path: Path) -> None:
    theirs, _ = _build(tmp_path / "sphinx", ours=False)
    ours, app = _build(tmp_path / "ours", ours=True)
    assert ours == theirs
    for number in ("Fig. 1.1", "Table 1.1", "Listing 1.1", "Section 1.1", "Section 1.1: The first section"):
        assert number in ours, number
    assert list(app.env.domains.standard_domain._targets) == ["targets"], "read once, for the one target document"
