"""Reading a chapter's text: UTF-8 decoding and the front-matter fence; whole YAML data files.

Nothing here knows about rules or findings: problems are raised as :class:`~handbook.core.model.SourceProblem`,
which carries the rule id, position and advice, and the rules turn it into a finding.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..core.model import DataFile, SourceProblem, SourceText
from ..core.safe_yaml import DATA_FILE, load_yaml, too_long

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


def read_data_file(
    path: Path,
    display_path: str,
    rule: str,
    *,
    what: str,
    unreadable: tuple[str, str],
    not_mapping: tuple[str, str],
) -> DataFile:
    """A whole YAML file that must hold a mapping (a publication definition, a registry), with positions.

    ``what`` names the file in messages. Raises :class:`SourceProblem`: a YAML rule's, or ``rule`` with
    ``unreadable`` (message, in which ``{reason}`` is the system's, and hint) or ``not_mapping``
    (message and hint) when it holds something else.
    """
    try:
        with path.open("rb") as stream:
            raw = stream.read(DATA_FILE.characters * 4 + 1)  # the limit's characters in any UTF-8
        if len(raw) > DATA_FILE.characters * 4:
            raise too_long(what, DATA_FILE, 1)
        data, lines = load_yaml(decode(raw), 1, what=what, limits=DATA_FILE)
    except OSError as exc:
        message, hint = unreadable
        raise SourceProblem(rule, 1, 1, message.format(reason=exc.strerror), hint) from None
    if not isinstance(data, dict):
        raise SourceProblem(rule, 1, 1, *not_mapping)
    return DataFile(display_path, data, lines)
