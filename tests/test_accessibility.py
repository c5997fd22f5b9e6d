"""Accessibility of what readers get: axe-core on every HTML page, Ace by DAISY on every EPUB.

A serious or critical axe violation fails, as does any failed Ace assertion; the messages say which
rule, where, and where to read how to fix it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from browser import ace, axe
from browser.pages import visit
from browser.served import BOOKS, LANDING, Site
from browser.server import StaticServer

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytest_plugins = ["browser.fixtures"]

EPUBS = (
    "sme-handbook/en/sme-handbook.en.epub",
    "gender-dialogue/en/gender-dialogue.en.epub",
    "gender-dialogue/en/offprints/gender-dialogue-kg.en.epub",
)
"""Every EPUB the ``built`` fixture makes, relative to its ``_build/``."""


def blocking_violations(browser: Browser, server: StaticServer, page: str) -> list[str]:
    with visit(browser, server.url(page), server.origin) as seen:
        return [violation.describe(page) for violation in axe.blocking(axe.run(seen.page))]


@pytest.mark.parametrize("book", BOOKS)
def test_axe_finds_nothing_serious_on_any_page(
    browser: Browser, axe_ready: None, server: StaticServer, served_site: Site, book: str
) -> None:
    pages = served_site.pages(book)
    assert any("/chapters/" in page for page in pages)
    found = [line for page in pages for line in blocking_violations(browser, server, page)]
    assert not found, "serious or critical axe violations:\n" + "\n".join(found)


@pytest.mark.parametrize("page", LANDING)
def test_axe_finds_nothing_serious_on_the_landing_page(
    browser: Browser, axe_ready: None, server: StaticServer, served_site: Site, page: str
) -> None:
    found = blocking_violations(browser, server, served_site.landing_page(page))
    assert not found, "serious or critical axe violations:\n" + "\n".join(found)


def test_every_epub_is_checked_by_ace(built: Path) -> None:
    folder = built / "_build"
    made = {p.relative_to(folder).as_posix() for p in folder.rglob("*.epub") if ".staging" not in p.parts}
    assert made == set(EPUBS)


@pytest.mark.parametrize("epub", EPUBS)
def test_ace_passes_every_epub(ace_chromium: Path, built: Path, tmp_path: Path, epub: str) -> None:
    report = ace.check(built / "_build" / epub, tmp_path / "ace", ace_chromium)
    assert report.passed, f"Ace: {report.outcome}\n" + "\n".join(f.describe(epub) for f in report.findings)


@pytest.mark.parametrize("epub", ["gender-dialogue/ru/gender-dialogue.ru.epub", "sme-handbook/ru/sme-handbook.ru.epub"])
def test_ace_passes_the_russian_editions(ace_chromium: Path, russian: Path, tmp_path: Path, epub: str) -> None:
    report = ace.check(russian / "_build" / epub, tmp_path / "ace", ace_chromium)
    assert report.passed, f"Ace: {report.outcome}\n" + "\n".join(f.describe(epub) for f in report.findings)
