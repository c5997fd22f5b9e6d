"""What the browser tests serve: the books laid out as the download site lays them out."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

BOOKS = ("sme-handbook", "gender-dialogue")
EDITION = "en"
"""The language edition the browser tests serve (the session's builds are of the first edition)."""
LANDING = ("index.html", "ru/index.html")
"""The site's landing pages, in English and in Russian."""


@dataclass(frozen=True)
class Site:
    """The folder the browser sees: ``<id>/en/html/``, ``<id>/en/<id>.en.epub`` and ``.pdf``, and landing pages."""

    folder: Path
    landing: tuple[str, ...]
    """The landing pages, relative to ``folder``; none until the site itself is built."""

    def landing_page(self, page: str) -> str:
        """``page`` if the site has it; else the test is skipped, saying that the site is not served."""
        if page not in self.landing:
            pytest.skip("no landing page: the `served_site` fixture serves the HTML editions, not the download site")
        return page

    def pages(self, book: str) -> list[str]:
        """Every page of a book's HTML edition, relative to ``folder``, the theme's own files left out."""
        html = self.folder / book / EDITION / "html"
        return sorted(
            f"{book}/{EDITION}/html/{page.relative_to(html).as_posix()}"
            for page in html.rglob("*.html")
            if not page.relative_to(html).parts[0].startswith("_")
        )


def editions(built: Path, pdfs: Path, folder: Path) -> Path:
    """Both books laid out in ``folder`` as the site lays them out, linked to the builds, not copied.

    The HTML edition links its downloads as ``../<id>.en.epub`` and ``../<id>.en.pdf``, so the EPUB
    and the PDF sit beside ``html/``, as they do in ``_build/<id>/en/`` and in the site.
    """
    for book in BOOKS:
        edition, stem = folder / book / EDITION, f"{book}.{EDITION}"
        edition.mkdir(parents=True)
        (edition / "html").symlink_to(built / "_build" / book / EDITION / "html", target_is_directory=True)
        (edition / f"{stem}.epub").symlink_to(built / "_build" / book / EDITION / f"{stem}.epub")
        (edition / f"{stem}.pdf").symlink_to(pdfs / "_build" / book / EDITION / f"{stem}.pdf")
    return folder


def download_site(built: Path, pdfs: Path, folder: Path) -> Site:
    """The download site (``handbook.site.build_site``) of the session's builds, landing pages and all."""
    from handbook.publish.site import build_site

    root = folder / "repository"
    for name in ("book", "chapters", "contrib"):
        shutil.copytree(built / name, root / name)
    shutil.copytree(built / "_build", root / "_build", ignore=shutil.ignore_patterns(".*", "source"))
    for book in BOOKS:
        pdf = Path("_build", book, EDITION, f"{book}.{EDITION}.pdf")
        shutil.copyfile(pdfs / pdf, root / pdf)
    return Site(build_site(root, folder / "site"), landing=LANDING)
