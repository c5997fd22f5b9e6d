"""Helpers of the browser tests: a local static server, headless Chromium, axe-core and Ace by DAISY.

Nothing here downloads anything. Chromium is Debian's (``/usr/bin/chromium``), Playwright's driver
ships in its wheel, and axe-core and Ace come from ``node_modules`` (``npm ci`` in the repository).
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
"""Installed by ``npm ci`` from package.json and package-lock.json at the repository's root."""
