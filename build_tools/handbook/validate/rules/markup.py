"""Rules on markup that could run code or read files: raw HTML, script addresses, directives and roles.

Chapters come from many institutions and the web edition is public, so a chapter may use only the
MyST syntax the book supports in every format; anything that passes through unchecked is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ...core.model import Chapter, Finding, Html, Outline, Severity
from .. import rawhtml
from .rulebook import Rule, chapter_check, rule

E = Severity.ERROR
FAMILY = "safe markup"

MAX_FINDINGS = 50
"""Findings of one rule reported one by one in a chapter; past this many, one more gives the count."""
ADMONITIONS = ("note", "tip", "hint", "important", "warning", "caution", "attention", "danger", "error", "seealso")
SUPPORTED_DIRECTIVES = frozenset(
    {
        *ADMONITIONS, "admonition", "figure", "image", "table", "list-table", "csv-table", "math",
        "code", "code-block", "sourcecode", "epigraph", "highlights", "pull-quote", "topic", "sidebar", "rubric",
        "recommendation",
    }
)  # fmt: skip
"""Directives every output (HTML, EPUB, PDF) renders, and that read nothing but the chapter itself."""
UNSAFE_DIRECTIVES = {
    "include": "copies another file into the chapter",
    "literalinclude": "copies a file from the build machine into the book",
    "raw": "passes HTML or LaTeX into the book unchecked",
    "eval-rst": "reads reStructuredText, which can include files and pass raw HTML",
    "role": "defines new roles, such as one for raw HTML",
    "default-role": "changes what every `text` in the chapter means",
    "meta": "writes <meta> tags into the page's head",
    "title": "changes the page's title",
    "header": "adds text to every page",
    "footer": "adds text to every page",
    "toctree": "pulls other files into the book",
    "ifconfig": "runs Python code during the build",
    "exec": "runs code during the build",
    "execute": "runs code during the build",
    "code-cell": "runs code during the build",
    "jupyter-execute": "runs code during the build",
    "plot": "runs Python code during the build",
    "program-output": "runs a command during the build",
    "command-output": "runs a command during the build",
    "graphviz": "runs a program during the build",
    "graph": "runs a program during the build",
    "digraph": "runs a program during the build",
    "inheritance-diagram": "imports Python code during the build",
    "mermaid": "runs a script in the reader's browser",
    "uml": "runs a program during the build",
}
"""Directives that read files, run code or pass raw output, with what they would do."""
FILE_OPTIONS = ("file", "url", "literal", "parser")
"""Directive options that read a file or a web address, or choose how an included file is read."""
SUPPORTED_ROLES = frozenset({"ref", "numref", "abbr", "sub", "sup", "math", "code", "native"})
"""Roles every output renders."""
UNSAFE_ROLES = {
    "raw": "passes HTML or LaTeX into the book unchecked",
    "eval-rst": "reads reStructuredText, which can pass raw HTML",
    "download": "copies a file into the web edition",
}

HTML_RAW = rule(
    "html-raw", E, "No raw HTML: the PDF leaves it out and the web edition must not pass it on; write MyST.", FAMILY
)
HTML_SCRIPT = rule(
    "html-script",
    E,
    "No HTML elements that run code, embed pages or change the page (script, iframe, object, embed, style, "
    "link, meta, base, form, svg...).",
    FAMILY,
)
HTML_EVENT_HANDLER = rule("html-event-handler", E, "No HTML event-handler attributes (onclick, onerror...).", FAMILY)
URL_UNSAFE = rule(
    "url-unsafe", E, "No javascript:, vbscript: or data: addresses in links, images, HTML or formulas.", FAMILY
)
DIRECTIVE_UNSAFE = rule(
    "directive-unsafe",
    E,
    "No directive that reads files, runs code or passes raw output (include, literalinclude, raw, eval-rst, "
    "csv-table with :file: or :url:...).",
    FAMILY,
)
DIRECTIVE_UNKNOWN = rule(
    "directive-unknown",
    E,
    "Directives are ones the book supports: admonitions (note, tip, warning...), figure, image, table, list-table, "
    "csv-table, math, code-block, epigraph, topic, sidebar, rubric, recommendation.",
    FAMILY,
)
ROLE_UNSAFE = rule("role-unsafe", E, "No role that passes raw output or copies files (raw, download...).", FAMILY)
ROLE_UNKNOWN = rule(
    "role-unknown", E, "Roles are ones the book supports: ref, numref, abbr, sub, sup, math, code, native.", FAMILY
)

_MYST_INSTEAD = (
    "write it in MyST: **bold**, *italic*, H{sub}`2`O, m{sup}`2`, ![description](cc/file.png) for a picture, "
    "a pipe table or a {list-table}, and a line starting with % for a note to the editors"
)
_ELEMENT_HINTS = {
    "svg": "save the drawing as a file in the chapter's folder and show it with :::{figure} cc/drawing.svg",
    "math": "write formulas as $...$ or in a {math} block",
    "style": "remove it: the book's design is the same for every chapter",
    "link": "remove it: the book's design is the same for every chapter",
    "meta": "remove it: a chapter cannot change the page's head",
    "base": "remove it: a chapter cannot change the page's head",
}
_EMBED_HINT = "remove it and link to the page instead: [what it is](https://...)"
_SCRIPT_HINT = "remove it: chapters cannot run scripts; show data as a table, or a chart as an image file"
_TEX_LINK = re.compile(r"\\(?:href|url)\s*\{([^}]*)\}")


class _Columns:
    """Where things are on the chapter's lines; the same text found twice on a line gives its next place."""

    def __init__(self, chapter: Chapter) -> None:
        self.lines = chapter.source.text.split("\n") if chapter.source is not None else []
        self.searched: dict[tuple[int, str], int] = {}

    def of(self, line: int, needle: str, default: int = 1) -> int:
        """The 1-based column of ``needle`` on ``line`` (after its previous place), or ``default``."""
        if not needle or not 0 < line <= len(self.lines):
            return default
        found = self.lines[line - 1].find(needle, self.searched.get((line, needle), 0))
        if found < 0:
            return default
        self.searched[(line, needle)] = found + 1
        return found + 1


@dataclass(frozen=True)
class _Found:
    """A finding before its column is looked up: ``needle`` is the text to find on the line."""

    rule: Rule
    line: int
    needle: str
    message: str
    hint: str
    column: int = 1
    """The column when ``needle`` is not found on the line."""


def _report(chapter: Chapter, found: Iterable[_Found]) -> Iterator[Finding]:
    """Findings at their columns, at most :data:`MAX_FINDINGS` of a rule; one more says how many are left out.

    A hostile chapter can hold hundreds of thousands of tags on one line: the cap keeps both the
    report readable and the column searches few.
    """
    columns = _Columns(chapter)
    counts: dict[str, int] = {}
    left_out: dict[str, _Found] = {}
    for item in found:
        counts[item.rule.id] = counts.get(item.rule.id, 0) + 1
        if counts[item.rule.id] <= MAX_FINDINGS:
            column = columns.of(item.line, item.needle, item.column)
            yield item.rule.at(chapter, item.line, column, item.message, _in_chapter(chapter, item.hint))
        else:
            left_out.setdefault(item.rule.id, item)
    for rule_id, first in left_out.items():
        yield first.rule.at(
            chapter,
            first.line,
            columns.of(first.line, first.needle, first.column),
            f"{counts[rule_id] - MAX_FINDINGS} more {rule_id} problems from here on",
            "fix them like the ones above",
        )


def _in_chapter(chapter: Chapter, hint: str) -> str:
    """A hint with the chapter's own folder in its examples ("cc/file.png" becomes "kz/file.png")."""
    return hint.replace("cc/", chapter.location.country.lower() + "/")


def _element_hint(name: str) -> str:
    if name in _ELEMENT_HINTS:
        return _ELEMENT_HINTS[name]
    if name in ("iframe", "frame", "frameset", "object", "embed", "applet", "param", "portal"):
        return _EMBED_HINT
    if name in ("form", "input", "button", "select", "textarea"):
        return "remove it: a book cannot hold a form; link to the form's web page instead"
    return _SCRIPT_HINT


@chapter_check
def raw_html(chapter: Chapter) -> Iterator[Finding]:
    """Raw HTML is refused; what in it could run code or load something is named."""
    if chapter.outline is not None:
        yield from _report(chapter, _html_found(chapter.outline.html))


def _html_found(fragments: list[Html]) -> Iterator[_Found]:
    """What each fragment could do, or, for harmless-looking HTML, one finding a line."""
    reported: set[int] = set()
    for fragment in fragments:
        found = [item for tag in rawhtml.tags(fragment.text) for item in _tag_found(tag, fragment.line)]
        reported.update(item.line for item in found)
        yield from found
        if not found and fragment.line not in reported:
            reported.add(fragment.line)
            first = fragment.text.strip().split("\n")[0]
            yield _Found(HTML_RAW, fragment.line, first, f"raw HTML '{rawhtml.shown(first)}'", _MYST_INSTEAD)


def _tag_found(tag: rawhtml.Tag, first_line: int) -> Iterator[_Found]:
    line = first_line + tag.line - 1
    needle = tag.source.split("\n")[0]
    if tag.name in rawhtml.ACTIVE_ELEMENTS:
        yield _Found(
            HTML_SCRIPT,
            line,
            needle,
            f"raw HTML <{tag.name}> element: such elements run code, embed other pages or change the page "
            "in readers' browsers",
            _element_hint(tag.name),
            tag.column,
        )
    handlers = rawhtml.event_handlers(tag)
    if handlers:
        yield _Found(
            HTML_EVENT_HANDLER,
            line,
            needle,
            f"raw HTML <{tag.name}> with the event handler {', '.join(handlers)}, which runs code",
            "remove it; chapters cannot run scripts, and " + _MYST_INSTEAD,
            tag.column,
        )
    for attribute, scheme in rawhtml.script_urls(tag):
        yield _Found(
            URL_UNSAFE,
            line,
            needle,
            f"raw HTML <{tag.name}> has a {scheme}: address in '{attribute}'",
            "remove it; link to web pages with https:// and put pictures in the chapter's folder as files",
            tag.column,
        )


@chapter_check
def script_addresses(chapter: Chapter) -> Iterator[Finding]:
    """Links, images and formulas never point at javascript:, vbscript: or data: addresses."""
    if chapter.outline is not None:
        yield from _report(chapter, _addresses_found(chapter.outline))


def _addresses_found(outline: Outline) -> Iterator[_Found]:
    addresses = [
        *((f"link '{link.href}'", link.href, link.line, "link to a web page (https://...) or to a file in cc/")
          for link in outline.links),
        *((f"image '{image.src}'", image.src, image.line,
           "save the picture as a file in cc/ and refer to it: ![description](cc/picture.png)")
          for image in outline.images),
    ]  # fmt: skip
    for what, address, line, hint in addresses:
        scheme = rawhtml.script_scheme(address)
        if scheme is not None:
            yield _Found(
                URL_UNSAFE,
                line,
                address[:20],
                f"{rawhtml.shown(what)} is a {scheme}: address, which a browser would run or open as a page",
                hint,
            )
    for formula in outline.maths:
        for offset, target in _tex_links(formula.text):
            scheme = rawhtml.script_scheme(target)
            if scheme is not None:
                yield _Found(
                    URL_UNSAFE,
                    formula.line + offset,
                    "\\",
                    f"a formula links to a {scheme}: address ('{rawhtml.shown(target)}')",
                    "remove the \\href or \\url; put links in the text with [title](https://...)",
                )


def _tex_links(tex: str) -> Iterator[tuple[int, str]]:
    for match in _TEX_LINK.finditer(tex):
        yield tex.count("\n", 0, match.start()), match.group(1)


@chapter_check
def directives(chapter: Chapter) -> Iterator[Finding]:
    """Only supported directives, and none of their options reads a file."""
    if chapter.outline is not None:
        yield from _report(chapter, _directives_found(chapter.outline))


def _directives_found(outline: Outline) -> Iterator[_Found]:
    for directive in outline.directives:
        name = directive.name.lower()
        written = "{" + directive.name + "}"
        if name in UNSAFE_DIRECTIVES:
            message = f"the {written} directive {UNSAFE_DIRECTIVES[name]}"
            yield _Found(DIRECTIVE_UNSAFE, directive.line, written, message, _directive_hint(name))
        elif name not in SUPPORTED_DIRECTIVES:
            yield _Found(
                DIRECTIVE_UNKNOWN,
                directive.line,
                written,
                f"the {written} directive is not one the book supports",
                "use one of: " + ", ".join(sorted(SUPPORTED_DIRECTIVES)) + " (see contrib/README.md)",
            )
        else:
            for option in (option for option in FILE_OPTIONS if option in directive.options):
                yield _Found(
                    DIRECTIVE_UNSAFE,
                    directive.option_lines.get(option, directive.line),
                    f":{option}:",
                    f"the :{option}: option makes {written} read a file or a web address",
                    "write the table's rows in the chapter itself (a pipe table, a {list-table}, "
                    "or CSV lines in the {csv-table})",
                )


def _directive_hint(name: str) -> str:
    if name in ("include", "literalinclude"):
        return "put the text in the chapter itself, in a ``` code block if it is code"
    if name in ("raw", "eval-rst"):
        return "remove it; " + _MYST_INSTEAD
    if name == "toctree":
        return "remove it; the book's contents come from book/<id>/publication.yml"
    return "remove it; a chapter holds text, tables and image files, and the build runs no code from it"


@chapter_check
def roles(chapter: Chapter) -> Iterator[Finding]:
    """Only supported roles."""
    if chapter.outline is not None:
        yield from _report(chapter, _roles_found(chapter.outline))


def _roles_found(outline: Outline) -> Iterator[_Found]:
    for role in outline.roles:
        name = role.name.lower()
        written = "{" + role.name + "}"
        unsafe = UNSAFE_ROLES.get(name) or (UNSAFE_ROLES["raw"] if name.startswith("raw-") else None)
        if unsafe is not None:
            hint = (
                "link to the file with [title](cc/file.xlsx)" if name == "download" else "remove it; " + _MYST_INSTEAD
            )
            yield _Found(ROLE_UNSAFE, role.line, written, f"the {written} role {unsafe}", hint)
        elif name not in SUPPORTED_ROLES:
            yield _Found(
                ROLE_UNKNOWN,
                role.line,
                written,
                f"the {written} role is not one the book supports",
                "use one of: " + ", ".join(sorted(SUPPORTED_ROLES)) + "; refer to sections with {ref}`label`",
            )
