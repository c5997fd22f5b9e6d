"""Interface text the extension writes into books, in the publication's language."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "key_facts": "Key facts",
        "country": "Country",
        "institution": "Institution",
        "authors": "Authors",
        "data_year": "Data year",
        "currency": "Currency",
        "indicator": "Indicator",
        "value": "Value",
        "year": "Year",
        "illustrative": "† illustrative value, awaiting verification",
        "downloads": "Downloads",
        "epub": "EPUB e-book",
        "pdf": "PDF",
        "start": "Start of content",
        "imprint_notice": (
            "The views expressed are those of the authors and do not necessarily reflect the positions of "
            "CICA member states or of the CICA Secretariat. Values marked † are illustrative."
        ),
        "contributors": "Contributors",
        "contributors_intro": "The chapters of this book were written by these think tanks and researchers.",
        "roles": "Roles",
        "front_matter": "About this book",
        "chapters": "Chapters",
        "back_matter": "Annexes",
        "landmarks": "Landmarks",
    },
    "ru": {
        "key_facts": "Основные сведения",
        "country": "Страна",
        "institution": "Организация",
        "authors": "Авторы",
        "data_year": "Год данных",
        "currency": "Валюта",
        "indicator": "Показатель",
        "value": "Значение",
        "year": "Год",
        "illustrative": "† условное значение, ожидает проверки",
        "downloads": "Скачать",
        "epub": "Электронная книга EPUB",
        "pdf": "PDF",
        "start": "Начало текста",
        "imprint_notice": (
            "Мнения, выраженные в публикации, принадлежат авторам и не обязательно отражают позиции "
            "государств — членов СВМДА или Секретариата СВМДА. Значения, отмеченные знаком †, условные."
        ),
        "contributors": "Авторы",
        "contributors_intro": "Главы этой книги подготовлены следующими аналитическими центрами и исследователями.",
        "roles": "Роли",
        "front_matter": "Об этой книге",
        "chapters": "Главы",
        "back_matter": "Приложения",
        "landmarks": "Ориентиры",
    },
}


def label(language: str, key: str) -> str:
    """An interface string in ``language`` (its primary subtag), falling back to English."""
    return LABELS.get(language.split("-")[0].lower(), LABELS["en"]).get(key, LABELS["en"][key])
