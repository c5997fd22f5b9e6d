"""The docutils translator that writes Typst: one visit/depart pair per node, as Sphinx's writers do.

Text always goes through :func:`handbook.typst.escape.text`, so nothing a chapter contains is
read as Typst. Labels are ``<docname>:<id>`` so that ids from different chapters never clash.
A node the translator does not know fails the build with its name and source line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Container, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NoReturn

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.locale import _, admonitionlabels
from sphinx.util import logging
from sphinx.util.docutils import SphinxTranslator

from ...core import fonts, registry
from ...core.config import EditionConfig
from ...sphinx_ext.nodes import foreign, key_facts, language_block
from . import escape
from .escape import typst_lang
from .math import MathRenderer

logger = logging.getLogger(__name__)

IGNORABLE = {"Cc", "Cf", "Zl", "Zp", "Zs", "Mn", "Me"}
"""Unicode categories never drawn as a glyph of their own (checked by shaping, not by cmap)."""


@dataclass
class Cell:
    content: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Table:
    """A table being collected: column widths, header rows and body rows."""

    widths: list[int] = field(default_factory=list)
    header: list[list[Cell]] = field(default_factory=list)
    body: list[list[Cell]] = field(default_factory=list)
    in_head: bool = False
    caption: str = ""
    labels: list[str] = field(default_factory=list)

    def add_row(self) -> None:
        (self.header if self.in_head else self.body).append([])

    def add_cell(self, cell: Cell) -> None:
        (self.header if self.in_head else self.body)[-1].append(cell)


class TypstTranslator(SphinxTranslator):
    """Walks the merged book and writes its Typst source into ``self.body``."""

    def __init__(self, document: nodes.document, builder: Builder) -> None:
        super().__init__(document, builder)
        self.body: list[str] = []
        self.docnames: list[str] = [builder.config.root_doc]
        self.section_level = 0
        self.tables: list[Table] = []
        self.footnotes = self._collect_footnotes(document)
        self.footnotes_written: set[str] = set()
        self.labels: Container[str] = frozenset()
        """Every label of the book (``<docname>:<id>``), which the builder sets: links to others are dropped."""
        self.coverage = fonts.coverage()
        self.languages: list[tuple[str, str]] = [(builder.config.language, "ltr")]
        self.math = MathRenderer(builder.outdir / "math")
        edition: EditionConfig = builder.config.handbook_edition
        self.chapters = edition.chapters
        self.kicker = _("Chapter") if builder.config.language.startswith("en") else ""

    # -- helpers ---------------------------------------------------------------------------------

    def astext(self) -> str:
        return "".join(self.body)

    @property
    def docname(self) -> str:
        return self.docnames[-1]

    def label(self, ident: str, docname: str | None = None) -> str:
        """The Typst label name of an id in a document."""
        return f"{docname or self.docname}:{ident}"

    def attach_labels(self, node: nodes.Element) -> str:
        """``#label(...)`` for a node's first id; further ids become labelled metadata before it."""
        ids: list[str] = list(node.get("ids", []))
        if not ids:
            return ""
        return f"#label({escape.string(self.label(ids[0]))})"

    def extra_anchors(self, node: nodes.Element) -> str:
        ids: list[str] = list(node.get("ids", []))
        return "".join(f"#metadata(none)#label({escape.string(self.label(ident))})" for ident in ids[1:])

    def chapter_number(self, docname: str) -> int | None:
        numbers = self.builder.env.toc_secnumbers.get(docname, {}).get("")
        return numbers[0] if numbers else None

    def figure_number(self, node: nodes.Element, kind: str = "figure") -> str:
        """Sphinx's number of a figure or table ("Fig. 3.1"), so the PDF numbers as the HTML does."""
        if not node.get("ids"):
            return ""
        numbers = self.builder.env.toc_fignumbers.get(self.docname, {}).get(kind, {}).get(node["ids"][0])
        if not numbers:
            return ""
        return str(self.config.numfig_format.get(kind, "%s")) % ".".join(map(str, numbers))

    @contextmanager
    def capture(self) -> Iterator[list[str]]:
        """Collect what is written meanwhile into a separate list."""
        saved, self.body = self.body, []
        captured = self.body
        try:
            yield captured
        finally:
            self.body = saved

    def render(self, children: Sequence[nodes.Node]) -> str:
        """The Typst of some nodes, written apart from the main body."""
        with self.capture() as out:
            for child in children:
                child.walkabout(self)
        return "".join(out).strip()

    def _collect_footnotes(self, document: nodes.document) -> dict[str, nodes.footnote]:
        """Footnotes by label. Found downwards from each file: Sphinx's merge leaves stale parents."""
        found: dict[str, nodes.footnote] = {}
        for start in document.findall(addnodes.start_of_file):
            for node in start.findall(nodes.footnote):
                for ident in node["ids"]:
                    found.setdefault(f"{start['docname']}:{ident}", node)
        return found

    def check_glyphs(self, node: nodes.Node, text: str) -> None:
        """A character no configured font has fails the build at its chapter line (never tofu)."""
        for char in set(text):
            if ord(char) in self.coverage or unicodedata.category(char) in IGNORABLE:
                continue
            logger.warning(
                "character U+%04X %s (%r) is in none of the configured fonts",
                ord(char),
                unicodedata.name(char, "unnamed"),
                char,
                location=node,
                type="handbook",
                subtype="glyph",
            )

    # -- document structure ----------------------------------------------------------------------

    def visit_document(self, node: nodes.document) -> None:
        pass

    def depart_document(self, node: nodes.document) -> None:
        pass

    def visit_start_of_file(self, node: addnodes.start_of_file) -> None:
        self.docnames.append(node["docname"])
        self.body.append(f"\n#metadata(none)#label({escape.string(node['docname'])})\n")

    def depart_start_of_file(self, node: addnodes.start_of_file) -> None:
        self.docnames.pop()

    def visit_section(self, node: nodes.section) -> None:
        self.section_level += 1

    def depart_section(self, node: nodes.section) -> None:
        self.section_level -= 1

    def visit_title(self, node: nodes.title) -> None:
        parent = node.parent
        if isinstance(parent, nodes.table):
            self.tables[-1].caption = self.render(node.children)
            raise nodes.SkipNode
        if isinstance(parent, nodes.topic | nodes.Admonition | nodes.sidebar):
            raise nodes.SkipNode  # written by the container
        if not isinstance(parent, nodes.section):
            self.unknown_visit(node)
        title = self.render(node.children)
        if self.section_level == 1:
            self.body.append(self._opener(parent, title))
        else:
            level = min(self.section_level, 6)
            self.body.append(
                f"\n{self.extra_anchors(parent)}#heading(level: {level})[{title}]{self.attach_labels(parent)}\n\n"
            )
        raise nodes.SkipNode

    def _opener(self, section: nodes.Element, title: str) -> str:
        chapter = self.chapters.get(self.docname)
        number = self.chapter_number(self.docname) if chapter else None
        lang, direction = self.languages[-1]
        kicker = f"{self.kicker} {number}" if number is not None else None
        arguments = [
            f"number: {number if number is not None else 'none'}",
            f"lang: {typst_lang(lang)}",
            f"dir: {direction}",
            f"fonts: {self._families(lang, sans=True)}",
            f"kicker: {escape.string(kicker) if kicker else 'none'}",
        ]
        anchors = self.extra_anchors(section)
        label = f"#label({escape.string(self.label(section['ids'][0]))})" if section.get("ids") else ""
        return f"\n{anchors}#opener({', '.join(arguments)})[{title}]{label}\n\n"

    def _families(self, lang: str, sans: bool = False) -> str:
        names = fonts.families(registry.script_of(lang), lang, sans=sans)
        return "(" + ", ".join(escape.string(n) for n in names) + ",)"

    def visit_subtitle(self, node: nodes.subtitle) -> None:
        self.body.append(f"#rubric[{self.render(node.children)}]\n\n")
        raise nodes.SkipNode

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        self.body.append(self.extra_anchors(node))

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        self.body.append("\n\n")

    def visit_compact_paragraph(self, node: nodes.Element) -> None:
        pass

    def depart_compact_paragraph(self, node: nodes.Element) -> None:
        self.body.append("\n\n")

    def visit_compound(self, node: nodes.compound) -> None:
        pass

    def depart_compound(self, node: nodes.compound) -> None:
        pass

    def visit_container(self, node: nodes.container) -> None:
        pass

    def depart_container(self, node: nodes.container) -> None:
        pass

    def visit_transition(self, node: nodes.transition) -> None:
        self.body.append("\n#align(center, line(length: 30%, stroke: 0.5pt))\n\n")
        raise nodes.SkipNode

    def visit_Text(self, node: nodes.Text) -> None:
        text = " ".join(node.astext().split("\n"))
        self.check_glyphs(node.parent or node, text)
        self.body.append(escape.text(text))

    def depart_Text(self, node: nodes.Text) -> None:
        pass

    # -- the project's own nodes -----------------------------------------------------------------

    def visit_language_block(self, node: language_block) -> None:
        lang, direction = node.get("lang", "en"), node.get("dir", "ltr")
        self.languages.append((lang, direction))
        hyphenate = "" if registry.hyphenated(lang) else ", hyphenate: false"
        self.body.append(
            f"\n#chapter-body(lang: {typst_lang(lang)}, dir: {direction}, fonts: {self._families(lang)}{hyphenate})[\n"
        )

    def depart_language_block(self, node: language_block) -> None:
        self.languages.pop()
        self.body.append("\n]\n")

    def visit_key_facts(self, node: key_facts) -> None:
        title = next((c for c in node.children if isinstance(c, nodes.rubric)), None)
        rest = [c for c in node.children if c is not title]
        heading = self.render(title.children) if title is not None else ""
        self.languages.append((node.get("lang", "en"), "ltr"))
        body = self.render(rest)
        self.languages.pop()
        self.body.append(f"\n#keyfacts(title: [{heading}], lang: {typst_lang(node.get('lang', 'en'))})[\n{body}\n]\n\n")
        raise nodes.SkipNode

    def visit_recommendation(self, node: nodes.Element) -> None:
        body = self.render(node.children)
        ident = escape.string(str(node.get("rec_id", "")))
        self.body.append(f"\n#recommendation(id: {ident})[\n{body}\n]{self.attach_labels(node)}\n\n")
        raise nodes.SkipNode

    def depart_recommendation(self, node: nodes.Element) -> None:
        pass

    def visit_foreign(self, node: foreign) -> None:
        lang = node.get("lang", "")
        self.body.append(f"#text(lang: {typst_lang(lang)})[" if lang else "#[")

    def depart_foreign(self, node: foreign) -> None:
        self.body.append("]")

    # -- inline ----------------------------------------------------------------------------------

    def visit_emphasis(self, node: nodes.Element) -> None:
        self.body.append("#emph[")

    def depart_emphasis(self, node: nodes.Element) -> None:
        self.body.append("]")

    visit_title_reference = visit_emphasis
    depart_title_reference = depart_emphasis

    def visit_strong(self, node: nodes.Element) -> None:
        self.body.append("#strong[")

    def depart_strong(self, node: nodes.Element) -> None:
        self.body.append("]")

    def visit_literal(self, node: nodes.literal) -> None:
        self.check_glyphs(node, node.astext())
        self.body.append(f"#raw({escape.string(node.astext())})")
        raise nodes.SkipNode

    def visit_subscript(self, node: nodes.subscript) -> None:
        self.body.append("#sub[")

    def depart_subscript(self, node: nodes.subscript) -> None:
        self.body.append("]")

    def visit_superscript(self, node: nodes.superscript) -> None:
        self.body.append("#super[")

    def depart_superscript(self, node: nodes.superscript) -> None:
        self.body.append("]")

    def visit_inline(self, node: nodes.Element) -> None:
        self.body.append(self.extra_anchors(node) + (f"#[]{self.attach_labels(node)}" if node.get("ids") else ""))

    def depart_inline(self, node: nodes.Element) -> None:
        pass

    visit_abbreviation = visit_inline
    depart_abbreviation = depart_inline
    visit_literal_strong = visit_strong
    depart_literal_strong = depart_strong
    visit_literal_emphasis = visit_emphasis
    depart_literal_emphasis = depart_emphasis

    def visit_reference(self, node: nodes.reference) -> None:
        target = self._link_target(node)
        if target is None:
            self.body.append("#[")
        else:
            self.body.append(f"#link({target})[")

    def depart_reference(self, node: nodes.reference) -> None:
        self.body.append("]")

    def _link_target(self, node: nodes.Element) -> str | None:
        """A link's destination: a URL string, a label, or None for a target outside this book."""
        uri = node.get("refuri", "")
        if node.get("refid"):
            name = self.label(node["refid"])
        elif uri.startswith("%"):
            docname, _, ident = uri[1:].partition("#")
            name = self.label(ident, docname) if ident else docname
        elif uri.startswith("#"):
            name = self.label(uri[1:])
        elif uri:
            return escape.string(uri)
        else:
            return None
        return f"label({escape.string(name)})" if name in self.labels else None

    def visit_number_reference(self, node: nodes.Element) -> None:
        target = self._link_target(node)
        text = escape.text(node.astext())
        self.body.append(f"#link({target})[{text}]" if target else text)
        raise nodes.SkipNode

    def visit_download_reference(self, node: nodes.Element) -> None:
        pass

    def depart_download_reference(self, node: nodes.Element) -> None:
        pass

    def visit_target(self, node: nodes.target) -> None:
        if node.get("ids") and not node.get("refuri"):
            self.body.append("".join(f"#metadata(none)#label({escape.string(self.label(i))})" for i in node["ids"]))
        raise nodes.SkipNode

    def visit_footnote_reference(self, node: nodes.footnote_reference) -> None:
        key = self.label(node.get("refid", ""))
        footnote = self.footnotes.get(key)
        if footnote is None:
            self.unknown_visit(node)
        if key in self.footnotes_written:
            self.body.append(f"#footnote(label({escape.string(key)}))")
            raise nodes.SkipNode
        self.footnotes_written.add(key)
        content = self.render([c for c in footnote.children if not isinstance(c, nodes.label)])
        lang, direction = self.languages[-1]
        scoped = f"#[#set text(lang: {typst_lang(lang)}, dir: {direction}); {content}]"
        self.body.append(f"#footnote[{scoped}]#label({escape.string(key)})")
        raise nodes.SkipNode

    def visit_footnote(self, node: nodes.footnote) -> None:
        raise nodes.SkipNode  # written where it is referenced

    def visit_problematic(self, node: nodes.problematic) -> None:
        self.unknown_visit(node)

    # -- blocks ----------------------------------------------------------------------------------

    def visit_bullet_list(self, node: nodes.bullet_list) -> None:
        self.body.append(f"\n#list(\n{self._items(node)})\n\n")
        raise nodes.SkipNode

    def visit_enumerated_list(self, node: nodes.enumerated_list) -> None:
        start = node.get("start", 1)
        self.body.append(f"\n#enum(start: {int(start)},\n{self._items(node)})\n\n")
        raise nodes.SkipNode

    def _items(self, node: nodes.Element) -> str:
        return "".join(f"  [{self.render(item.children)}],\n" for item in node.children)

    def visit_definition_list(self, node: nodes.definition_list) -> None:
        items = []
        for item in node.children:
            term = [c for c in item.children if isinstance(c, nodes.term | nodes.classifier)]
            definition = [c for c in item.children if isinstance(c, nodes.definition)]
            items.append((self.render(term), self.render(definition)))
        if self.languages and isinstance(node.parent, key_facts):
            rows = ", ".join(f"([{term}], [{desc}])" for term, desc in items)
            self.body.append(f"\n#facts({rows})\n\n")
        else:
            rows = ",\n".join(f"  terms.item[{term}][{desc}]" for term, desc in items)
            self.body.append(f"\n#terms(\n{rows})\n\n")
        raise nodes.SkipNode

    def visit_term(self, node: nodes.term) -> None:
        pass

    def depart_term(self, node: nodes.term) -> None:
        pass

    def visit_definition(self, node: nodes.definition) -> None:
        pass

    def depart_definition(self, node: nodes.definition) -> None:
        pass

    def visit_block_quote(self, node: nodes.block_quote) -> None:
        attribution = [c for c in node.children if isinstance(c, nodes.attribution)]
        body = self.render([c for c in node.children if not isinstance(c, nodes.attribution)])
        by = f"attribution: [{self.render(attribution[0].children)}], " if attribution else ""
        self.body.append(f"\n#quote(block: true, {by})[{body}]\n\n")
        raise nodes.SkipNode

    def visit_literal_block(self, node: nodes.Element) -> None:
        self.check_glyphs(node, node.astext())
        language = node.get("language", "")
        lang = f", lang: {escape.string(language)}" if language and language not in ("default", "none") else ""
        self.body.append(f"\n#raw(block: true{lang}, {escape.string(node.astext())})\n\n")
        raise nodes.SkipNode

    visit_doctest_block = visit_literal_block

    def visit_line_block(self, node: nodes.line_block) -> None:
        lines = [self.render(line.children) for line in node.findall(nodes.line)]
        self.body.append("\n" + "#linebreak()".join(lines) + "\n\n")
        raise nodes.SkipNode

    def visit_rubric(self, node: nodes.rubric) -> None:
        self.body.append(f"\n#rubric[{self.render(node.children)}]\n\n")
        raise nodes.SkipNode

    def visit_topic(self, node: nodes.Element) -> None:
        title = next((c for c in node.children if isinstance(c, nodes.title)), None)
        heading = f"[{self.render(title.children)}]" if title is not None else "none"
        body = self.render([c for c in node.children if c is not title])
        self.body.append(f"\n#topic(title: {heading})[{body}]{self.attach_labels(node)}\n\n")
        raise nodes.SkipNode

    visit_sidebar = visit_topic

    def visit_admonition(self, node: nodes.Element) -> None:
        title = next((c for c in node.children if isinstance(c, nodes.title)), None)
        kinds = [c for c in node["classes"] if c in admonitionlabels]
        kind = kinds[0] if kinds else type(node).__name__
        if title is not None:
            heading = self.render(title.children)
        else:
            heading = escape.text(admonitionlabels.get(kind, kind.capitalize()))
        body = self.render([c for c in node.children if c is not title])
        self.body.append(f"\n#admonition(kind: {escape.string(kind)}, title: [{heading}])[{body}]\n\n")
        raise nodes.SkipNode

    visit_note = visit_tip = visit_hint = visit_important = visit_warning = visit_caution = visit_admonition
    visit_attention = visit_danger = visit_error = visit_seealso = visit_admonition

    # -- figures, images, math -------------------------------------------------------------------

    def visit_figure(self, node: nodes.figure) -> None:
        image = next(iter(node.findall(nodes.image)), None)
        caption = next((c for c in node.children if isinstance(c, nodes.caption)), None)
        legend = next((c for c in node.children if isinstance(c, nodes.legend)), None)
        if image is None:
            self.unknown_visit(node)
        number = self.figure_number(node)
        text = self.render(caption.children) if caption is not None else ""
        if number:
            text = f"{escape.text(number + ' ')}{text}"
        if legend is not None:
            text += f"#parbreak(){self.render(legend.children)}"
        self.body.append(
            f"\n#figure({self._image(image, block=True)}, caption: [{text}], numbering: none, supplement: none)"
            f"{self.attach_labels(node)}\n\n"
        )
        raise nodes.SkipNode

    def visit_image(self, node: nodes.image) -> None:
        """An image alone in its paragraph (Markdown's ``![alt](path)``) or between blocks stands as a block;
        one among words is a box in the line. Either way it is code, not markup: ``#`` in front."""
        parent = node.parent
        alone = isinstance(parent, nodes.paragraph) and len(parent.children) == 1
        if alone or not isinstance(parent, nodes.TextElement):
            picture = self._image(node, block=True)
            self.body.append(f"\n#align(center, {picture})\n\n" if picture else "")
        else:
            picture = self._image(node, block=False)
            self.body.append(f"#box({picture})" if picture else "")
        raise nodes.SkipNode

    def _image(self, node: nodes.image, block: bool) -> str:
        uri = node["uri"]
        path = self.builder.images.get(uri)
        if path is None:
            logger.warning("image %s was not collected for the PDF", uri, location=node, type="handbook")
            return ""
        alt = node.get("alt") or ""
        width = "100%" if block else "auto"
        if node.get("width", "").endswith("%"):
            width = node["width"]
        return f"image({escape.string('images/' + path)}, alt: {escape.string(alt)}, width: {width})"

    def visit_math(self, node: nodes.math) -> None:
        image = self.math.render(node.astext(), inline=True)
        self.body.append(f"#box(baseline: 20%, image({escape.string(image)}, alt: {escape.string(node.astext())}))")
        raise nodes.SkipNode

    def visit_math_block(self, node: nodes.math_block) -> None:
        image = self.math.render(node.astext(), inline=False)
        self.body.append(f"\n#align(center, image({escape.string(image)}, alt: {escape.string(node.astext())}))\n\n")
        raise nodes.SkipNode

    # -- tables ----------------------------------------------------------------------------------

    def visit_table(self, node: nodes.table) -> None:
        self.tables.append(Table(labels=list(node.get("ids", []))))

    def depart_table(self, node: nodes.table) -> None:
        table = self.tables.pop()
        columns = "(" + ", ".join(f"{max(w, 1)}fr" for w in table.widths) + ",)"
        parts = [f"columns: {columns}"]
        if table.header:
            parts.append("table.header(" + ", ".join(self._cell(c) for row in table.header for c in row) + ")")
        parts += [self._cell(c) for row in table.body for c in row]
        grid = "table(\n  " + ",\n  ".join(parts) + ",\n)"
        label = f"#label({escape.string(self.label(table.labels[0]))})" if table.labels else ""
        number = self.figure_number(node, "table")
        if table.caption or number:
            caption = (escape.text(number + " ") if number else "") + table.caption
            options = "kind: table, numbering: none, supplement: none"
            self.body.append(
                f"\n#figure({grid}, caption: figure.caption(position: top)[{caption}], {options}){label}\n\n"
            )
        else:
            self.body.append(f"\n#{grid}{label}\n\n")

    @staticmethod
    def _cell(cell: Cell) -> str:
        spans = (f"colspan: {cell.colspan}, " if cell.colspan > 1 else "") + (
            f"rowspan: {cell.rowspan}, " if cell.rowspan > 1 else ""
        )
        return f"table.cell({spans.rstrip(', ')})[{cell.content}]" if spans else f"[{cell.content}]"

    def visit_tgroup(self, node: nodes.tgroup) -> None:
        pass

    def depart_tgroup(self, node: nodes.tgroup) -> None:
        pass

    def visit_colspec(self, node: nodes.colspec) -> None:
        self.tables[-1].widths.append(int(node.get("colwidth", 1)))
        raise nodes.SkipNode

    def visit_thead(self, node: nodes.thead) -> None:
        self.tables[-1].in_head = True

    def depart_thead(self, node: nodes.thead) -> None:
        self.tables[-1].in_head = False

    def visit_tbody(self, node: nodes.tbody) -> None:
        pass

    def depart_tbody(self, node: nodes.tbody) -> None:
        pass

    def visit_row(self, node: nodes.row) -> None:
        self.tables[-1].add_row()

    def depart_row(self, node: nodes.row) -> None:
        pass

    def visit_entry(self, node: nodes.entry) -> None:
        content = self.render(node.children)
        cell = Cell(content, int(node.get("morecols", 0)) + 1, int(node.get("morerows", 0)) + 1)
        self.tables[-1].add_cell(cell)
        raise nodes.SkipNode

    # -- nodes with nothing to print -------------------------------------------------------------

    def visit_comment(self, node: nodes.Element) -> None:
        raise nodes.SkipNode

    visit_substitution_definition = visit_comment
    visit_index = visit_comment
    visit_meta = visit_comment
    visit_toctree = visit_comment
    visit_label = visit_comment

    def visit_raw(self, node: nodes.raw) -> None:
        raise nodes.SkipNode  # raw HTML or LaTeX has no meaning in a PDF; the validator refuses it

    def unknown_visit(self, node: nodes.Node) -> NoReturn:
        logger.warning(
            "the PDF writer does not know how to write a %s node; nothing was dropped silently",
            node.__class__.__name__,
            location=node,
            type="handbook",
            subtype="typst-node",
        )
        raise nodes.SkipNode
