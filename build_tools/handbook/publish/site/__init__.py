"""The download site: every built publication under one folder, ready to copy to any static host.

``build_site`` lays out each language edition as ``_build/`` has it: ``<id>/<lang>/html/``,
``<id>/<lang>/<id>.<lang>.epub`` and ``.pdf``, ``<id>/<lang>/offprints/``, the recommendations,
covers and thumbnails, and writes the landing pages (``index.html``, ``ru/index.html``), the OPDS
feed (``opds.xml``) and ``SHA256SUMS``. The site is built aside and replaces the previous one only
when complete and when every link of every page leads somewhere in it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from ...builders import links
from ...core.files import swap_folder
from . import landing, opds
from .catalogue import Catalogue, Entry, SiteError, collect, sha256sums
from .labels import LANGUAGES

__all__ = ["SiteError", "build_site", "default_target"]

_MISSING = {"html": "the HTML edition", "epub": "the EPUB", "pdf": "the PDF", "offprints": "the offprints"}
MARKER = "SHA256SUMS"
"""Every site has it; a folder without it is not replaced."""


def default_target(root: Path) -> Path:
    return root / "_build" / "site"


def build_site(root: Path, target: Path | None = None, *, report: Callable[[str], None] | None = None) -> Path:
    """Make the site from ``root``'s ``_build/`` into ``target`` (default ``_build/site/``) and return it.

    ``report`` is told of each output that was not built. Raises :class:`SiteError` when nothing was
    built, or when ``target`` is a folder that is not a site.
    """
    target = target or default_target(root)
    catalogue = collect(root)
    if not any(entry.built for entry in catalogue.entries):
        raise SiteError("nothing has been built in _build/: run `make all` first")
    _check_target(target, root, catalogue)
    staging = target.with_name(f".{target.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for entry in catalogue.entries:
        _copy_entry(entry, staging)
    for language in LANGUAGES:
        _write(staging / landing.PAGES[language], landing.page(catalogue, language).encode())
    _write(staging / opds.FEED, opds.feed(catalogue))
    _write(staging / MARKER, sha256sums(catalogue).encode())
    unbuilt = _check_links(staging)
    swap_folder(staging, target)
    if report is not None:
        for entry in catalogue.entries:
            for key in entry.missing:
                shown = f"{entry.spec.id} ({entry.spec.language})"
                report(f"{shown}: {_MISSING[key]} not built yet (`make all` builds everything)")
        for href in unbuilt:
            report(f"{href}: linked from the HTML but not built yet, so the link leads nowhere for now")
    return target


_OUTPUT = re.compile(r"^[^/]+/[^/]+/(?:offprints/)?[^/]+\.(?:epub|pdf)$|^[^/]+/[^/]+/html/index\.html$")
"""Where an edition's EPUB, PDF or HTML (another edition's, for the languages box) sits in the site."""


def _check_links(site: Path) -> list[str]:
    """Every link of every page resolves inside the site, or SiteError; the outputs linked but not built are
    returned (an edition's downloads box names its EPUB and PDF before they are built)."""
    found = links.check_folder(site)
    broken = [b for b in found.broken if not _OUTPUT.match(b.target)]
    broken += [links.Broken(link, target, "it leads out of the site") for link, target in found.outside]
    if broken:
        listed = "\n  ".join(str(b) for b in broken[:20])
        more = f"\n  ... and {len(broken) - 20} more" if len(broken) > 20 else ""
        raise SiteError(f"{len(broken)} link(s) of the site lead nowhere; it was not replaced:\n  {listed}{more}")
    return sorted({b.target for b in found.broken if _OUTPUT.match(b.target)})


def _copy_entry(entry: Entry, site: Path) -> None:
    editions = [entry.html, *(o.html for o in entry.offprints)]
    for edition in (e for e in editions if e is not None):
        shutil.copytree(edition.source, site / edition.href, ignore=shutil.ignore_patterns(".*"))
    for file in (*entry.downloads, *([entry.cover] if entry.cover else [])):
        (site / file.href).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file.source, site / file.href)
    if entry.thumbnail is not None:
        _write(site / entry.thumbnail.href, entry.thumbnail.data)


def _check_target(target: Path, root: Path, catalogue: Catalogue) -> None:
    builds = {(root / "_build" / e.spec.id).resolve() for e in catalogue.entries}
    if target.resolve() in builds or target.resolve() == (root / "_build").resolve():
        raise SiteError(f"{target} holds a publication's build; choose another folder for the site")
    if target.exists() and not (target / MARKER).is_file() and any(target.iterdir()):
        raise SiteError(f"{target} is not empty and is not a site made by `handbook site`; choose another folder")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
