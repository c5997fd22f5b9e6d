"""EPUBCheck in one warm JVM says exactly what ``java -jar epubcheck.jar`` says, for a good EPUB and a broken one."""

from __future__ import annotations

import os
import re
import signal
import zipfile
from pathlib import Path
from typing import Any

import pytest

from handbook.builders import epubcheck_


def _broken_copy(epub: Path, target: Path) -> Path:
    """The EPUB with a chapter missing from the archive and a link to a page that does not exist."""
    with zipfile.ZipFile(epub) as source, zipfile.ZipFile(target, "w") as broken:
        for item in source.infolist():
            if item.filename == "chapters/sme/kz.xhtml":
                continue
            data = source.read(item.filename)
            if item.filename == "nav.xhtml":
                data = data.replace(b'href="index.xhtml"', b'href="nowhere.xhtml"', 1)
            broken.writestr(item, data)
    return target


def _verdict(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The messages, without the run's date and duration and the random host EPUBCheck gives each run's URLs."""
    return sorted(
        (m["ID"], m["severity"], m["message"], str(m.get("suggestion")), _RUN_HOST.sub("", repr(m.get("locations"))))
        for m in report["messages"]
    )


_RUN_HOST = re.compile(r"https://[0-9a-f-]{36}\.epubcheck\.w3c\.org/")


@pytest.fixture(scope="module")
def epubs(built: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    good = built / "_build" / "sme-handbook" / "en" / "sme-handbook.en.epub"
    return good, _broken_copy(good, tmp_path_factory.mktemp("epubcheck") / "broken.epub")


def test_the_warm_jvm_gives_the_command_lines_verdict(epubs: tuple[Path, Path]) -> None:
    server = epubcheck_.EpubCheckServer()
    try:
        for epub in epubs:
            assert _verdict(server.report(epub)) == _verdict(epubcheck_.run_once(epub))
        assert server.checks == 2
    finally:
        server.close()


def test_a_broken_epub_is_refused_with_the_file_and_line(epubs: tuple[Path, Path]) -> None:
    findings = epubcheck_.check(epubs[1], "broken.epub")
    assert {f.rule for f in findings} >= {"epubcheck-RSC-001", "epubcheck-RSC-007"}
    assert any(f.path == "broken.epub/nav.xhtml" and f.line > 1 for f in findings)
    assert epubcheck_.check(epubs[0]) == []


def test_a_jvm_that_died_between_checks_is_started_again(epubs: tuple[Path, Path]) -> None:
    server = epubcheck_.EpubCheckServer()
    try:
        assert _verdict(server.report(epubs[0])) == []
        first = server._process
        assert first is not None
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        assert _verdict(server.report(epubs[1])) == _verdict(epubcheck_.run_once(epubs[1]))
        assert server._process is not None and server._process.pid != first.pid
    finally:
        server.close()


def test_the_warm_up_epub_is_valid_and_checked_before_the_builds_own(epubs: tuple[Path, Path], tmp_path: Path) -> None:
    sample = epubcheck_.sample_epub(tmp_path / "warm-up.epub")
    assert epubcheck_.run_once(sample)["messages"] == []
    server = epubcheck_.EpubCheckServer()
    try:
        warming = server.warm_up()
        assert warming is not None and server.warm_up() is None, "once per JVM"
        assert _verdict(server.report(epubs[1])) == _verdict(epubcheck_.run_once(epubs[1]))
        warming.join(timeout=120)
        assert server.checks == 2, "the warm-up's check and the build's"
    finally:
        server.close()


def test_a_large_epub_gets_a_jvm_with_the_server_compiler_and_the_same_verdict(epubs: tuple[Path, Path]) -> None:
    server = epubcheck_.EpubCheckServer()
    try:
        server.start()
        client = server._process
        server.large = epubs[1].stat().st_size - 1
        assert _verdict(server.report(epubs[1])) == _verdict(epubcheck_.run_once(epubs[1]))
        assert server.lasting and server._process is not client
        assert client is not None and client.poll() is not None, "the first JVM stopped"
    finally:
        server.close()
