"""The MyST syntax chapters may use: one configuration for the validator and the Sphinx build."""

from __future__ import annotations

import functools

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
def markdown_parser() -> MarkdownIt:
    """A markdown-it parser with the same syntax as the build, for reading chapters' structure."""
    return create_md_parser(parser_config(), RendererHTML)
