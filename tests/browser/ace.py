"""Ace by DAISY on an EPUB, through puppeteer and Debian's Chromium; its report.json, read."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import NODE_MODULES

ACE = NODE_MODULES / ".bin" / "ace-cli"
"""The puppeteer runner (package @daisy/ace-cli); the ``ace`` of @daisy/ace would need Electron's own binary."""
TIMEOUT = 600


@dataclass(frozen=True)
class Finding:
    """One failed Ace assertion in one document of the EPUB."""

    document: str
    rule: str
    impact: str
    description: str
    elements: tuple[str, ...]
    help_url: str

    def describe(self, epub: str) -> str:
        where = ", ".join(self.elements) or "(the document)"
        heading = f"  {epub} {self.document}: {self.rule} ({self.impact}) {self.description}"
        return f"{heading}\n    {where}\n    {self.help_url}"


@dataclass(frozen=True)
class Report:
    outcome: str
    findings: tuple[Finding, ...]

    @property
    def passed(self) -> bool:
        return self.outcome in ("pass", "earl:passed")


def missing() -> str | None:
    """Why Ace cannot run here, or None."""
    if shutil.which("node") is None:
        return "node is missing (apt-get install nodejs npm)"
    if not ACE.is_file():
        return f"{ACE.relative_to(NODE_MODULES.parent)} is missing (run `npm ci` at the repository's root)"
    return None


def check(epub: Path, outdir: Path, chromium: Path) -> Report:
    """Run Ace on ``epub`` with ``chromium`` (an executable), writing its reports into ``outdir``."""
    env = {
        **os.environ,
        "PUPPETEER_EXECUTABLE_PATH": str(chromium),
        "PUPPETEER_SKIP_DOWNLOAD": "1",
        "PUPPETEER_SKIP_CHROMIUM_DOWNLOAD": "1",
    }
    command = [str(ACE), "--silent", "--force", "--outdir", str(outdir), str(epub)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    report = outdir / "report.json"
    if done.returncode != 0 or not report.is_file():
        raise RuntimeError(f"Ace failed on {epub.name} (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    return read(json.loads(report.read_text(encoding="utf-8")))


def read(report: dict[str, Any]) -> Report:
    """The outcome and the failed assertions of an Ace report.json (EARL in JSON-LD)."""
    findings = [
        _finding(document["earl:testSubject"].get("url", "?"), assertion)
        for document in report.get("assertions", [])
        for assertion in document.get("assertions", [])
        if assertion.get("earl:result", {}).get("earl:outcome") != "pass"
    ]
    return Report(report["earl:result"]["earl:outcome"], tuple(findings))


def _finding(document: str, assertion: dict[str, Any]) -> Finding:
    test, result = assertion.get("earl:test", {}), assertion.get("earl:result", {})
    pointer = result.get("earl:pointer") or {}
    return Finding(
        document=document,
        rule=test.get("dct:title", "?"),
        impact=test.get("earl:impact", "?"),
        description=result.get("dct:description", ""),
        elements=tuple(pointer.get("css") or ()),
        help_url=(test.get("help") or {}).get("url", ""),
    )
