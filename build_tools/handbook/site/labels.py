"""Interface text of the download site in English and Russian, and how sizes, dates and languages read."""

from __future__ import annotations

import functools

import langcodes

LANGUAGES = ("en", "ru")
"""The languages of the landing pages: CICA's working languages, English first."""

SITE_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "language_name": "English",
        "site_title": "Publications",
        "intro": (
            "Handbooks and papers of the {publisher}, to read online or to download as EPUB e-books and PDF. "
            "Each file's SHA-256 checksum lets you check that your download is complete and unchanged."
        ),
        "skip": "Skip to the publications",
        "language_nav": "Language",
        "cover_alt": "Cover of {title}",
        "edition": "Edition",
        "date": "Date",
        "languages": "Languages",
        "licence": "Licence",
        "read_online": "Read online (HTML)",
        "recommendations": "Recommendations",
        "offprints": "Offprints",
        "offprints_intro": "Each chapter on its own, with the book's design.",
        "offprints_missing": "offprints",
        "offprint_of": "offprint from {title}",
        "read_and_download": "Read and download",
        "checksum": "SHA-256",
        "not_built": "Not built yet: {what}.",
        "nothing_built": "Not built yet.",
        "html_edition": "HTML edition",
        "opds": "Catalogue for e-reader apps (OPDS)",
        "sums": "Checksums of every download: SHA256SUMS",
        "sums_hint": "To check the files you downloaded, in their folder with SHA256SUMS:",
        "feed_title": "{publisher}: publications",
        "units": "B kB MB GB",
        "decimal": ".",
    },
    "ru": {
        "language_name": "Русский",
        "site_title": "Публикации",
        "intro": (
            "Справочники и доклады {publisher}: читайте их в браузере или скачайте в виде электронных книг EPUB "
            "и PDF. Контрольная сумма SHA-256 каждого файла позволяет убедиться, что он скачан полностью и без "
            "изменений."
        ),
        "skip": "Перейти к публикациям",
        "language_nav": "Язык",
        "cover_alt": "Обложка: {title}",
        "edition": "Издание",
        "date": "Дата",
        "languages": "Языки",
        "licence": "Лицензия",
        "read_online": "Читать в браузере (HTML)",
        "recommendations": "Рекомендации",
        "offprints": "Отдельные главы",
        "offprints_intro": "Каждая глава отдельным файлом, в оформлении книги.",
        "offprints_missing": "отдельные главы",
        "offprint_of": "отдельная глава из книги «{title}»",
        "read_and_download": "Читать и скачать",
        "checksum": "SHA-256",
        "not_built": "Ещё не собрано: {what}.",
        "nothing_built": "Ещё не собрано.",
        "html_edition": "HTML-версия",
        "opds": "Каталог для приложений чтения (OPDS)",
        "sums": "Контрольные суммы всех файлов: SHA256SUMS",
        "sums_hint": "Проверка скачанных файлов (в их папке, вместе с SHA256SUMS):",
        "feed_title": "{publisher}: публикации",
        "units": "Б КБ МБ ГБ",
        "decimal": ",",
    },
}

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
}
_DATE = {"en": "{day} {month} {year}", "ru": "{day} {month} {year} г."}


def site_label(language: str, key: str, **values: str) -> str:
    """A site string in ``language`` (its primary subtag, else English), with ``values`` filled in."""
    table = SITE_LABELS.get(language.split("-")[0].lower(), SITE_LABELS["en"])
    return table[key].format(**values) if values else table[key]


def format_size(size: int, language: str) -> str:
    """A file size for people: ``532 B``, ``8.4 kB``, ``1.3 MB`` (decimal units, no-break space)."""
    units = site_label(language, "units").split()
    value, unit = float(size), 0
    while value >= 1000 and unit < len(units) - 1:
        value, unit = value / 1000, unit + 1
    text = f"{value:.0f}" if unit == 0 or value >= 10 else f"{value:.1f}"
    return f"{text.replace('.', site_label(language, 'decimal'))}\u00a0{units[unit]}"


def format_date(iso: str, language: str) -> str:
    """``2026-11-27`` as ``27 November 2026`` or ``27 ноября 2026 г.``."""
    year, month, day = (int(part) for part in iso.split("-"))
    primary = language if language in _MONTHS else "en"
    return _DATE[primary].format(day=day, month=_MONTHS[primary].split()[month - 1], year=year)


@functools.cache
def language_name(tag: str) -> str:
    """A language's name in that language (``ar`` -> العربية), capitalised where the script has case."""
    try:
        name = str(langcodes.Language.get(tag).display_name(tag))
    except (ValueError, LookupError, ImportError):
        # Names need langcodes' data package; without it the tag still says which language it is.
        return tag
    return name[:1].upper() + name[1:]
