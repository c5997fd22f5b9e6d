"""The link gate: every internal link and anchor of every built HTML page, EPUB and site page resolves.

The checker is shown a hand-made tree with every kind of link (fixture in, expected report out); the
real books, offprints and site are then checked as built, and a broken link must stop a build or a
site before anything is published.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES
from handbook.builders import links
from handbook.builders.gates import check_output
from handbook.core.model import BuildError
from handbook.publish.site import SiteError, build_site

TREE = FIXTURES / "links" / "tree"
GENDER = Path("_build") / "gender-dialogue" / "en"


def report(found: links.LinkCheck) -> str:
    lines = [str(b) for b in found.broken]
    lines += [f"outside: {link.page}:{link.line}: {target}" for link, target in found.outside]
    lines += [f"external: {href}" for href in sorted(found.external)]
    return "\n".join(lines) + "\n"


def test_the_checker_finds_every_broken_link_and_anchor(regen: bool) -> None:
    output = report(links.check_folder(TREE))
    expected = FIXTURES / "links" / "tree.expected"
    if regen:
        expected.write_text(output, encoding="utf-8")
    assert output == expected.read_text(encoding="utf-8")


def test_pages_written_after_the_check_count_as_there() -> None:
    found = links.check_folder(TREE, expected=("search.html",))
    assert "search.html" not in {b.target for b in found.broken}


def test_an_epub_is_checked_inside_its_zip(tmp_path: Path) -> None:
    epub = tmp_path / "book.epub"
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"'
        ' xmlns:xlink="http://www.w3.org/1999/xlink"><head><title>x</title></head>\n'
        '<body><p id="a"><a href="b.xhtml#b">b</a></p>\n<p><a href="b.xhtml#c">c</a></p>\n'
        '<svg xmlns="http://www.w3.org/2000/svg"><image xlink:href="cover.png"/></svg></body></html>\n'
    )
    with zipfile.ZipFile(epub, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("EPUB/a.xhtml", page)
        archive.writestr("EPUB/b.xhtml", page.replace('id="a"', 'id="b"'))
    found = links.check_epub(epub)
    assert [(b.link.page, b.link.line, b.target) for b in found.broken] == [
        ("EPUB/a.xhtml", 4, "EPUB/b.xhtml"),
        ("EPUB/a.xhtml", 5, "EPUB/cover.png"),
        ("EPUB/b.xhtml", 4, "EPUB/b.xhtml"),
        ("EPUB/b.xhtml", 5, "EPUB/cover.png"),
    ]


def test_every_built_page_and_epub_resolves(built: Path) -> None:
    """The books and the offprint as built: no broken link, and every EPUB's links stay inside it."""
    folders = [built / "_build" / p / "en" / "html" for p in ("sme-handbook", "gender-dialogue")]
    folders.append(built / GENDER / "offprints" / "gender-dialogue-kg.en-html")
    for folder in folders:
        found = links.check_folder(folder)
        assert found.pages > 3 and found.broken == [], (folder, [str(b) for b in found.broken])
    epubs = sorted((built / "_build").rglob("*.epub"))
    assert len(epubs) == 3
    for epub in epubs:
        found = links.check_epub(epub)
        assert found.pages > 1 and found.broken == found.outside == [], (epub, found.broken)


def test_an_offprint_links_no_status_board(built: Path) -> None:
    """An offprint has no status board, so its downloads box must not offer one (it did: a broken link)."""
    offprint = built / GENDER / "offprints" / "gender-dialogue-kg.en-html"
    assert not (offprint / "status.html").exists()
    assert not any("status.html" in page.read_text(encoding="utf-8") for page in offprint.rglob("*.html"))
    assert "status.html" in (built / GENDER / "html" / "index.html").read_text(encoding="utf-8")


def test_no_theme_template_source_is_published(built: Path) -> None:
    static = built / GENDER / "html" / "_static"
    assert static.is_dir() and not list(static.glob("*macros.html"))
    assert not any("{{ pathto(" in p.read_text(encoding="utf-8") for p in static.parent.rglob("*.html"))


def test_a_broken_link_stops_the_html_before_it_is_published(built: Path, tmp_path: Path) -> None:
    staged = tmp_path / "html"
    shutil.copytree(built / GENDER / "html", staged)
    page = staged / "chapters" / "gender" / "eg.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</main>", '<a href="kz.html#no-such-section">x</a></main>', 1), encoding="utf-8")
    with pytest.raises(BuildError) as stopped:
        check_output("html", staged, "gender-dialogue.en", lambda *a: None)
    (finding,) = stopped.value.findings
    assert finding.path == "gender-dialogue.en/chapters/gender/eg.html" and finding.rule == links.RULE
    assert "kz.html#no-such-section" in finding.message and "no anchor 'no-such-section'" in finding.message
    assert finding.line == next(i for i, line in enumerate(page.read_text().splitlines(), 1) if "no-such" in line)


def test_a_broken_link_keeps_the_old_site(built: Path, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    for folder in ("book", "chapters", "contrib"):
        shutil.copytree(built / folder, root / folder)
    shutil.copytree(built / GENDER, root / GENDER, ignore=shutil.ignore_patterns("source", ".doctrees", ".staging"))
    site = build_site(root)
    index = (site / "index.html").read_bytes()
    page = root / GENDER / "html" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", '<a href="gone.html">x</a></main>', 1))
    with pytest.raises(SiteError, match=r"gender-dialogue/en/html/index.html:\d+: 'gone.html' leads nowhere"):
        build_site(root)
    assert (site / "index.html").read_bytes() == index
