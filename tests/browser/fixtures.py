"""Session fixtures of the browser tests: the folder served, its server, Chromium, axe-core and Ace.

The test modules load them with ``pytest_plugins = ["browser.fixtures"]``, so that one server and
one browser serve the whole session.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from . import ace, axe, chromium, served
from .server import StaticServer

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def served_site(built: Path, pdfs: Path, tmp_path_factory: pytest.TempPathFactory) -> served.Site:
    """The HTML editions with their EPUB and PDF beside them, as the download site holds them.

    To serve the download site itself, landing pages and all (``handbook.site.build_site``), the
    last line becomes ``return served.download_site(built, pdfs, folder)``.
    """
    folder = tmp_path_factory.mktemp("site")
    return served.download_site(built, pdfs, folder)


@pytest.fixture(scope="session")
def server(served_site: served.Site) -> Iterator[StaticServer]:
    with StaticServer(served_site.folder) as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session; each test opens its own context."""
    reason = chromium.missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        running = chromium.launch(playwright)
        yield running
        running.close()


@pytest.fixture(scope="session")
def axe_ready() -> None:
    reason = chromium.missing() or axe.missing()
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="session")
def ace_chromium(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Chromium that Ace's puppeteer starts: Debian's, with this machine's flags."""
    reason = chromium.missing() or ace.missing()
    if reason:
        pytest.skip(reason)
    return chromium.launcher_script(tmp_path_factory.mktemp("chromium"))
