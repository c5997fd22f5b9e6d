"""Quality gates an output passes before it is published: EPUBCheck must report nothing at all.

The PDF's gate is in its builder: Typst compiles only a document that conforms to PDF/UA-1.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from ..core.model import BuildError, Progress
from . import epubcheck_

GATED = ("epub",)
"""The formats with a gate of their own here (the others have none, or, as the PDF, one in their builder)."""


def start_epubcheck(lasting: bool = False) -> None:
    """Start EPUBCheck's JVM now and warm it up, in the background, if it can run (a missing Java is said by
    the gate); ``lasting`` when it will check many builds (it then compiles for speed over start-up)."""
    with contextlib.suppress(epubcheck_.EpubCheckUnavailable):
        server = epubcheck_.server()
        server.lasting = server.lasting or lasting
        server.warm_up()


def check_output(fmt: str, staging: Path, name: str, report: Progress) -> None:
    """Raise BuildError when the format's gate finds anything in its staged output."""
    if fmt not in GATED:
        return
    report("epub: EPUBCheck", 0, 1)
    try:
        findings = epubcheck_.check(staging / f"{name}.epub", f"{name}.epub")
    except epubcheck_.EpubCheckUnavailable as exc:
        raise BuildError(f"cannot check the EPUB: {exc}", []) from None
    if findings:
        raise BuildError(f"EPUBCheck reported {len(findings)} message(s); the EPUB was not published", findings)
