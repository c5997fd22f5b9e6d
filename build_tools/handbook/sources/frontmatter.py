"""Reading a chapter's text: UTF-8 decoding, the front-matter fence, and safe YAML with positions.

Nothing here knows about rules or findings: problems are raised as :class:`~handbook.core.model.SourceProblem`,
which carries the rule id, position and advice, and the rules turn it into a finding.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..core.model import DataFile, JsonPath, SourceProblem, SourceText

MAX_NESTING = 20
"""Deepest nesting of lists and mappings accepted in front matter."""

_STANDARD = "tag:yaml.org,2002:"
SAFE_TAGS = {_STANDARD + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_FENCE = re.compile(r"^---[ \t]*$")
_END_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters (Unicode category Cc) other than tab, line feed and carriage return."""


def decode(data: bytes) -> str:
    """Decode UTF-8 strictly (a leading byte-order mark is dropped); refuse control characters."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        line_start = data[before.rfind(b"\n") + 1 : exc.start]
        column = len(line_start.decode("utf-8", errors="replace")) + 1
        raise SourceProblem(
            "encoding-utf8",
            line,
            column,
            f"byte 0x{data[exc.start]:02X} is not valid UTF-8",
            "save the file as UTF-8 (in Word: File > Save As > Plain Text > Unicode (UTF-8)); "
            "other encodings such as Windows-1251 or GB2312 are not accepted",
        ) from None
    text = text.removeprefix("\ufeff")
    control = _CONTROL.search(text)
    if control is not None:
        start = text.rfind("\n", 0, control.start()) + 1
        raise SourceProblem(
            "encoding-control-char",
            text.count("\n", 0, control.start()) + 1,
            control.start() - start + 1,
            f"control character U+{ord(control.group()):04X} in the text",
            "delete it; it is invisible in most editors and breaks EPUB and PDF output",
        )
    return text


def split(text: str) -> SourceText:
    """Split a chapter into its YAML front matter and its body."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        raise SourceProblem(
            "front-matter-missing",
            1,
            1,
            "the chapter does not start with front matter",
            "start the file with a line '---', the chapter's details in YAML, and another '---' "
            "(run `handbook new` to get a template)",
        )
    for index in range(1, len(lines)):
        if _END_FENCE.match(lines[index].rstrip("\r\n")):
            return SourceText(
                text=text,
                front_matter="".join(lines[1:index]),
                front_matter_line=2,
                body="".join(lines[index + 1 :]),
                body_line=index + 2,
            )
    raise SourceProblem(
        "front-matter-unclosed",
        1,
        1,
        "the front matter opened on line 1 is never closed",
        "add a line '---' after the last front-matter field",
    )


_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it (ten times faster), else PyYAML's own."""


def load_yaml(source: str, first_line: int) -> tuple[Any, dict[JsonPath, tuple[int, int]]]:
    """Parse YAML safely into JSON-like values, with the position of every value by its path.

    Refuses anchors and aliases (no alias bombs), tags other than the standard scalar and
    collection tags (no object construction), nesting deeper than :data:`MAX_NESTING`, and
    duplicate keys. Timestamps stay strings, so dates read as written.
    """
    offset = first_line - 1

    def problem(rule: str, mark: Any, message: str, hint: str) -> SourceProblem:
        line = mark.line + 1 + offset if mark is not None else first_line
        column = mark.column + 1 if mark is not None else 1
        return SourceProblem(rule, line, column, message, hint)

    try:
        depth = 0
        for event in yaml.parse(source, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise problem(
                    "yaml-alias",
                    event.start_mark,
                    "YAML anchors and aliases (&name, *name) are not allowed in front matter",
                    "write the value out in full where it is needed",
                )
            if _unsafe_tag(event):
                raise problem(
                    "yaml-unsafe-tag",
                    event.start_mark,
                    f"YAML tag '{_written_tag(getattr(event, 'tag', ''))}' is not allowed",
                    "remove the tag; front matter holds plain text, numbers, lists and mappings",
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    raise problem(
                        "yaml-nesting",
                        event.start_mark,
                        f"front matter is nested more than {MAX_NESTING} levels deep",
                        "flatten the structure; chapter fields are at most a few levels deep",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        node = yaml.compose(source, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        what = (exc.problem or exc.context or "invalid YAML").strip()
        raise problem(
            "yaml-syntax",
            exc.problem_mark or exc.context_mark,
            f"YAML syntax error: {what}",
            "check indentation and quoting on this line; put text containing ':' or '#' in quotes",
        ) from None
    except yaml.YAMLError as exc:
        raise problem("yaml-syntax", None, f"YAML syntax error: {exc}", "check the front matter's syntax") from None
    positions: dict[JsonPath, tuple[int, int]] = {}
    if node is None:
        return None, positions
    return _build(node, (), positions, offset, problem), positions


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
    node: yaml.Node, path: JsonPath, positions: dict[JsonPath, tuple[int, int]], offset: int, problem: Any
) -> Any:
    positions.setdefault(path, (node.start_mark.line + 1 + offset, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise problem(
                    "yaml-key",
                    key_node.start_mark,
                    "a front-matter key must be a plain name",
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
            result[key] = _build(value_node, child, positions, offset, problem)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), positions, offset, problem) for index, item in enumerate(node.value)]
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


def read_data_file(
    path: Path, display_path: str, rule: str, *, unreadable: tuple[str, str], not_mapping: tuple[str, str]
) -> DataFile:
    """A whole YAML file that must hold a mapping (a publication definition, a registry), with positions.

    Raises :class:`SourceProblem`: a YAML rule's, or ``rule`` with ``unreadable`` (message, in which
    ``{reason}`` is the system's, and hint) or ``not_mapping`` (message and hint) when it holds something else.
    """
    try:
        data, lines = load_yaml(decode(path.read_bytes()), 1)
    except OSError as exc:
        message, hint = unreadable
        raise SourceProblem(rule, 1, 1, message.format(reason=exc.strerror), hint) from None
    if not isinstance(data, dict):
        raise SourceProblem(rule, 1, 1, *not_mapping)
    return DataFile(display_path, data, lines)
