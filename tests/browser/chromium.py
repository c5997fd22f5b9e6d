"""Debian's headless Chromium, for Playwright and for Ace's puppeteer, with the flags this machine needs."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM = Path("/usr/bin/chromium")
ARGS = (
    "--no-sandbox",  # the tests run as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""No sandbox (root), and nothing that would reach the network on its own: the machine has none."""


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless; Playwright never downloads a browser of its own here."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=list(ARGS), headless=True)


def launcher_script(folder: Path) -> Path:
    """A script that starts Debian's Chromium with ``ARGS`` and whatever it is given.

    Ace launches Chromium through puppeteer with its own flags and takes none from outside, and
    Debian's ``/usr/bin/chromium`` ignores ``$CHROMIUM_FLAGS``, so ``PUPPETEER_EXECUTABLE_PATH``
    points at this script instead.
    """
    script = folder / "chromium"
    flags = " ".join(shlex.quote(arg) for arg in ARGS)
    script.write_text(f'#!/bin/sh\nexec {shlex.quote(str(CHROMIUM))} {flags} "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return script
