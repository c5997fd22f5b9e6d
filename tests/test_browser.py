"""The HTML editions in a real browser: Debian's headless Chromium, driven by Playwright, over a local server.

Pages load without an error and without a request leaving 127.0.0.1, downloads answer with the right
type, the Arabic chapter reads right to left, search finds a chapter, and a 375 px phone never
scrolls sideways.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from browser.pages import visit
from browser.served import BOOKS, LANDING, Site
from browser.server import CONTENT_TYPES, StaticServer, media_type

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytest_plugins = ["browser.fixtures"]

PHONE = 375
NARROW_PAGES = {
    "sme-handbook/en/html/index.html": "the SME handbook's start page",
    "gender-dialogue/en/html/index.html": "the gender-dialogue papers' start page",
    "sme-handbook/en/html/chapters/sme/kz.html": "Latin",
    "sme-handbook/en/html/chapters/sme/qa.html": "Arabic, right to left",
    "sme-handbook/en/html/chapters/sme/ru.html": "Cyrillic",
    "sme-handbook/en/html/chapters/sme/cn.html": "Han",
    "sme-handbook/en/html/chapters/sme/th.html": "Thai",
    "sme-handbook/en/html/back/annex.html": "the comparative annex",
    "gender-dialogue/en/html/back/digest.html": "the recommendations digest",
}
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth, out = [];
  const clipped = node => {
    for (let e = node.parentElement; e && e !== document.documentElement; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.overflowX !== 'visible' || style.position === 'fixed') return true;
    }
    return false;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.right > width + 0.5 && box.width > 0 && !clipped(node)) {
      const parent = node.parentElement;
      out.push(`  <${parent.tagName.toLowerCase()} class="${parent.className}"> to ${Math.round(box.right)} px: `
               + node.textContent.trim().slice(0, 80));
    }
  }
  return out.slice(0, 20);
}"""
"""The text that sticks out of the viewport and is not inside a scrolling box, to say what to fix."""
SIGNATURES = {".epub": ((0, b"PK\x03\x04"), (30, b"mimetypeapplication/epub+zip")), ".pdf": ((0, b"%PDF-"),)}
"""Bytes at known offsets of a download: an EPUB is a ZIP whose first entry is its ``mimetype``."""


def problems_loading(browser: Browser, server: StaticServer, page: str) -> list[str]:
    with visit(browser, server.url(page), server.origin, wait="networkidle") as seen:
        outside = [f"request leaving {server.origin}: {url}" for url in seen.outside()]
        return [f"{page}: {problem}" for problem in [*seen.errors, *outside]]


@pytest.mark.parametrize("book", BOOKS)
def test_every_page_loads_without_errors_or_outside_requests(
    browser: Browser, server: StaticServer, served_site: Site, book: str
) -> None:
    problems = [problem for page in served_site.pages(book) for problem in problems_loading(browser, server, page)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", LANDING)
def test_landing_page_loads_without_errors_or_outside_requests(
    browser: Browser, server: StaticServer, served_site: Site, page: str
) -> None:
    problems = problems_loading(browser, server, served_site.landing_page(page))
    assert not problems, "\n".join(problems)


def download_links(browser: Browser, server: StaticServer, page: str) -> list[str]:
    """The absolute URLs of a page's downloads: links marked ``download`` and links to an EPUB or a PDF."""
    with visit(browser, server.url(page), server.origin) as seen:
        hrefs = seen.page.eval_on_selector_all(
            "a[download], a[href$='.epub'], a[href$='.pdf']", "links => [...new Set(links.map(a => a.href))]"
        )
    return [str(href) for href in hrefs]


def is_a(suffix: str, body: bytes) -> bool:
    return all(body[at : at + len(expected)] == expected for at, expected in SIGNATURES.get(suffix, ()))


def download_problems(browser: Browser, server: StaticServer, urls: list[str]) -> list[str]:
    """What is wrong with each download: its status, its content type, or its first bytes."""
    problems = []
    with visit(browser, server.url(), server.origin) as seen:
        for url in urls:
            response = seen.page.request.get(url)
            suffix = "." + url.split("?", 1)[0].rsplit(".", 1)[-1].lower()
            expected = media_type(CONTENT_TYPES.get(suffix, "?"))
            served = media_type(response.headers.get("content-type", ""))
            if response.status != 200:
                problems.append(f"{url}: HTTP {response.status}")
            elif served != expected:
                problems.append(f"{url}: served as {served}, expected {expected}")
            elif not is_a(suffix, response.body()):
                problems.append(f"{url}: is no {suffix} file: {response.body()[:60]!r}")
    return problems


@pytest.mark.parametrize("book", BOOKS)
def test_sidebar_downloads_answer_with_their_type(browser: Browser, server: StaticServer, book: str) -> None:
    urls = download_links(browser, server, f"{book}/en/html/index.html")
    assert {server.url(f"{book}/en/{book}.en.epub"), server.url(f"{book}/en/{book}.en.pdf")} <= set(urls), urls
    problems = download_problems(browser, server, urls)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", LANDING)
def test_landing_page_downloads_answer_with_their_type(
    browser: Browser, server: StaticServer, served_site: Site, page: str
) -> None:
    urls = download_links(browser, server, served_site.landing_page(page))
    assert {server.url(f"{book}/en/{book}.en.epub") for book in BOOKS} <= set(urls), urls
    problems = download_problems(browser, server, urls)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "page", ["sme-handbook/en/html/chapters/sme/qa.html", "gender-dialogue/en/html/chapters/gender/eg.html"]
)
def test_arabic_chapter_is_laid_out_right_to_left(browser: Browser, server: StaticServer, page: str) -> None:
    with visit(browser, server.url(page), server.origin) as seen:
        content = seen.page.locator(".chapter-language")
        assert content.count() == 1
        assert content.evaluate("element => getComputedStyle(element).direction") == "rtl"
        assert content.evaluate("element => getComputedStyle(element).textAlign") in ("start", "right")


@pytest.mark.parametrize(
    ("book", "chapter"),
    [("sme-handbook", "chapters/sme/kz.html"), ("gender-dialogue", "chapters/gender/kz.html")],
)
def test_search_finds_the_kazakhstan_chapter(browser: Browser, server: StaticServer, book: str, chapter: str) -> None:
    with visit(browser, server.url(f"{book}/en/html/search.html?q=Damu"), server.origin) as seen:
        found = seen.page.locator(f"#search-results ul.search li a[href^='{chapter}']")
        found.first.wait_for(timeout=15_000)
        assert "Kazakhstan" in found.first.inner_text()


@pytest.mark.parametrize("page", [*NARROW_PAGES, *LANDING])
def test_no_page_scrolls_sideways_on_a_phone(
    browser: Browser, server: StaticServer, served_site: Site, page: str
) -> None:
    if page in LANDING:
        served_site.landing_page(page)
    with visit(browser, server.url(page), server.origin, width=PHONE) as seen:
        scroll, client = seen.page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        sticking_out = [] if scroll <= client else seen.page.evaluate(STICKING_OUT)
    assert scroll <= client, "\n".join([f"{page} is {scroll} px wide on a {client} px screen:", *sticking_out])
