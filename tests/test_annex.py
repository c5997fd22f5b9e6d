"""The comparative annex: the page against its fixture, the charts' SVG, missing values, escaping, and a build.

``fixtures/annex/input.json`` holds the chapters' indicators; ``expected.md`` and ``expected.ru.md`` are the
exact pages. Run ``pytest --regen`` to rewrite them after a deliberate change, and review the diff.
"""

from __future__ import annotations

import io
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from markdown_it.token import Token
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from conftest import FIXTURES
from handbook.assemble.annex import CountryIndicators, annex_page
from handbook.core import registry
from handbook.sources.myst import MYST_EXTENSIONS, markdown_parser

ANNEX_FIXTURES = FIXTURES / "annex"
SVG_NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
LABEL = re.compile(r"^annex(-[a-z0-9]+)*$")
FIGURE_NAME = re.compile(r"^annex-fig(-[a-z0-9]+)+$")


def _countries(language: str = "en") -> list[CountryIndicators]:
    data = json.loads((ANNEX_FIXTURES / "input.json").read_text(encoding="utf-8"))
    countries = [CountryIndicators(x["country"], x["name"], x["chapter_label"], tuple(x["indicators"])) for x in data]
    if language == "ru":
        countries = [replace(c, name=registry.states()[c.country].name_ru) for c in countries]
    return countries


def _one(indicators: list[dict[str, Any]], country: str = "KZ", name: str = "Kazakhstan") -> CountryIndicators:
    return CountryIndicators(country, name, f"{country.lower()}-key-messages", tuple(indicators))


def _gdp(value: Any, year: Any = 2023, **extra: Any) -> dict[str, Any]:
    return {"id": "sme_share_gdp", "value": value, "unit": "%", "year": year, "source": "Statistics office", **extra}


def _fences(page: str) -> list[Token]:
    return [t for t in markdown_parser().parse(page) if t.type == "colon_fence"]


def _table_cells(fence: Token) -> list[list[Token]]:
    """The inline tokens of each row of a list-table, parsed the way MyST parses the directive's body."""
    body = fence.content.split("\n\n", 1)[1]
    rows: list[list[Token]] = []
    depth = 0
    for token in markdown_parser().parse(body):
        if token.type == "bullet_list_open":
            depth += 1
        elif token.type == "bullet_list_close":
            depth -= 1
        elif token.type == "list_item_open" and depth == 1:
            rows.append([])
        elif token.type == "inline":
            rows[-1].append(token)
    return rows


def _svg_texts(svg: bytes) -> list[str]:
    """The strings drawn in a chart: matplotlib writes each text as a comment before its glyph paths."""
    return [t for t in re.findall(r"<!-- (.*?) -->", svg.decode("utf-8")) if not t.startswith("drawn from ")]


def test_charts_are_drawn_again_only_when_their_data_change(tmp_path: Path) -> None:
    countries = _countries("en")
    annex_page(countries, tmp_path, "_static/annex", "en")
    chart = tmp_path / "annex-sme_share_gdp.svg"
    os.utime(chart, (1, 1))
    annex_page(countries, tmp_path, "_static/annex", "en")
    assert chart.stat().st_mtime == 1
    annex_page(countries, tmp_path, "_static/annex", "ru")  # other labels, another chart
    assert chart.stat().st_mtime != 1


@pytest.mark.parametrize("language", ["en", "ru"])
def test_page_matches_fixture(language: str, tmp_path: Path, regen: bool) -> None:
    page = annex_page(_countries(language), tmp_path, "_static/annex", language)
    expected_file = ANNEX_FIXTURES / ("expected.md" if language == "en" else f"expected.{language}.md")
    if regen:
        expected_file.write_text(page, encoding="utf-8")
    assert page == expected_file.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "annex-msme_per_1000_people.svg",
        "annex-sme_interest_spread.svg",
        "annex-sme_max_employees.svg",
        "annex-sme_share_gdp.svg",
    ]


def test_other_languages_fall_back_to_english(tmp_path: Path) -> None:
    page = annex_page(_countries(), tmp_path, "figures", "fr")
    assert page == annex_page(_countries(), tmp_path, "figures", "en")
    assert page.startswith("(annex)=\n# Comparative annex\n")


def test_nothing_reported_gives_an_introduction_only(tmp_path: Path) -> None:
    page = annex_page([_one([]), _one([_gdp("n/a")], "RU", "Russia")], tmp_path, "figures")
    assert page.endswith("No chapter reports an indicator yet.\n")
    assert "## " not in page
    assert list(tmp_path.iterdir()) == []


def test_charts_are_well_formed_self_contained_and_reproducible(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert annex_page(_countries(), first, "figures") == annex_page(_countries(), second, "figures")
    charts = sorted(first.glob("*.svg"))
    assert len(charts) == 4
    for chart in charts:
        svg = chart.read_bytes()
        assert svg == (second / chart.name).read_bytes(), f"{chart.name} differs between two runs"
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
        assert not tags & {"script", "foreignObject", "image", "metadata", "a", "text"}, chart.name
        assert set(re.findall(rb"https?://[^\s\"'<>]+", svg)) <= {ns.encode() for ns in SVG_NAMESPACES}
        assert b"<!DOCTYPE" not in svg
        references = re.findall(rb'(?:href="|url\()([^")]*)', svg)
        assert references and all(ref.startswith(b"#") for ref in references), chart.name


def test_unchanged_charts_are_not_rewritten(tmp_path: Path) -> None:
    annex_page(_countries(), tmp_path, "figures")
    for chart in tmp_path.iterdir():
        os.utime(chart, ns=(1_000_000_000, 1_000_000_000))
    annex_page(_countries(), tmp_path, "figures")
    assert {p.stat().st_mtime_ns for p in tmp_path.iterdir()} == {1_000_000_000}


def test_missing_values_are_never_zero(tmp_path: Path) -> None:
    countries = [
        _one([_gdp(36.5)]),
        _one([_gdp(None)], "RU", "Russia"),
        _one([_gdp("about 35"), _gdp(True, 2022), _gdp(float("nan"), 2021)], "TH", "Thailand"),
        _one([_gdp(20, None), _gdp(20, "2023"), {**_gdp(20), "unit": "count"}], "CN", "China"),
        _one([], "QA", "Qatar"),
        _one([_gdp(0)], "MN", "Mongolia"),
    ]
    page = annex_page(countries, tmp_path, "figures")
    fence, table = _fences(page)
    rows = [[cell.content for cell in row] for row in _table_cells(table)][1:]
    assert rows == [
        ["{ref}`Kazakhstan <kz-key-messages>`", "36.5%", "2023", "Statistics office"],
        ["{ref}`Russia <ru-key-messages>`", "no data", "—", "—"],
        ["{ref}`Thailand <th-key-messages>`", "no data", "—", "—"],
        ["{ref}`China <cn-key-messages>`", "no data", "—", "—"],
        ["{ref}`Qatar <qa-key-messages>`", "no data", "—", "—"],
        ["{ref}`Mongolia <mn-key-messages>`", "0%", "2023", "Statistics office"],
    ]
    assert "No data: Russia, Thailand, China, Qatar." in fence.content
    assert "Kazakhstan 36.5% (2023), Mongolia 0% (2023); no data for Russia, Thailand, China, Qatar." in fence.content
    drawn = _svg_texts((tmp_path / "annex-sme_share_gdp.svg").read_bytes())
    assert drawn == ["Kazakhstan", "Mongolia", "36.5%", "0%"]


def test_latest_year_is_charted_and_every_year_is_listed(tmp_path: Path) -> None:
    figures = [_gdp(30, 2021), _gdp(36.5, 2023, illustrative=True), _gdp(34.9, 2022), _gdp(99, 2022)]
    page = annex_page([_one(figures), _one([_gdp(21, 2022)], "RU", "Russia")], tmp_path, "figures")
    rows = [[cell.content for cell in row][1:3] for row in _table_cells(_fences(page)[1])][1:]
    assert rows == [["36.5% †", "2023"], ["34.9%", "2022"], ["30%", "2021"], ["21%", "2022"]]
    drawn = _svg_texts((tmp_path / "annex-sme_share_gdp.svg").read_bytes())
    assert drawn == ["Kazakhstan", "Russia", "36.5% † (2023)", "21% (2022)"]


@pytest.mark.parametrize(
    ("indicator", "value", "language", "expected"),
    [
        ("sme_share_gdp", 36.5, "en", "36.5%"),
        ("sme_share_gdp", 21.0, "en", "21%"),
        ("sme_share_gdp", 36.5, "ru", "36,5\u00a0%"),
        ("sme_max_employees", 12345, "en", "12,345"),
        ("sme_max_employees", 12345, "ru", "12\u00a0345"),
        ("msme_per_1000_people", 43.25, "en", "43.25"),
        ("sme_interest_spread", 1.8, "en", "1.8 pp"),
        ("sme_interest_spread", -0.5, "en", "\u22120.5 pp"),
        ("sme_interest_spread", 1.8, "ru", "1,8\u00a0п.\u00a0п."),
        ("guarantees_pct_gdp", 0.00001, "en", "0.00001%"),
    ],
)
def test_values_are_formatted_by_unit(
    indicator: str, value: float, language: str, expected: str, tmp_path: Path
) -> None:
    unit = registry.indicators()[indicator].unit
    item = {"id": indicator, "value": value, "unit": unit, "year": 2023, "source": "S"}
    page = annex_page([_one([item])], tmp_path, "figures", language)
    assert [cell.content for cell in _table_cells(_fences(page)[1])[1]][1] == expected
    assert expected in _svg_texts((tmp_path / f"annex-{indicator}.svg").read_bytes())


HOSTILE = [
    "# Ministry of *Finance* and _Statistics_",
    "Report [table 3](http://example.org) | `code` {ref}`kz-context` $x^2$ and $$y$$",
    "- a list?",
    "1. an ordered list?",
    "> a quote",
    "% a comment",
    "(a-target)=",
    ":::{note}",
    "```python",
    "<script>alert(1)</script> &amp; &copy;",
    "back\\slash\\*, ~~tilde~~, ![image](x.png), line one\nline two\r\n\r\n  line three",
    "A very long source, " * 40,
]


def test_chapter_text_stays_literal(tmp_path: Path) -> None:
    countries = [
        _one([_gdp(50 - i, source=source)], f"Z{chr(65 + i)}", f"Name {i} *{source[:8]}* $1 and $2")
        for i, source in enumerate(HOSTILE)
    ]
    page = annex_page(countries, tmp_path, "figures")
    tokens = markdown_parser().parse(page)
    assert [t.type for t in tokens if t.type in {"html_block", "html_inline", "fence", "blockquote_open"}] == []
    figure, table = _fences(page)
    for row, source in zip(_table_cells(table)[1:], HOSTILE, strict=True):
        cell = row[3]
        assert {child.type for child in cell.children or []} == {"text"}, source
        assert "".join(child.content for child in cell.children or []) == " ".join(source.split())
    caption = markdown_parser().parse(figure.content.split("\n\n", 1)[1])
    assert [t.type for t in caption] == ["paragraph_open", "inline", "paragraph_close"]
    assert {child.type for child in caption[1].children or []} == {"text"}


def test_markdown_parses_and_labels_follow_the_pattern(tmp_path: Path) -> None:
    page = annex_page(_countries(), tmp_path, "figures")
    tokens = markdown_parser().parse(page)
    targets = [t.content for t in tokens if t.type == "myst_target"]
    assert targets == [
        "annex",
        "annex-sme-share-gdp",
        "annex-msme-per-1000-people",
        "annex-sme-interest-spread",
        "annex-sme-max-employees",
    ]
    assert all(LABEL.match(label) for label in targets)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "Comparative annex"
    assert headings[1:] == [registry.indicators()[label[6:].replace("-", "_")].label_en for label in targets[1:]]
    fences = _fences(page)
    assert [f.info.split()[0] for f in fences] == ["{figure}", "{list-table}"] * 4
    names = [re.search(r"^:name: (.*)$", f.content, re.MULTILINE) for f in fences[::2]]
    assert [n[1] if n else None for n in names] == [f"annex-fig-{label[6:]}" for label in targets[1:]]
    assert all(n and FIGURE_NAME.match(n[1]) for n in names)
    for fence in fences[::2]:
        path = fence.info.split()[1]
        assert path.startswith("figures/annex-") and (tmp_path / path.removeprefix("figures/")).is_file()


@pytest.mark.parametrize("builder", ["html", "epub"])
def test_sphinx_builds_the_annex_without_warnings(builder: str, tmp_path: Path) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    source.mkdir()
    countries = _countries()
    (source / "annex.md").write_text(annex_page(countries, source / "_static" / "annex", "_static/annex"), "utf-8")
    for country in countries:
        page = f"# {country.name}\n\n({country.chapter_label})=\n## Key messages\n\nText.\n"
        (source / f"{country.country.lower()}.md").write_text(page, encoding="utf-8")
    chapters = "\n".join(c.country.lower() for c in countries)
    index = f"# Handbook\n\n```{{toctree}}\n{chapters}\nannex\n```\n"
    (source / "index.md").write_text(index, encoding="utf-8")
    (source / "conf.py").write_text(
        f"extensions = ['myst_parser']\nmyst_enable_extensions = {list(MYST_EXTENSIONS)!r}\n"
        "project = 'Annex test'\ncopyright = '2025, CICA'\nversion = release = '1'\n",
        encoding="utf-8",
    )
    warnings = io.StringIO()
    with docutils_namespace():
        app = Sphinx(source, source, out, tmp_path / "doctrees", builder, status=None, warning=warnings, freshenv=True)
        app.build()
    assert warnings.getvalue() == ""
    assert app.statuscode == 0
    if builder == "html":
        html = (out / "annex.html").read_text(encoding="utf-8")
        assert '<a class="reference internal" href="kz.html#kz-key-messages">' in html
        assert "Rosstat: *estimate* of the SME_share in GDP [table 3] | see `note` {ref} $1 #2" in html
        assert '<img alt="Bar chart of SME share of GDP: Kazakhstan 36.5% (2023, illustrative), Russia' in html
    built = {p.name for p in out.rglob("annex-*.svg")}
    assert built == {p.name for p in (source / "_static" / "annex").iterdir()}
