"""The key-facts box that opens each country chapter, built from its front matter."""

from __future__ import annotations

from docutils import nodes

from ..core import cldr, i18n
from ..core.config import DocumentConfig, IndicatorFact, Name
from ..core.labels.book import label
from .nodes import foreign, key_facts


def format_value(value: float, unit: str, language: str = "en") -> str:
    """A figure with its unit as the box's language writes it: 36.5%, 12,345, 1.8 pp; 36,5 %, 12 345, 1,8 п. п."""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    number = cldr.with_number_marks(number, i18n.interface_language(language))
    if unit == "%":
        return label(language, "percent").format(number)
    if unit == "percentage points":
        return label(language, "percentage_points").format(number)
    return number


def build(chapter: DocumentConfig, language: str) -> key_facts:
    """A key-facts box for one chapter; ``language`` is the publication's (the box's labels)."""
    box = key_facts(label=label(language, "key_facts"), lang=language, dir="ltr", classes=["key-facts"])
    box += nodes.rubric("", label(language, "key_facts"))
    facts = nodes.definition_list(classes=["key-facts-list"])
    _item(facts, label(language, "country"), [nodes.Text(chapter.country_name)])
    if chapter.institution is not None:
        _item(facts, label(language, "institution"), _name(chapter.institution, chapter))
    authors: list[nodes.Node] = []
    for index, author in enumerate(chapter.authors):
        if index:
            authors.append(nodes.Text("; "))
        authors.extend(_name(author, chapter))
    if authors:
        _item(facts, label(language, "authors"), authors)
    if chapter.data_year:
        _item(facts, label(language, "data_year"), [nodes.Text(str(chapter.data_year))])
    if chapter.currency:
        _item(facts, label(language, "currency"), [nodes.Text(chapter.currency)])
    record = chapter.history
    if record:
        _item(facts, label(language, "first_submitted").capitalize(), [nodes.Text(record.first)])
        _item(facts, label(language, "last_updated").capitalize(), [nodes.Text(record.last)])
        _item(facts, label(language, "revisions").capitalize(), [nodes.Text(str(record.revisions))])
    box += facts
    if chapter.indicators:
        box += _indicator_table(chapter.indicators, language)
        if any(item.illustrative for item in chapter.indicators):
            box += nodes.paragraph("", label(language, "illustrative"), classes=["key-facts-note"])
    return box


def _name(entry: Name, chapter: DocumentConfig) -> list[nodes.Node]:
    """A name in Latin script, followed by its native-script form in the chapter's language."""
    parts: list[nodes.Node] = [nodes.Text(entry.name)]
    native = entry.native_name
    if native and native != entry.name:
        parts.append(nodes.Text(" ("))
        parts.append(foreign(native, native, lang=chapter.language, dir=chapter.direction))
        parts.append(nodes.Text(")"))
    return parts


def _item(facts: nodes.definition_list, term: str, value: list[nodes.Node]) -> None:
    item = nodes.definition_list_item()
    item += nodes.term("", term)
    definition = nodes.definition()
    definition += nodes.paragraph("", "", *value)
    item += definition
    facts += item


def _indicator_table(indicators: tuple[IndicatorFact, ...], language: str) -> nodes.table:
    table = nodes.table(classes=["key-facts-indicators"])
    group = nodes.tgroup(cols=3)
    table += group
    for width in (6, 2, 1):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row([label(language, "indicator"), label(language, "value"), label(language, "year")])
    group += head
    body = nodes.tbody()
    for item in indicators:
        value = format_value(item.value, item.unit, language) + (" †" if item.illustrative else "")
        body += _row([item.label, value, str(item.year)])
    group += body
    return table


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for text in cells:
        entry = nodes.entry()
        entry += nodes.paragraph("", text)
        row += entry
    return row
