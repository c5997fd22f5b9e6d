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
        "status": "Editorial status",
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
        "digest": "Recommendations at a glance",
        "from_history": "From the repository's history",
        "committed_by": "committed by",
        "edited_by": "edited by",
        "first_submitted": "first submitted",
        "last_updated": "last updated",
        "revisions": "revisions",
        "whats_new": "What is new in this edition",
        "whats_new_intro": "Changes to the chapters from edition {previous} to edition {tag}:",
        "whats_new_none": "No chapter changed.",
        "added": "new chapter",
        "modified": "revised",
        "deleted": "withdrawn",
        "renamed": "moved",
        "digest_intro": (
            "Every recommendation of the papers, by addressee and timeframe, then by the SDG 5 target it serves."
        ),
        "digest_none": "No paper in this edition has a recommendation yet.",
        "by_timeframe": "Who should act, and when",
        "by_sdg": "By SDG 5 target",
        "addressee": "Addressee",
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
        "status": "Статус глав",
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
        "digest": "Рекомендации: обзор",
        "from_history": "По истории репозитория",
        "committed_by": "изменения вносили",
        "edited_by": "редакторы",
        "first_submitted": "впервые представлена",
        "last_updated": "последнее изменение",
        "revisions": "редакций",
        "whats_new": "Что нового в этом издании",
        "whats_new_intro": "Изменения глав между изданиями {previous} и {tag}:",
        "whats_new_none": "Ни одна глава не изменилась.",
        "added": "новая глава",
        "modified": "переработана",
        "deleted": "исключена",
        "renamed": "перемещена",
        "digest_intro": "Все рекомендации докладов по адресатам и срокам, а затем по задачам ЦУР 5.",
        "digest_none": "Ни в одном докладе этого издания пока нет рекомендаций.",
        "by_timeframe": "Кто и когда должен действовать",
        "by_sdg": "По задачам ЦУР 5",
        "addressee": "Адресат",
        "landmarks": "Ориентиры",
    },
}


RECOMMENDATION_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "recommendation": "Recommendation",
        "addressee": "Addressee",
        "level": "Level",
        "timeframe": "Timeframe",
        "priority": "Priority",
        "sdg": "SDG 5 targets",
        "cedaw": "CEDAW article",
        "partners": "Partners",
        "actions": "Actions",
        "indicator": "Indicator",
        "baseline": "Baseline",
        "target": "Target",
        "source": "Source",
        "rationale": "Rationale",
        "by": "by {year}",
    },
    "ru": {
        "recommendation": "Рекомендация",
        "addressee": "Адресат",
        "level": "Уровень",
        "timeframe": "Сроки",
        "priority": "Приоритет",
        "sdg": "Задачи ЦУР 5",
        "cedaw": "Статья КЛДЖ",
        "partners": "Партнёры",
        "actions": "Действия",
        "indicator": "Показатель",
        "baseline": "Исходное значение",
        "target": "Целевое значение",
        "source": "Источник",
        "rationale": "Обоснование",
        "by": "к {year} г.",
    },
    "ar": {
        "recommendation": "توصية",
        "addressee": "الجهة المعنية",
        "level": "المستوى",
        "timeframe": "الإطار الزمني",
        "priority": "الأولوية",
        "sdg": "غايات الهدف 5",
        "cedaw": "مادة سيداو",
        "partners": "الشركاء",
        "actions": "الإجراءات",
        "indicator": "المؤشر",
        "baseline": "خط الأساس",
        "target": "المستهدف",
        "source": "المصدر",
        "rationale": "المبررات",
        "by": "بحلول {year}",
    },
}
"""Labels of the recommendation box, in the paper's own language where given (else English)."""


def recommendation_label(language: str, key: str) -> tuple[str, str]:
    """A recommendation-box label and the language it is in."""
    primary = language.split("-")[0].lower()
    table = RECOMMENDATION_LABELS.get(primary)
    if table is None:
        return RECOMMENDATION_LABELS["en"][key], "en"
    return table[key], primary


def label(language: str, key: str) -> str:
    """An interface string in ``language`` (its primary subtag), falling back to English."""
    return LABELS.get(language.split("-")[0].lower(), LABELS["en"]).get(key, LABELS["en"][key])
