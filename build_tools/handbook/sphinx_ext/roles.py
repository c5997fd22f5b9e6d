"""The ``native`` role: a name in its own script and language, e.g. {native}`ar:حصة الكعبي`."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst.states import Inliner

from ..core import registry
from .nodes import foreign


def native_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: dict[str, object] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``tag:text`` as text marked with its language and direction (rendered as <bdi>)."""
    tag, sep, phrase = text.partition(":")
    if not sep or not registry.is_valid_language_tag(tag):
        message = inliner.reporter.error(f"native role needs 'language-tag:text', got {text!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    node = foreign(rawtext, phrase, lang=tag, dir=registry.direction_of(tag))
    return [node], []
