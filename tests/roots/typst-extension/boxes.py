"""A third-party extension: a ``callout`` directive whose node has a Typst visitor, and a translator of its own."""

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from handbook.builders.typst.translator import TypstTranslator


class callout(nodes.General, nodes.Element):
    """A box the handbook's translator knows nothing about."""


class CalloutDirective(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        box = callout()
        box += self.parse_content_to_nodes()
        return [box]


def visit_callout(translator: TypstTranslator, node: callout) -> None:
    translator.body.append('\n#block(stroke: 1pt)[#text("CALLOUT:") ')


def depart_callout(translator: TypstTranslator, node: callout) -> None:
    translator.body.append("]\n")


class MarkedTranslator(TypstTranslator):
    """The handbook's translator, with every paragraph marked."""

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        self.body.append('#text("MARKED:") ')
        super().visit_paragraph(node)


def choose_translator(app, config) -> None:
    if config.boxes_marked:
        app.set_translator("typst", MarkedTranslator)


def setup(app):
    app.add_config_value("boxes_marked", False, "env", types=frozenset({bool}))
    app.add_directive("callout", CalloutDirective)
    app.add_node(callout, typst=(visit_callout, depart_callout))
    app.connect("config-inited", choose_translator)
    return {"parallel_read_safe": True}
