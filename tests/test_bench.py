"""The benchmark's corpus and measuring (the benchmark itself runs in `make bench`, not here)."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import REPO
from handbook.bench.corpus import FOOTNOTES, PAPER_WORDS, RECOMMENDATIONS, SME_WORDS, phrases, write_corpus
from handbook.bench.measure import CommandFailed, run, run_watched
from handbook.core import registry
from handbook.core.model import Severity
from handbook.core.words import count_words
from handbook.validate.runner import validate
from handbook.validate.scripts import WRITTEN_WITH, char_script


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("bench") / "corpus", REPO / "book").root


def test_corpus_is_valid(corpus: Path) -> None:
    report = validate(corpus, base=corpus)
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    assert not errors, errors[:5]
    assert len(report.chapters) == 2 * len(registry.members())


def test_every_member_writes_in_its_primary_language(corpus: Path) -> None:
    for state in registry.members():
        for folder, words in (("sme", SME_WORDS), ("gender", PAPER_WORDS)):
            text = (corpus / "chapters" / folder / f"{state.code.lower()}.md").read_text(encoding="utf-8")
            assert f"\nlanguage: {state.languages[0].tag}\n" in text
            body = text.split("\n---\n", 1)[1]
            assert 0.9 * words <= count_words(body) <= 1.3 * words, (state.code, folder, count_words(body))


def test_sme_chapters_have_tables_figure_footnotes_and_references(corpus: Path) -> None:
    text = (corpus / "chapters" / "sme" / "th.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^\|---", text, flags=re.M)) == 2
    assert text.count(":::{figure}") == 1 and (corpus / "chapters" / "sme" / "th" / "sectors.svg").is_file()
    assert len(re.findall(r"^\[\^\d+\]: ", text, flags=re.M)) == FOOTNOTES
    assert "{numref}`th-fig-sectors`" in text and "{ref}`tr-finance`" in text  # the next member in the registry


def test_papers_have_recommendations(corpus: Path) -> None:
    text = (corpus / "chapters" / "gender" / "ir.md").read_text(encoding="utf-8")
    assert text.count(":::{recommendation}") == RECOMMENDATIONS


def test_corpus_is_deterministic_and_scales(corpus: Path, tmp_path: Path) -> None:
    again = write_corpus(tmp_path / "again", REPO / "book")
    for path in sorted((corpus / "chapters").rglob("*.*")):
        assert path.read_bytes() == (again.root / path.relative_to(corpus)).read_bytes(), path
    larger = write_corpus(tmp_path / "larger", REPO / "book", scale=3)
    small = count_words((corpus / "chapters" / "sme" / "kz.md").read_text(encoding="utf-8"))
    large = count_words((larger.root / "chapters" / "sme" / "kz.md").read_text(encoding="utf-8"))
    assert 2.5 * small < large < 3.5 * small
    report = validate(larger.root, base=larger.root)
    assert not [f for f in report.findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize("language", sorted(phrases()))
def test_phrases_are_clean_text_in_their_script(language: str) -> None:
    entry = phrases()[language]
    script = registry.script_of(language)
    assert script is not None
    wanted = WRITTEN_WITH.get(script, {script})
    texts = [*entry["sentences"], *entry["headings"], *entry["words"], *entry["recommendation"]]
    for text in [*texts, entry["caption"], entry["alt"], entry["title"], entry["paper_title"]]:
        assert unicodedata.is_normalized("NFC", text), text
        assert not any(unicodedata.category(c) in ("Nd", "Cc") or c in "*_`[]<>#|$\\~^" for c in text), text
        assert not any("\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069" for c in text), text
    for text in texts:
        letters = [s for s in map(char_script, text) if s is not None]
        assert sum(s in wanted for s in letters) >= 0.9 * len(letters), text


def test_run_measures_time_and_memory_of_the_process_tree(tmp_path: Path) -> None:
    grandchild = "b = bytearray(80_000_000); import time; time.sleep(0.5)"
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {grandchild!r}])"
    sample = run([sys.executable, "-c", child], tmp_path, {}, tmp_path / "log")
    assert sample.seconds >= 0.5
    assert sample.peak_bytes >= 80_000_000  # the grandchild's memory counts
    with pytest.raises(CommandFailed):
        run([sys.executable, "-c", "raise SystemExit(3)"], tmp_path, {}, tmp_path / "log")


SERVER = """
import pathlib, signal, sys, time
def stop(number, frame):
    raise KeyboardInterrupt
signal.signal(signal.SIGTERM, stop)
flag = pathlib.Path(sys.argv[1])
print("round done", flush=True)
block = bytearray(60_000_000)
try:
    while True:
        if flag.exists():
            flag.unlink()
            time.sleep(0.3)
            print("built book in 0.30 s", flush=True)
            print("built book KZ in 0.10 s", flush=True)
            print("round done", flush=True)
        time.sleep(0.02)
except KeyboardInterrupt:
    print("stopped watching", flush=True)
"""


def test_run_watched_times_each_rebuild_from_the_edit_to_the_book(tmp_path: Path) -> None:
    flag = tmp_path / "saved"
    log = tmp_path / "log"
    samples = run_watched(
        [sys.executable, "-c", SERVER, str(flag)], tmp_path, {}, log, [flag.touch, flag.touch], "built book in"
    )
    assert len(samples) == 2
    assert all(0.3 <= s.seconds < 5 and s.peak_bytes >= 60_000_000 for s in samples)
    assert log.read_text(encoding="utf-8").rstrip().endswith("stopped watching")


def test_run_watched_fails_when_the_server_stops(tmp_path: Path) -> None:
    with pytest.raises(CommandFailed):
        run_watched([sys.executable, "-c", "print('round done')"], tmp_path, {}, tmp_path / "log", [lambda: None], "x")


def test_targets_compare_with_the_peers_and_say_which_are_missed() -> None:
    from handbook.bench.measure import Measurement, Sample
    from handbook.bench.suite import targets

    seconds = {
        "validate": 0.5, "cold_html": 5.0, "cold_epub": 8.0, "cold_pdf": 9.0, "cold_all": 20.0, "offprints_all": 12.0,
        "incremental_all": 3.0, "watch_rebuild": 1.5, "sphinx_html": 5.0, "sphinx_epub": 6.0, "pandoc_epub": 2.0,
        "pandoc_typst": 8.0,
    }  # fmt: skip
    measured = {}
    for key, value in seconds.items():
        measured[key] = Measurement(key, key, [Sample(value, 900 << 20)])
    found = {t.key: t for t in targets(measured, {"write pdf": 4.0}, 1)}
    assert found["cold_vs_peers"].value == pytest.approx(20 / 19) and not found["cold_vs_peers"].ok
    assert found["watch_vs_cold"].value == pytest.approx(0.075) and found["watch_vs_cold"].ok
    assert found["offprints_vs_cold"].value == pytest.approx(0.6) and not found["offprints_vs_cold"].ok
    assert found["incremental_vs_cold"].ok and found["peak_memory"].ok
