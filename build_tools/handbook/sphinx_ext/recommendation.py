"""The ``{recommendation}`` directive: one numbered, linkable box per recommendation.

The box is made of standard nodes (rubric, definition list, enumerated list, table), so every
writer renders its content; only the wrapping ``recommendation`` node has handlers of its own.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..core import registry
from ..core.labels.recommendation import recommendation_label
from ..sources import recommendations
from .nodes import foreign


class recommendation(nodes.General, nodes.Element):  # docutils names nodes in lower case
    """A recommendation box; ``ids`` holds its label (``ge-kz-01``)."""


class RecommendationDirective(SphinxDirective):
    """``:::{recommendation} Title`` with the options of :func:`handbook.recommendations.option_names`."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = dict.fromkeys(recommendations.option_names(), directives.unchanged)

    def run(self) -> list[nodes.Node]:
        chapter = self.config.handbook_edition.chapters.get(self.env.docname)
        language = chapter.language if chapter is not None else str(self.config.language)
        item = recommendations.from_options(self.arguments[0], dict(self.options), "\n".join(self.content))
        box = recommendation(classes=["recommendation"], ids=[item.label], rec_id=item.id, lang=language)
        self.set_source_info(box)
        title_nodes, messages = self.parse_inline(item.title, lineno=self.lineno)
        heading = nodes.rubric("", "", classes=["recommendation-title"])
        heading += nodes.strong(item.id, item.id)
        heading += nodes.Text(" ")
        heading += title_nodes
        box += heading
        box += self._facts(item, language)
        box += self._heading("actions", language)
        actions = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        for action in item.actions:
            text_nodes, more = self.parse_inline(action, lineno=self.lineno)
            messages += more
            actions += nodes.list_item("", nodes.paragraph("", "", *text_nodes))
        box += actions
        box += self._indicators(item, language)
        if self.content:
            box += self._heading("rationale", language)
            box += self.parse_content_to_nodes()
        self.env.get_domain("std").note_hyperlink_target(  # type: ignore[attr-defined]
            item.label, self.env.docname, item.label, f"{item.id} {item.title}"
        )
        return [box, *messages]

    def _text(self, key: str, language: str) -> nodes.Node:
        text, lang = recommendation_label(language, key)
        if lang == registry.primary_subtag(language):
            return nodes.Text(text)
        return foreign(text, text, lang=lang, dir=registry.direction_of(lang))

    def _heading(self, key: str, language: str) -> nodes.rubric:
        return nodes.rubric("", "", self._text(key, language), classes=["recommendation-part"])

    def _facts(self, item: recommendations.Recommendation, language: str) -> nodes.definition_list:
        vocabulary = registry.recommendation_vocabulary()

        def term(kind: str, key: str) -> str:
            found = vocabulary[kind].get(key)
            return found.label(language) if found else key

        timeframe = item.timeframe
        if recommendations.YEAR_PATTERN.match(timeframe):
            timeframe = recommendation_label(language, "by")[0].format(year=timeframe)
        else:
            timeframe = term("timeframes", timeframe)
        rows = [
            ("addressee", term("addressees", item.addressee)),
            ("level", term("levels", item.level)),
            ("timeframe", timeframe),
            ("priority", term("priorities", item.priority)),
            ("sdg", ", ".join(item.sdg)),
        ]
        if item.cedaw:
            rows.append(("cedaw", item.cedaw))
        if item.partners:
            rows.append(("partners", item.partners))
        facts = nodes.definition_list(classes=["recommendation-facts"])
        for key, value in rows:
            entry = nodes.definition_list_item()
            entry += nodes.term("", "", self._text(key, language))
            entry += nodes.definition("", nodes.paragraph(value, value))
            facts += entry
        return facts

    def _indicators(self, item: recommendations.Recommendation, language: str) -> nodes.table:
        table = nodes.table(classes=["recommendation-indicators"])
        group = nodes.tgroup(cols=4)
        table += group
        for width in (4, 2, 2, 3):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += _row([self._text(k, language) for k in ("indicator", "baseline", "target", "source")])
        group += head
        body = nodes.tbody()
        for indicator in item.indicators:
            body += _row(
                [nodes.Text(v) for v in (indicator.name, indicator.baseline, indicator.target, indicator.source)]
            )
        group += body
        return table


def _row(cells: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        row += nodes.entry("", nodes.paragraph("", "", cell))
    return row


def visit_recommendation_html(translator: Any, node: recommendation) -> None:
    ident = node["ids"][0] if node["ids"] else ""
    label = translator.attval(f"{node.get('rec_id', '')}")
    translator.body.append(f'<section class="recommendation" id="{ident}" aria-label="{label}">\n')


def depart_recommendation_html(translator: Any, node: recommendation) -> None:
    translator.body.append("</section>\n")
