"""``handbook watch``: a real build server on a copy of the book, and its live preview over real HTTP."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import EPOCH, copy_book, insert_into_chapter
from handbook.publish.preview import BUILD_PATH, Preview
from handbook.watch import Round, build_round, watch

HTML = Path("_build") / "gender-dialogue" / "en"


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _wait(rounds: list[Round], count: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while len(rounds) < count:
        assert time.monotonic() < deadline, f"only {len(rounds)} round(s) after {seconds} s"
        time.sleep(0.1)


def test_a_saved_chapter_is_built_again_with_its_offprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = copy_book(tmp_path / "repo")
    rounds: list[Round] = []
    stop = threading.Event()
    server = threading.Thread(
        target=watch, args=(root, "gender-dialogue", "en", ("html",), False, rounds.append, stop), daemon=True
    )
    server.start()
    try:
        _wait(rounds, 1)
        assert rounds[0].ok and [b.result.chapter for b in rounds[0].built] == [""]
        insert_into_chapter(root / "chapters" / "gender" / "kz.md", "Saved while the server watched.")
        _wait(rounds, 2)
        second = rounds[1]
        assert second.ok, second.error
        assert second.changed == (Path("chapters/gender/kz.md"),)
        assert [b.result.chapter for b in second.built] == ["", "KZ"]
        assert all(b.seconds > 0 for b in second.built) and second.seconds >= sum(b.seconds for b in second.built)
        page = root / HTML / "html" / "chapters" / "gender" / "kz.html"
        assert "Saved while the server watched." in page.read_text(encoding="utf-8")
        offprint = root / HTML / "offprints" / "gender-dialogue-kz.en-html" / "chapters" / "gender" / "kz.html"
        assert "Saved while the server watched." in offprint.read_text(encoding="utf-8")

        chapter = root / "chapters" / "gender" / "eg.md"
        chapter.write_text(chapter.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
        _wait(rounds, 3)
        assert not rounds[2].ok and rounds[2].built == []
        assert any(f.path.endswith("eg.md") for f in rounds[2].error.findings)
        assert "Saved while the server watched." in page.read_text(encoding="utf-8"), "the last good HTML stays"
    finally:
        stop.set()
        server.join(timeout=30)
    assert not server.is_alive()


def test_a_round_that_fails_says_why_and_builds_nothing(tmp_path: Path) -> None:
    root = copy_book(tmp_path / "repo")
    (root / "chapters" / "gender" / "kz.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    found = build_round(root, "gender-dialogue", "en", ("html",), False)
    assert not found.ok and not found.built
    assert any(f.path.endswith("kz.md") and f.line for f in found.error.findings)
    assert not (root / HTML / "html").exists()


def test_the_preview_serves_pages_with_a_reload_that_follows_the_builds(tmp_path: Path) -> None:
    folder = tmp_path / "html"
    preview = Preview(folder, port=0)
    preview.start()
    try:
        status, body = _fetch(preview.url)
        assert status == 503 and "first build is running" in body and BUILD_PATH in body
        folder.mkdir()
        (folder / "index.html").write_text("<html><body><p>Book</p></body></html>", encoding="utf-8")
        (folder / "style.css").write_text("p { color: red }", encoding="utf-8")
        status, body = _fetch(preview.url)
        assert status == 200 and body.index("<p>Book</p>") < body.index(BUILD_PATH) < body.index("</body>")
        assert _fetch(preview.url + "style.css") == (200, "p { color: red }")
        assert _fetch(preview.url + BUILD_PATH.lstrip("/")) == (200, "0")
        preview.reload()
        assert _fetch(preview.url + BUILD_PATH.lstrip("/")) == (200, "1")
        assert _fetch(preview.url + "missing.html")[0] == 404
    finally:
        preview.stop()
