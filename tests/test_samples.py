"""The sample chapters cover the scripts and directions the pipeline must handle, and are valid."""

from __future__ import annotations

from conftest import REPO
from handbook.core import registry
from handbook.core.model import Severity
from handbook.validate.runner import validate


def test_samples_have_no_errors_or_warnings_but_placeholders() -> None:
    report = validate(REPO, base=REPO)
    assert not [f for f in report.findings if f.severity is Severity.ERROR], report.findings
    assert not [f for f in report.findings if f.rule != "template-placeholder"], report.findings


def _languages(publication: str) -> dict[str, str]:
    from handbook.sources.layout import chapter_path
    from handbook.sources.reading import read_chapter

    found = {}
    for path in sorted((REPO / "chapters" / publication).glob("*.md")):
        chapter = read_chapter(chapter_path(REPO, path), path.name)
        assert chapter.meta is not None, path
        if not chapter.location.is_translation:  # the originals' languages
            found[chapter.location.country] = chapter.meta["language"]
    return found


def test_sme_samples_cover_four_scripts_and_both_directions() -> None:
    languages = _languages("sme")
    assert len(languages) >= 5
    scripts = {registry.script_of(tag) for tag in languages.values()}
    assert {"Arab", "Hans", "Cyrl", "Latn"} <= scripts
    assert len(scripts) >= 4
    assert {registry.direction_of(tag) for tag in languages.values()} == {"ltr", "rtl"}


def test_gender_samples_in_english_russian_and_arabic() -> None:
    languages = _languages("gender")
    assert {"en", "ru", "ar"} <= set(languages.values())
