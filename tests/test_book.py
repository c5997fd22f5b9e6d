"""Which chapters a publication takes, and in what order."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from conftest import REPO
from handbook.core.model import Chapter
from handbook.sources import layout, publications, reading
from handbook.validate.gate import load_publication


def chapters_of(root: Path) -> list[Chapter]:
    return [reading.read_chapter(layout.chapter_path(root, p), p.name) for p in layout.markdown_files(root)]


def test_sme_handbook_orders_by_english_country_name() -> None:
    spec = load_publication(REPO, "sme-handbook")
    chosen = publications.select_chapters(spec, chapters_of(REPO))
    assert [c.location.country for c in chosen] == ["CN", "KZ", "QA", "RU", "TH"]


def test_order_puts_listed_countries_first() -> None:
    spec = replace(load_publication(REPO, "sme-handbook"), order=("TH", "RU"))
    chosen = publications.select_chapters(spec, chapters_of(REPO))
    assert [c.location.country for c in chosen] == ["TH", "RU", "CN", "KZ", "QA"]


def test_release_takes_approved_chapters_only(tmp_path: Path) -> None:
    for code, status in (("kz", "approved"), ("kg", "draft"), ("eg", "in-review")):
        source = (REPO / "chapters" / "gender" / f"{code}.md").read_text(encoding="utf-8")
        target = tmp_path / "chapters" / "gender" / f"{code}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.replace("status: draft", f"status: {status}", 1), encoding="utf-8")
    spec = load_publication(REPO, "gender-dialogue")
    everything = chapters_of(tmp_path)
    assert [c.location.country for c in publications.select_chapters(spec, everything)] == ["EG", "KZ", "KG"]
    release = replace(spec, release=True)
    assert [c.location.country for c in publications.select_chapters(release, everything)] == ["KZ"]
    reviewed = replace(spec, statuses=("in-review", "approved"))
    assert [c.location.country for c in publications.select_chapters(reviewed, everything)] == ["EG", "KZ"]


def test_translations_are_not_chapters_of_the_book(tmp_path: Path) -> None:
    folder = tmp_path / "chapters" / "gender"
    folder.mkdir(parents=True)
    original = (REPO / "chapters" / "gender" / "kz.md").read_text(encoding="utf-8")
    (folder / "kz.md").write_text(original, encoding="utf-8")
    (folder / "kz.ru.md").write_text(original.replace("language: en", "language: ru"), encoding="utf-8")
    spec = load_publication(REPO, "gender-dialogue")
    assert [c.location.path.name for c in publications.select_chapters(spec, chapters_of(tmp_path))] == ["kz.md"]
