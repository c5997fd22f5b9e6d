"""The MyST syntax chapters may use: one configuration for the validator and the Sphinx build."""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

MYST_EXTENSIONS = ("colon_fence", "dollarmath", "deflist")
"""MyST syntax extensions enabled for chapters (and nothing else)."""


def parser_config() -> MdParserConfig:
    """The MyST configuration chapters are parsed with."""
    return MdParserConfig(enable_extensions=set(MYST_EXTENSIONS))


@functools.cache
def markdown_parser(*, every_link: bool = False) -> MarkdownIt:
    """A markdown-it parser with the same syntax as the build, for reading chapters' structure.

    With ``every_link``, links and images that markdown-it would quietly turn into text because of
    their address (``javascript:``, ``vbscript:``, ``file:``, most ``data:``) stay links, so that
    the validator can refuse them instead of letting them through as odd text.
    """
    parser = create_md_parser(parser_config(), RendererHTML)
    parser.disable("wordcount", ignoreInvalid=True)  # reading time for Sphinx; a tenth of the validator's time
    if every_link:
        parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


_MARKUP = re.compile(r"[\\`*_\[\]|#{}$<>~&]")
_BLOCK_START = re.compile(r"^(?:[-+=:%(]|\d+[.)])")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def escape(text: str) -> str:
    """Text from chapters or registries as literal MyST inline text, on one line.

    Markup characters are backslash-escaped, and so is a first character that would start a
    block (a list, quote, comment, target or numbered item), so a name, a source or a title
    always reads as the text it is.
    """
    flat = _LINE_BREAKS.sub(" ", text).strip()
    escaped = _MARKUP.sub(r"\\\g<0>", flat)
    return _BLOCK_START.sub(lambda match: match[0][:-1] + "\\" + match[0][-1], escaped, count=1)


def option_value(text: str) -> str:
    """A directive option value as a double-quoted scalar, so that ``: `` and ``#`` in it are kept."""
    flat = _LINE_BREAKS.sub(" ", text).strip()
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'
