"""The interface's catalogues: template, Russian and Arabic translations, the check, the update and the CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from handbook.collab import catalogues
from handbook.core import cldr, i18n
from handbook.core.labels.book import label
from handbook.core.labels.recommendation import recommendation_label
from handbook.core.labels.site import site_label
from handbook.publish.site.labels import format_date, format_size
from handbook.sphinx_ext.keyfacts import format_value

HANDBOOK = str(Path(sys.executable).parent / "handbook")
RUSSIAN = i18n.catalogue_path("ru")
ARABIC = i18n.catalogue_path("ar")


@pytest.fixture
def locale_dir(tmp_path: Path) -> Path:
    """A copy of the package's catalogues, to change."""
    return Path(shutil.copytree(i18n.LOCALE_DIR, tmp_path / "locale"))


def edit_entry(path: Path, context: str, change: Callable[[str], str]) -> int:
    """Apply ``change`` to the entry of ``context`` (from its comments to its msgstr); the line of its msgid."""
    text = path.read_text(encoding="utf-8")
    entries = text.split("\n\n")
    index = next(i for i, entry in enumerate(entries) if f'msgctxt "{context}"\n' in entry)
    before = "\n\n".join(entries[:index]) + "\n\n"
    entries[index] = change(entries[index])
    path.write_text("\n\n".join(entries), encoding="utf-8")
    offset = entries[index].split("\nmsgid ")[0].count("\n") + 1
    return before.count("\n") + offset + 1


# -- the template --------------------------------------------------------------------------------------------


def test_the_committed_template_is_the_code_s(tmp_path: Path) -> None:
    """Run `handbook i18n extract` when this fails: the English in the code has changed."""
    committed = i18n.template_path().read_bytes()
    assert catalogues.template_bytes() == committed
    assert catalogues.extract(tmp_path).read_bytes() == committed  # regenerating gives the same bytes


def test_the_template_has_every_message_of_every_table_once() -> None:
    template = catalogues.template()
    registered = list(catalogues.messages())
    assert len([m for m in template if m.id]) == len(registered) > 100
    for context, key, english, _ in registered:
        message = template.get(english, context=f"{context.name}.{key}")
        assert message is not None and message.auto_comments[0].startswith("Used in "), (context.name, key)
    with_placeholder = template.get("Offprint from {title}", context="book.offprint_of")
    assert with_placeholder is not None and "Keep the placeholders: {title}." in with_placeholder.auto_comments


def test_the_headers_say_what_the_files_are() -> None:
    for path, language, plurals in ((RUSSIAN, "ru", 3), (ARABIC, "ar", 6)):
        text = path.read_text(encoding="utf-8")
        assert f'"Language: {language}\\n"' in text
        assert f"nplurals={plurals};" in text
        assert '"Project-Id-Version: handbook\\n"' in text
        assert "charset=utf-8" in text
        assert "Generated-By" not in text


# -- the catalogues ------------------------------------------------------------------------------------------


def test_the_catalogues_are_where_the_code_looks() -> None:
    assert i18n.languages() == ("ar", "ru")


@pytest.mark.parametrize("language", ["ru", "ar"])
def test_the_catalogue_is_complete(language: str) -> None:
    assert catalogues.check(language) == []


@pytest.mark.parametrize("language", ["ru", "ar"])
def test_updating_a_current_catalogue_changes_no_byte(language: str, locale_dir: Path) -> None:
    path = catalogues.update(language, locale_dir)
    assert path.read_bytes() == i18n.catalogue_path(language).read_bytes()


def test_arabic_translates_every_recommendation_label_and_nothing_is_fuzzy() -> None:
    arabic = i18n.read_catalogue(ARABIC, "ar")
    wanted = {m.context for m in catalogues.template() if (m.context or "").startswith("recommendation.")}
    translated = {m.context for m in arabic if m.id and m.string and not m.fuzzy}
    assert wanted and wanted <= translated
    assert not [m.context for m in arabic if m.id and m.fuzzy]


@pytest.mark.parametrize("path", [RUSSIAN, ARABIC], ids=["ru", "ar"])
def test_every_translation_keeps_the_placeholders(path: Path) -> None:
    catalog = i18n.read_catalogue(path)
    for message in catalog:
        if not message.id or not message.string:
            continue
        english, translated = catalogues.placeholders(str(message.id)), catalogues.placeholders(str(message.string))
        assert translated is not None, message.context
        assert english is not None
        # {label} may stand for {label_in_sentence}: the annex passes both
        sentence = {name.replace("_in_sentence", "") for name in english}
        assert translated in (english, sentence), message.context


# -- looking up ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "key", "text"),
    [
        ("ru", "key_facts", "Основные сведения"),
        ("ru-RU", "key_facts", "Основные сведения"),
        ("en", "key_facts", "Key facts"),
        ("th", "key_facts", "Key facts"),  # no Thai catalogue
        ("ar", "key_facts", "Key facts"),  # Arabic translates only the recommendation box
        ("xx-Unknown", "downloads", "Downloads"),
        ("ru", "offprint_of", "Отдельная глава из книги «{title}»"),
        ("ru", "original_language_title", "Язык оригинала"),
        ("ru", "other_editions", "Другие издания"),
    ],
)
def test_label(language: str, key: str, text: str) -> None:
    assert label(language, key) == text


def test_recommendation_labels_say_which_language_they_are_in() -> None:
    assert recommendation_label("ar", "by") == ("بحلول {year}", "ar")
    assert recommendation_label("ar-EG", "addressee") == ("الجهة المعنية", "ar")
    assert recommendation_label("ru", "rationale") == ("Обоснование", "ru")
    assert recommendation_label("th", "by") == ("by {year}", "en")
    assert recommendation_label("en", "by") == ("by {year}", "en")


def test_site_labels_fill_in_values() -> None:
    assert site_label("ru", "edition_in", language="английский") == "Издание на языке: английский"
    assert site_label("en", "feed_title", publisher="CICA") == "CICA: publications"


@pytest.fixture
def russian(locale_dir: Path) -> Path:
    return i18n.catalogue_path("ru", locale_dir)


def _read(path: Path) -> Catalog:
    return i18n.read_catalogue(path, "ru")


def test_fuzzy_and_empty_translations_are_not_used(russian: Path) -> None:
    edit_entry(
        russian,
        "book.key_facts",
        lambda entry: entry.replace('msgctxt "book.key_facts"', '#, fuzzy\nmsgctxt "book.key_facts"'),
    )
    edit_entry(russian, "book.roles", lambda entry: re.sub(r'msgstr ".*"', 'msgstr ""', entry))
    catalog = _read(russian)
    assert i18n.find_translation(catalog, "ru", "book", "key_facts", "Key facts") == ("Key facts", "en")
    assert i18n.find_translation(catalog, "ru", "book", "roles", "Roles") == ("Roles", "en")
    assert i18n.find_translation(catalog, "ru", "book", "chapters", "Chapters") == ("Главы", "ru")
    # a translation made for other English is not used either
    assert i18n.find_translation(catalog, "ru", "book", "chapters", "Sections") == ("Sections", "en")


# -- checking ------------------------------------------------------------------------------------------------


CHANGES: list[tuple[str, str, Callable[[str], str], str]] = [
    ("empty", "book.key_facts", lambda e: re.sub(r'msgstr ".*"', 'msgstr ""', e), "i18n-missing"),
    (
        "fuzzy",
        "book.roles",
        lambda e: e.replace('msgctxt "book.roles"', '#, fuzzy\nmsgctxt "book.roles"'),
        "i18n-fuzzy",
    ),
    ("renamed placeholder", "recommendation.by", lambda e: e.replace("к {year}", "к {yr}"), "i18n-placeholders"),
    ("lost placeholder", "book.offprint_of", lambda e: e.replace("«{title}»", "«»"), "i18n-placeholders"),
    (
        "unmatched brace",
        "site.not_built",
        lambda e: e.replace("собрано: {what}.", "собрано: {what."),
        "i18n-placeholders",
    ),
    ("English changed", "book.landmarks", lambda e: e.replace('msgid "Landmarks"', 'msgid "Old"'), "i18n-outdated"),
    (
        "not a keyword",
        "book.chapters",
        lambda e: e.replace('msgstr "Главы"', 'msgstr "Главы"\nmsgstring "Главы"'),
        "i18n-syntax",
    ),
    (
        "obsolete",
        "book.chapters",
        lambda e: e + '\n\n#~ msgctxt "book.gone"\n#~ msgid "Gone"\n#~ msgstr "Ушло"',
        "i18n-obsolete",
    ),
]


@pytest.mark.parametrize(("context", "change", "rule"), [c[1:] for c in CHANGES], ids=[c[0] for c in CHANGES])
def test_the_check_names_the_rule(russian: Path, context: str, change: Callable[[str], str], rule: str) -> None:
    line = edit_entry(russian, context, change)
    findings = catalogues.check("ru", russian.parents[2])
    assert [(f.rule, f.path) for f in findings] == [(rule, str(russian))]
    if rule == "i18n-syntax":
        assert findings[0].line == line + 2  # the line after the msgstr
        assert "msgstring" in findings[0].message
    elif rule != "i18n-obsolete":
        assert findings[0].line == line
        assert context in findings[0].message


def test_a_removed_entry_is_reported_and_update_brings_it_back_untranslated(russian: Path) -> None:
    edit_entry(russian, "book.key_facts", lambda entry: "")
    assert [f.rule for f in catalogues.check("ru", russian.parents[2])] == ["i18n-outdated"]
    catalogues.update("ru", russian.parents[2])
    assert [(f.rule, "book.key_facts" in f.message) for f in catalogues.check("ru", russian.parents[2])] == [
        ("i18n-missing", True)
    ]


def test_update_marks_a_changed_english_fuzzy_and_keeps_removed_messages_obsolete(russian: Path) -> None:
    edit_entry(russian, "book.landmarks", lambda e: e.replace('msgid "Landmarks"', 'msgid "Landmark"'))
    edit_entry(russian, "book.roles", lambda e: e + '\n\nmsgctxt "book.gone"\nmsgid "Gone"\nmsgstr "Ушло"')
    catalogues.update("ru", russian.parents[2])
    catalog = _read(russian)
    landmarks = catalog.get("Landmarks", context="book.landmarks")
    assert landmarks is not None and landmarks.fuzzy and landmarks.string == "Ориентиры"
    assert [m.context for m in catalog.obsolete.values()] == ["book.gone"]
    once = russian.read_bytes()
    catalogues.update("ru", russian.parents[2])
    assert russian.read_bytes() == once


def test_english_is_complete_by_definition() -> None:
    assert catalogues.check("en") == []


# -- the command ---------------------------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([HANDBOOK, "i18n", *args], capture_output=True, text=True, check=False)


def test_check_passes_on_the_package_s_catalogues() -> None:
    done = run("check", "ru")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "checked ru: complete"
    assert run("check", "en").returncode == 0


def test_check_names_file_line_and_rule(russian: Path) -> None:
    line = edit_entry(russian, "book.key_facts", lambda e: re.sub(r'msgstr ".*"', 'msgstr ""', e))
    done = run("check", "--locale-dir", str(russian.parents[2]))
    assert done.returncode == 1, done.stdout + done.stderr
    first = done.stdout.splitlines()[0]
    assert re.fullmatch(
        rf'\S*locale/ru/LC_MESSAGES/handbook\.po:{line}:1: error i18n-missing message "book\.key_facts" has no '
        r"translation; translate it in this file",
        first,
    ), first
    assert "Traceback" not in done.stderr


def test_an_unknown_language_is_a_usage_error() -> None:
    done = run("check", "xx")
    assert done.returncode == 2
    assert "no catalogue for 'xx'" in done.stderr and "Traceback" not in done.stderr


def test_update_and_init_write_the_catalogues(locale_dir: Path) -> None:
    assert run("update", "--locale-dir", str(locale_dir)).returncode == 0
    for path in (i18n.template_path(), RUSSIAN, ARABIC):
        assert (locale_dir / path.relative_to(i18n.LOCALE_DIR)).read_bytes() == path.read_bytes()
    assert run("init", "kk", "--locale-dir", str(locale_dir)).returncode == 0
    kazakh = i18n.read_catalogue(i18n.catalogue_path("kk", locale_dir), "kk")
    assert kazakh.num_plurals == 2 and all(not m.string for m in kazakh if m.id)
    done = run("check", "kk", "--locale-dir", str(locale_dir))
    assert done.returncode == 1 and "i18n-missing" in done.stdout
    assert run("init", "not-a-language!", "--locale-dir", str(locale_dir)).returncode == 2


# -- dates, numbers and language names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iso", "language", "text"),
    [
        ("2026-11-27", "en", "27 November 2026"),
        ("2026-11-27", "en-US", "27 November 2026"),
        ("2026-03-01", "ru", "1 марта 2026 г."),
        ("2026-11-27", "ru-RU", "27 ноября 2026 г."),
        ("2026-11-27T09:00:00+00:00", "ru", "27 ноября 2026 г."),
        ("2026-11-27", "th", "27 November 2026"),  # the text around it is English
    ],
)
def test_dates(iso: str, language: str, text: str) -> None:
    assert format_date(iso, language) == text


@pytest.mark.parametrize(
    ("size", "language", "text"),
    [
        (532, "en", "532\u00a0B"),
        (8_431, "en", "8.4\u00a0kB"),
        (1_294_228, "ru", "1,3\u00a0МБ"),
        (2_500_000_000, "ru", "2,5\u00a0ГБ"),
        (8_431, "ar", "8.4\u00a0kB"),
    ],
)
def test_sizes(size: int, language: str, text: str) -> None:
    assert format_size(size, language) == text


@pytest.mark.parametrize(
    ("value", "unit", "language", "text"),
    [
        (36.5, "%", "en", "36.5%"),
        (12345, "count", "en", "12,345"),
        (1.8, "percentage points", "en", "1.8 pp"),
        (36.5, "%", "ru", "36,5\u00a0%"),
        (12345, "count", "ru", "12\u00a0345"),
        (1.8, "percentage points", "ru", "1,8\u00a0п.\u00a0п."),
    ],
)
def test_key_facts_numbers_read_in_the_book_s_language(value: float, unit: str, language: str, text: str) -> None:
    assert format_value(value, unit, language) == text


@pytest.mark.parametrize(
    ("tag", "language", "name"),
    [
        ("en", "ru", "английский"),
        ("ru", "en", "Russian"),
        ("ar", "ru", "арабский"),
        ("kk-Cyrl", "ru", "казахский"),
        ("zh-Hans", "en", "Simplified Chinese"),
        ("ru", "xx", "Russian"),  # names in English when CLDR lacks the language
        ("qq", "en", "qq"),
        ("not a tag", "en", "not a tag"),
    ],
)
def test_language_names(tag: str, language: str, name: str) -> None:
    assert cldr.language_name_in(tag, language) == name
