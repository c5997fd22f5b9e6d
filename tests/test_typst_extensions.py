"""The Typst builder is a Sphinx builder like the others: another extension's nodes and translator work with it."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

ROOT = Path(__file__).resolve().parent / "roots" / "typst-extension"


def build_pdf(tmp_path: Path, **overrides: object) -> tuple[str, str]:
    """Build the project with the typst builder; its Typst source and the text of its PDF."""
    source = Path(shutil.copytree(ROOT, tmp_path / "source"))
    warnings = io.StringIO()
    with patch_docutils(source), docutils_namespace():
        app = Sphinx(
            source, source, tmp_path / "out", tmp_path / "doctrees", "typst",
            status=None, warning=warnings, confoverrides=overrides,
        )  # fmt: skip
        app.build()
    assert warnings.getvalue() == ""
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "out" / "boxes.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    return (tmp_path / "out" / "boxes.typ").read_text(encoding="utf-8"), text


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    return build_pdf(tmp_path_factory.mktemp("plain"))


def test_a_node_registered_with_a_typst_visitor_is_rendered(plain: tuple[str, str]) -> None:
    typst, text = plain
    assert '#block(stroke: 1pt)[#text("CALLOUT:")' in typst
    assert "CALLOUT: Inside the box." in " ".join(text.split())


def test_the_translator_has_its_own_handlers_too(plain: tuple[str, str]) -> None:
    _, text = plain
    assert "Plain text first." in text
    assert "MARKED" not in text


def test_a_translator_set_with_set_translator_is_used(tmp_path: Path) -> None:
    _, text = build_pdf(tmp_path, boxes_marked=True)
    words = " ".join(text.split())
    assert "MARKED: Plain text first." in words
    assert "CALLOUT: MARKED: Inside the box." in words
