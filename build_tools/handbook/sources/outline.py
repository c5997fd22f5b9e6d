"""Outlining a chapter body: headings, labels, images, links, tables, roles, directives and raw HTML, with lines.

The outline itself is :class:`handbook.core.model.Outline`.

Parsed with the same MyST syntax the build uses, so that code blocks and comments are never
mistaken for content; directive bodies, titles and options that hold Markdown are parsed too.
"""

from __future__ import annotations

import csv
import re
import textwrap
from dataclasses import dataclass, field, replace

from markdown_it.token import Token
from myst_parser.parsers.options import TokenizeError, options_to_tokens

from ..core.model import Directive, Heading, Html, Image, Link, Outline, Role, SourceProblem, Target, TextRun
from .myst import markdown_parser

LITERAL_DIRECTIVES = frozenset(
    {"code", "code-block", "sourcecode", "code-cell", "math", "raw", "literalinclude", "mermaid", "eval-rst"}
)
"""Directives whose content is not Markdown (a csv-table's cells are, and are parsed one by one)."""
PATH_ARGUMENT_DIRECTIVES = frozenset({"image", "figure", "include", "literalinclude"})
"""Directives whose argument is a file name, not a title in Markdown."""

_OPTION = re.compile(r"^:([A-Za-z0-9_-]+):(?:\s+(.*))?$")
_CSV_DELIMITERS = {"tab": "\t", "space": " "}
_YAML_REFERENCE = re.compile(r"&[\w-]+(?:\s|$)|\*[\w-]+$")
"""A value that starts with a YAML anchor or is an alias, which MyST's option reader keeps as text."""
_INLINE_MARKUP = re.compile(r"[<`\[$]")
"""What raw HTML, a role, a link, an image or a formula needs in inline text."""


def parse(body: str, first_line: int = 1) -> Outline:
    """Outline a chapter body whose first line is line ``first_line`` of the file."""
    outline = Outline()
    _walk(body, first_line, outline, 0)
    return outline


def _walk(text: str, first_line: int, outline: Outline, depth: int) -> None:
    parser = markdown_parser(every_link=True)
    limit = int(parser.options.get("maxNesting", 20))
    if depth >= limit:
        outline.too_deep.append(first_line - 1)
        return
    tokens = parser.parse(text)
    heading_level = 0
    line = first_line
    for token in tokens:
        line = first_line + token.map[0] if token.map else line
        if token.level >= limit - 1 and (not outline.too_deep or outline.too_deep[-1] != line):
            outline.too_deep.append(line)
        if token.type == "heading_open":
            heading_level = int(token.tag[1:])
        elif token.type == "inline":
            if heading_level:
                outline.headings.append(Heading(heading_level, token.content, line))
                outline.blocks.append(("heading", line))
                heading_level = 0
            _inline(token, line, outline)
        elif token.type == "myst_target":
            outline.targets.append(Target(token.content, line))
            outline.blocks.append(("target", line))
        elif token.type == "table_open":
            outline.tables.append(line)
            outline.blocks.append(("table", line))
        elif token.type in ("fence", "colon_fence"):
            _fence(token, line, outline, depth)
        elif token.map and not token.type.endswith("_close"):
            outline.blocks.append((token.type, line))
            if token.type == "html_block":
                outline.html.append(Html(token.content, line))
            elif token.type.startswith("math_block"):
                outline.maths.append(TextRun(token.content, line))


def _inline(token: Token, line: int, outline: Outline, prose: bool = True) -> None:
    """Record an inline token's images, links, roles, raw HTML and formulas (and, for ``prose``, its text)."""
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            continue
        if child.type == "text" and prose:
            outline.texts.append(TextRun(child.content, line))
        elif child.type == "image":
            outline.images.append(Image(str(child.attrs.get("src", "")), child.content, line, "markdown"))
        elif child.type == "link_open":
            outline.links.append(Link(str(child.attrs.get("href", "")), line))
        elif child.type == "myst_role":
            name = str(child.meta.get("name", ""))
            outline.roles.append(Role(name, child.content, line))
            if name.lower() == "math":
                outline.maths.append(TextRun(child.content, line))
        elif child.type == "html_inline":
            outline.html.append(Html(child.content, line))
        elif child.type.startswith("math_inline"):
            outline.maths.append(TextRun(child.content, line))
        line += child.content.count("\n")


def _inline_markdown(text: str, line: int, outline: Outline) -> None:
    """A directive's title or option value, which MyST may render as inline Markdown."""
    if not _INLINE_MARKUP.search(text):
        return  # plain words: nothing to record, and parsing every option would slow validation
    for token in markdown_parser(every_link=True).parseInline(text):
        _inline(token, line, outline, prose=False)


def _fence(token: Token, line: int, outline: Outline, depth: int) -> None:
    # As MyST reads it: the first word of the info string, in braces, names a directive.
    parts = token.info.strip().split(maxsplit=1)
    if not parts or len(parts[0]) < 3 or not (parts[0].startswith("{") and parts[0].endswith("}")):
        if token.type == "colon_fence":  # a plain ::: block is a container of Markdown
            outline.blocks.append(("container", line))
            _walk(token.content, line + 1, outline, depth + 1)
        else:
            outline.blocks.append(("code", line))
        return
    name, argument = parts[0][1:-1], parts[1].strip() if len(parts) > 1 else ""
    try:
        parsed = _split_options(token.content)
    except RecursionError:
        outline.too_deep.append(line)
        return
    options, content, content_offset = parsed.values, parsed.content, parsed.count
    option_lines = {key: line + 1 + offset for key, offset in parsed.offsets.items()}
    outline.option_problems.extend(replace(problem, line=line + 1 + problem.line) for problem in parsed.problems)
    repeated = tuple((key, line + 1 + offset) for key, offset in parsed.repeated)
    outline.directives.append(Directive(name, argument, options, line, option_lines, content, repeated))
    outline.blocks.append((f"directive:{name}", line))
    kind = name.lower()
    if kind in ("image", "figure"):
        outline.images.append(Image(argument, options.get("alt", ""), line, name))
        if "target" in options:  # the image becomes a link to it
            outline.links.append(Link(options["target"], option_lines.get("target", line)))
    if argument and kind not in PATH_ARGUMENT_DIRECTIVES:
        _inline_markdown(argument, line, outline)
    for key, value in options.items():
        if key != "target" or kind not in ("image", "figure"):
            _inline_markdown(value, option_lines.get(key, line), outline)
    if kind in ("list-table", "table", "csv-table"):
        outline.tables.append(line)
        outline.blocks.append(("table", line))
    if kind == "math":
        outline.maths.append(TextRun(content, line + 1 + content_offset))
    if kind == "csv-table":
        _csv_cells(content, options.get("delim", ","), line + 1 + content_offset, outline, depth)
    elif kind not in LITERAL_DIRECTIVES and content.strip():
        _walk(content, line + 1 + content_offset, outline, depth + 1)


def _csv_cells(content: str, delimiter: str, first_line: int, outline: Outline, depth: int) -> None:
    """A csv-table's cells, each of which MyST parses as Markdown."""
    delimiter = _CSV_DELIMITERS.get(delimiter, delimiter[:1] or ",")
    rows: list[tuple[int, list[str]]] = []
    try:
        reader = csv.reader(content.splitlines(), delimiter=delimiter, skipinitialspace=True, strict=True)
        start = 0
        for row in reader:
            rows.append((start, row))
            start = reader.line_num
    except (csv.Error, TypeError):
        rows = [(0, [content])]  # the build refuses it too; still look inside
    for start, row in rows:
        for cell in row:
            if cell.strip():
                _walk(cell, first_line + start, outline, depth + 1)


@dataclass
class _Options:
    """A directive's options as written, and where they end."""

    values: dict[str, str]
    content: str
    """The rest of the directive, after the options."""
    count: int
    """How many lines the options take."""
    offsets: dict[str, int] = field(default_factory=dict)
    repeated: list[tuple[str, int]] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    """What is wrong with the options, at line offsets from the directive's first line."""

    def add(self, key: str, value: str, offset: int) -> None:
        if key in self.values:
            self.repeated.append((key, offset))
        else:
            self.values[key] = value
            self.offsets[key] = offset


def _split_options(content: str) -> _Options:
    """A directive's options: ``:key: value`` lines, or a ``---`` block.

    The ``---`` block is read with MyST's own option reader, as the build reads it (MyST validates
    options): a restricted ``key: value`` syntax with no anchors, aliases or tags, in one linear pass.
    """
    lines = content.splitlines(keepends=True)
    if content.startswith("---"):  # as MyST tells the two forms apart
        return _block_options(lines)
    found = _Options({}, content, 0)
    for raw in lines:
        match = _OPTION.match(raw.strip())
        if match is None:
            break
        found.add(match.group(1), (match.group(2) or "").strip(), found.count)
        found.count += 1
    found.content = "".join(lines[found.count :])
    return found


def _block_options(lines: list[str]) -> _Options:
    """Options in a ``---`` block, closed (as MyST closes it) by the first line that starts with ``---``."""
    end = next((index for index in range(1, len(lines)) if lines[index].startswith("---")), len(lines))
    remainder = lines[end].lstrip("-").removeprefix(" ") if end < len(lines) else ""
    body_first = remainder.strip() != ""  # text after the closing dashes is the body's first line
    rest = "".join(([remainder] if body_first else []) + lines[end + 1 :])
    found = _Options({}, rest, end if body_first or end == len(lines) else end + 1)
    try:
        tokens, _ = options_to_tokens(textwrap.dedent("".join(lines[1:end])))
    except TokenizeError as error:
        mark = error.context_mark or error.problem_mark  # where the unclosed quote or block began
        reason = " ".join(filter(None, (error.problem, error.context))) or "unreadable"
        found.problems.append(
            SourceProblem(
                "directive-options",
                1 + mark.line,
                1,
                f"the directive's options cannot be read: {reason}",
                "write one 'key: value' per line between the '---' lines, and quote values that hold ':' or '#'",
            )
        )
        return found
    for key, value in tokens:
        text = "" if value is None else value.value
        found.add(key.value, text, 1 + key.start.line)
        if value is not None and value.style is None and _YAML_REFERENCE.match(text):
            found.problems.append(
                SourceProblem(
                    "yaml-alias",
                    1 + value.start.line,
                    1,
                    "YAML anchors and aliases (&name, *name) are not allowed in directive options",
                    "write the value out in full; MyST would keep '&name' or '*name' as literal text",
                )
            )
    return found


def section_titles(outline: Outline) -> dict[str, str]:
    """Each section label with the text of the heading it stands above."""
    titles: dict[str, str] = {}
    blocks = outline.blocks
    for position, (kind, line) in enumerate(blocks):
        if kind != "target" or position + 1 >= len(blocks) or blocks[position + 1][0] != "heading":
            continue
        label = next(t.label for t in outline.targets if t.line == line)
        heading = next(h for h in outline.headings if h.line == blocks[position + 1][1])
        titles[label] = heading.text
    return titles
