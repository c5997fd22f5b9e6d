"""Writing text into Typst source: one escaping function, for every piece of text from a chapter."""

from __future__ import annotations

from ...core.registry import primary_subtag


def string(text: str) -> str:
    """``text`` as a Typst string literal: quotes and backslashes escaped, lines joined."""
    flat = text.replace("\r\n", "\n").replace("\r", "\n")
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def text(content: str) -> str:
    """``content`` as literal text in Typst markup: a string expression, ended by ``;``.

    Written this way no character of a chapter is ever read as Typst markup (``*``, ``_``,
    ``#``, ``$``, ``@``, ``<``, ``//``...), and no smart-quote or shorthand is applied to it.
    """
    if not content:
        return ""
    return "#" + string(content) + ";"


def typst_lang(tag: str) -> str:
    """A BCP 47 tag as Typst's ``lang`` argument: its language subtag (Typst takes no script)."""
    return string(primary_subtag(tag) or "en")
