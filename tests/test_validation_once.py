"""One validation per run, shared by every edition, offprint and the status board; an offprint answers only
for its own chapter."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EPOCH, copy_book
from handbook.core.model import BuildError
from handbook.pipeline import build, build_offprints
from handbook.validate import gate, runner

PUBLICATION = "gender-dialogue"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The real validator, with each of its runs over a repository noted."""
    calls: list[Path] = []
    real = runner.validate

    def validate(root: Path, *args: object, **kwargs: object) -> runner.Report:
        calls.append(root)
        return real(root, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(gate, "validate", validate)
    monkeypatch.setattr(gate, "_REPORTS", {})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return calls


def test_a_run_validates_once_until_a_source_changes(tmp_path: Path, counted: list[Path]) -> None:
    root = copy_book(tmp_path)
    results = list(build_offprints(root, PUBLICATION, ("html",), edition="en", book=True))
    assert len(results) == 4 and (root / "_build" / PUBLICATION / "en" / "html" / "status.html").is_file()
    build(root, PUBLICATION, ("html",), edition="ru")
    assert len(counted) == 1, "the book, three offprints and the Russian edition share one validation"
    chapter = root / "chapters" / "gender" / "kz.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    build(root, PUBLICATION, ("html",), edition="en")
    assert len(counted) == 2, "an edited chapter is validated again"


def test_one_broken_chapter_stops_only_its_own_offprint(tmp_path: Path, counted: list[Path]) -> None:
    root = copy_book(tmp_path)
    broken = root / "chapters" / "gender" / "kz.md"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("\n## ", "\n# A second title\n\n## ", 1), encoding="utf-8")
    with pytest.raises(BuildError) as whole:
        build(root, PUBLICATION, ("html",), edition="en")
    assert "heading-title" in {f.rule for f in whole.value.findings}
    assert build(root, PUBLICATION, ("html",), chapter="eg", edition="en").outputs["html"].is_dir()
    built: list[str] = []
    with pytest.raises(BuildError) as offprints:
        for result in build_offprints(root, PUBLICATION, ("html",), edition="en"):
            built.append(str(result.chapter))
    assert built == ["EG", "KG"]
    assert "KZ" in str(offprints.value) and offprints.value.findings
    assert all(f.path.endswith("chapters/gender/kz.md") for f in offprints.value.findings)
    with pytest.raises(BuildError):
        build(root, PUBLICATION, ("html",), chapter="kz", edition="en")
