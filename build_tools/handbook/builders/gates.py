"""Quality gates an output passes before it is published: every internal link of the HTML and inside the
EPUB resolves, and EPUBCheck reports nothing at all.

The PDF's gate is in its builder: Typst compiles only a document that conforms to PDF/UA-1.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from ..core.model import BuildError, Progress
from . import epubcheck_, links

GATED = ("epub", "html")
"""The formats with a gate of their own here (the PDF's is in its builder)."""


def start_epubcheck(lasting: bool = False) -> None:
    """Start EPUBCheck's JVM now and warm it up, in the background, if it can run (a missing Java is said by
    the gate); ``lasting`` when it will check many builds (it then compiles for speed over start-up)."""
    with contextlib.suppress(epubcheck_.EpubCheckUnavailable):
        server = epubcheck_.server()
        server.lasting = server.lasting or lasting
        server.warm_up()


def check_output(
    fmt: str, staging: Path, name: str, report: Progress, *, epubcheck: bool = True, expected: tuple[str, ...] = ()
) -> None:
    """Raise BuildError when the format's gate finds anything in its staged output.

    ``epubcheck`` False skips EPUBCheck (quick previews), never the link gate; ``expected`` names HTML
    pages written after the gate (the status board), which links may point at.
    """
    if fmt == "html":
        report("html: links", 0, 1)
        _links_resolve(links.check_folder(staging, expected), name, "HTML")
    if fmt != "epub":
        return
    epub = staging / f"{name}.epub"
    report("epub: links", 0, 1)
    found = links.check_epub(epub)
    found.broken += [links.Broken(link, target, "it leads out of the EPUB") for link, target in found.outside]
    _links_resolve(found, f"{name}.epub", "EPUB")
    if not epubcheck:
        return
    report("epub: EPUBCheck", 0, 1)
    try:
        findings = epubcheck_.check(epub, f"{name}.epub")
    except epubcheck_.EpubCheckUnavailable as exc:
        raise BuildError(f"cannot check the EPUB: {exc}", []) from None
    if findings:
        raise BuildError(f"EPUBCheck reported {len(findings)} message(s); the EPUB was not published", findings)


def _links_resolve(found: links.LinkCheck, shown: str, what: str) -> None:
    if found.broken:
        raise BuildError(
            f"{len(found.broken)} link(s) of the {what} lead nowhere; it was not published", found.findings(shown)
        )
