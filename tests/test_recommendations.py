"""Recommendations: read from the papers, the digest, the exports, and how all three formats show them."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

from conftest import REPO
from handbook.assemble.backmatter import digest_page
from handbook.publish import exports
from handbook.sources import layout, reading, recommendations
from handbook.sources.myst import markdown_parser


def paper_recommendations() -> list[recommendations.Recommendation]:
    found = []
    for path in sorted((REPO / "chapters" / "gender").glob("??.md")):
        chapter = reading.read_chapter(layout.chapter_path(REPO, path), path.name)
        found += recommendations.from_chapter(chapter, f"chapters/gender/{path.stem}")
    return found


def test_every_sample_paper_has_four_complete_recommendations() -> None:
    items = paper_recommendations()
    by_country: dict[str, list[str]] = {}
    for item in items:
        by_country.setdefault(item.country, []).append(item.id)
        assert item.title and item.actions and item.indicators and item.sdg and item.rationale, item.id
    assert by_country == {c: [f"GE-{c}-0{n}" for n in range(1, 5)] for c in ("EG", "KG", "KZ")}
    assert {i.language for i in items} == {"en", "ru", "ar"}


def test_timeframe_years_fall_into_categories() -> None:
    item = recommendations.from_options("Act", {"timeframe": "2027"}, "")
    assert [item.timeframe_category(y) for y in (2026, 2025, 2023)] == ["short", "medium", "long"]
    assert recommendations.from_options("Act", {"timeframe": "medium"}, "").timeframe_category(2026) == "medium"


def test_digest_lists_each_recommendation_once_by_timeframe_and_under_each_target() -> None:
    items = paper_recommendations()
    page = digest_page(items, "en", 2026)
    matrix, _, by_target = page.partition("## By SDG 5 target")
    for item in items:
        assert matrix.count(f"<{item.label}>`") == 1, item.id
        for target in item.sdg:
            section = by_target.split(f"### {target} ", 1)[1].split("\n### ", 1)[0]
            assert f"<{item.label}>`" in section, (item.id, target)
    assert markdown_parser().parse(page)


def test_exports_hold_every_field_of_every_recommendation() -> None:
    items = paper_recommendations()
    rows = list(csv.DictReader(io.StringIO(exports.to_csv(items).lstrip("\ufeff"))))
    records = json.loads(exports.to_json(items))
    assert [r["id"] for r in rows] == [r["id"] for r in records] == [i.id for i in items]
    for item, row, record in zip(items, rows, records, strict=True):
        assert row["title"] == record["title"] == item.title
        assert record["actions"] == list(item.actions)
        assert record["indicators"][0]["baseline"] == item.indicators[0].baseline
        assert row["sdg"] == "; ".join(item.sdg)
        assert row["language"] == item.language and row["country"] == item.country
        assert record["link"] == f"html/chapters/gender/{item.country.lower()}.html#{item.label}"


def test_built_exports_match_the_sources_and_links_resolve(built: Path) -> None:
    out = built / "_build" / "gender-dialogue" / "en"
    records = json.loads((out / "recommendations.json").read_text(encoding="utf-8"))
    assert sorted(r["id"] for r in records) == sorted(i.id for i in paper_recommendations())
    assert [r["country"] for r in records[::4]] == ["EG", "KZ", "KG"]  # book order: by English name
    for record in records:
        page, _, anchor = record["link"].partition("#")
        assert f'id="{anchor}"' in (out / page).read_text(encoding="utf-8"), record["link"]


def test_recommendations_render_in_html_epub_and_pdf(built: Path, pdfs: Path) -> None:
    out = built / "_build" / "gender-dialogue" / "en"
    html = (out / "html" / "chapters" / "gender" / "eg.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<section class="recommendation" id="ge-eg-0\d"', html)) == 4
    assert "الجهة المعنية" in html  # the box's labels are in the paper's language
    with zipfile.ZipFile(out / "gender-dialogue.en.epub") as archive:
        xhtml = archive.read("chapters/gender/kg.en.xhtml").decode("utf-8")  # the English edition's translation
    assert len(re.findall(r'<section class="recommendation" id="ge-kg-0\d"', xhtml)) == 4
    assert "Addressee" in xhtml and "Адресат" not in xhtml
    text = subprocess.run(
        ["pdftotext", str(pdfs / "_build" / "gender-dialogue" / "en" / "gender-dialogue.en.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for code in ("EG", "KG", "KZ"):
        for n in range(1, 5):
            assert f"GE-{code}-0{n}" in text
    assert "Recommendations at a glance" in text


def test_a_paper_on_its_own_in_every_format(built: Path, pdfs: Path) -> None:
    offprints = built / "_build" / "gender-dialogue" / "en" / "offprints"
    page = (offprints / "gender-dialogue-kg.en-html" / "chapters" / "gender" / "kg.en.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<section class="recommendation"', page)) == 4
    with zipfile.ZipFile(offprints / "gender-dialogue-kg.en.epub") as archive:
        names = archive.namelist()
    assert "chapters/gender/kg.en.xhtml" in names and "chapters/gender/kz.xhtml" not in names


def test_digest_of_a_book_without_recommendations_says_so() -> None:
    page = digest_page([], "ru", 2026)
    assert "Ни в одном докладе этого издания пока нет рекомендаций." in page
    assert "list-table" not in page  # a table with only a header row is a docutils error
