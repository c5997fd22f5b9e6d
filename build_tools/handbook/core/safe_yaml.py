"""The one YAML loader: every YAML file or block the pipeline reads goes through :func:`load_yaml`.

Front matter, publication definitions, the contributor registry and the package's own data are
parsed here with the same defences: no anchors or aliases (no alias bombs), no tags other than the
standard ones (no object construction), and limits on size, nesting and the number of values, all
checked on the parser's events before anything is built, so that no input can make the loader do
more work than its length allows. Problems are raised as :class:`~handbook.core.model.SourceProblem`
with a rule id and the line and column where they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from .model import JsonPath, SourceProblem


@dataclass(frozen=True)
class Limits:
    """How much YAML one document may hold."""

    characters: int
    """Length of the text."""
    depth: int
    """Nesting of lists and mappings."""
    values: int
    """Scalars, lists and mappings together (each mapping key counts)."""


FRONT_MATTER = Limits(characters=64_000, depth=20, values=5_000)
"""A chapter's front matter: a few dozen fields in practice, key facts and authors included."""
DATA_FILE = Limits(characters=2_000_000, depth=20, values=100_000)
"""A whole YAML file: a publication definition, the contributor registry, the package's data."""

_STANDARD = "tag:yaml.org,2002:"
SAFE_TAGS = {_STANDARD + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}

_Problem = Callable[[str, Any, str, str], SourceProblem]
"""Makes the problem of a rule at a parser's mark, with message and hint."""

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it (ten times faster), else PyYAML's own."""


def load_yaml(
    source: str, first_line: int, *, what: str = "front matter", limits: Limits = FRONT_MATTER
) -> tuple[Any, dict[JsonPath, tuple[int, int]]]:
    """Parse YAML safely into JSON-like values, with the position of every value by its path.

    ``what`` names the text in messages ("front matter", "the publication definition"). Refuses
    anchors and aliases, tags other than the standard scalar and collection tags, text longer, more
    deeply nested or holding more values than ``limits``, non-scalar keys and duplicate keys.
    Timestamps stay strings, so dates read as written.
    """
    offset = first_line - 1

    def problem(rule: str, mark: Any, message: str, hint: str) -> SourceProblem:
        line = mark.line + 1 + offset if mark is not None else first_line
        column = mark.column + 1 if mark is not None else 1
        return SourceProblem(rule, line, column, message, hint)

    if len(source) > limits.characters:
        raise too_long(what, limits, first_line)
    try:
        _check_events(source, what, limits, problem)
        node = yaml.compose(source, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        message = (exc.problem or exc.context or "invalid YAML").strip()
        if "nesting depth" in message:  # libyaml's own limit, met while it scans ahead of the events
            raise _too_deep(what, limits, exc.problem_mark, problem) from None
        raise problem(
            "yaml-syntax",
            exc.problem_mark or exc.context_mark,
            f"YAML syntax error: {message}",
            "check indentation and quoting on this line; put text containing ':' or '#' in quotes",
        ) from None
    except yaml.YAMLError as exc:
        raise problem("yaml-syntax", None, f"YAML syntax error: {exc}", f"check the syntax of {what}") from None
    positions: dict[JsonPath, tuple[int, int]] = {}
    if node is None:
        return None, positions
    return _build(node, (), positions, offset, what, problem), positions


def too_long(what: str, limits: Limits, line: int) -> SourceProblem:
    """The problem of a text longer than ``limits`` allow."""
    return SourceProblem(
        "yaml-size",
        line,
        1,
        f"{what} is longer than the {limits.characters:,} characters allowed",
        "keep long text out of it (in a chapter, in the body) and only short fields here",
    )


def _check_events(source: str, what: str, limits: Limits, problem: _Problem) -> None:
    """Walk the parser's events once and refuse aliases, unsafe tags, deep nesting and too many values."""
    depth = values = 0
    for event in yaml.parse(source, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise problem(
                "yaml-alias",
                event.start_mark,
                f"YAML anchors and aliases (&name, *name) are not allowed in {what}",
                "write the value out in full where it is needed",
            )
        if _unsafe_tag(event):
            raise problem(
                "yaml-unsafe-tag",
                event.start_mark,
                f"YAML tag '{_written_tag(getattr(event, 'tag', ''))}' is not allowed",
                f"remove the tag; {what} holds plain text, numbers, lists and mappings",
            )
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            values += 1
            if values > limits.values:
                raise problem(
                    "yaml-size",
                    event.start_mark,
                    f"{what} holds more than {limits.values:,} values",
                    "split the data, or keep long lists out of it",
                )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limits.depth:
                raise _too_deep(what, limits, event.start_mark, problem)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _too_deep(what: str, limits: Limits, mark: Any, problem: _Problem) -> SourceProblem:
    return problem(
        "yaml-nesting",
        mark,
        f"{what} is nested more than {limits.depth} levels deep",
        "flatten the structure; fields are at most a few levels deep",
    )


def _written_tag(tag: str) -> str:
    """A tag as authors write it: '!!python/object', not 'tag:yaml.org,2002:python/object'."""
    return "!!" + tag.removeprefix(_STANDARD) if tag.startswith(_STANDARD) else tag


def _unsafe_tag(event: yaml.Event) -> bool:
    """An explicit tag other than the standard ones ('!' alone just means "plain text")."""
    tag: str | None = getattr(event, "tag", None)
    if not tag or tag == "!" or getattr(event, "implicit", False) is True:
        return False
    expanded = _STANDARD + tag[2:] if tag.startswith("!!") else tag
    return expanded not in SAFE_TAGS


_constructor = yaml.SafeLoader("")


def _build(
    node: yaml.Node,
    path: JsonPath,
    positions: dict[JsonPath, tuple[int, int]],
    offset: int,
    what: str,
    problem: _Problem,
) -> Any:
    positions.setdefault(path, (node.start_mark.line + 1 + offset, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise problem(
                    "yaml-key",
                    key_node.start_mark,
                    f"a key in {what} must be a plain name",
                    "write the key as a plain word",
                )
            key = str(key_node.value)  # as written: 'yes:' is the key "yes", not True
            if key in result:
                raise problem(
                    "yaml-duplicate-key",
                    key_node.start_mark,
                    f"key {key!r} appears twice in the same mapping",
                    "keep one of them; YAML would silently drop the first",
                )
            child = (*path, key)
            positions[child] = (key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
            result[key] = _build(value_node, child, positions, offset, what, problem)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), positions, offset, what, problem) for index, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    tag = node.tag
    if tag == _STANDARD + "timestamp":
        return node.value
    if tag in SAFE_TAGS and tag not in (_STANDARD + "seq", _STANDARD + "map"):
        try:
            return _constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            return node.value
    return node.value
