"""The plain data model: chapters, their locations, and findings. No I/O here."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


class Severity(enum.Enum):
    """How bad a finding is; an error fails validation, a warning does not."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


class Publication(enum.Enum):
    """The kinds of chapter, named by their folder under ``chapters/``."""

    SME = "sme"
    GENDER = "gender"

    @property
    def schema_file(self) -> str:
        return {"sme": "sme-chapter.schema.json", "gender": "gender-paper.schema.json"}[self.value]

    @property
    def template_file(self) -> str:
        return {"sme": "sme-chapter.md", "gender": "gender-paper.md"}[self.value]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one place, with what to do about it."""

    path: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    rule: str
    message: str
    hint: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "rule": self.rule,
            "message": self.message,
            "hint": self.hint,
        }


JsonPath = tuple[str | int, ...]

Progress = Callable[[str, int, int], None]
"""How long work reports how far it is: called with (step, done, total)."""


@dataclass
class SourceProblem(Exception):
    """Something in a source file that stops it being read further: the rule it breaks, where, and what to do."""

    rule: str
    line: int
    column: int
    message: str
    hint: str = ""


class BuildError(Exception):
    """A build that stopped; ``findings`` say where and why, ``tracebacks`` hold the internal errors' own."""

    def __init__(self, message: str, findings: list[Finding], tracebacks: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.findings = findings
        self.tracebacks = tracebacks


class Located(Protocol):
    """A YAML-backed document that can say where each of its values is."""

    @property
    def display_path(self) -> str: ...

    def line_of(self, path: JsonPath) -> tuple[int, int]: ...


def nearest_position(
    lines: dict[JsonPath, tuple[int, int]], path: JsonPath, default: tuple[int, int]
) -> tuple[int, int]:
    """The position of a value, or of its nearest parent that has one."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return default


@dataclass
class DataFile:
    """A YAML data file (a publication definition, a registry) with its values' positions."""

    display_path: str
    data: Any
    lines: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)

    def line_of(self, path: JsonPath) -> tuple[int, int]:
        return nearest_position(self.lines, path, (1, 1))


@dataclass(frozen=True)
class ChapterPath:
    """What a chapter's location says: publication, country and, for a translation, language."""

    path: Path
    publication: Publication
    country: str
    """Upper-case ISO 3166-1 alpha-2 code taken from the file name."""
    language: str | None = None
    """The language suffix of ``<cc>.<lang>.md``; None for an original."""

    @property
    def media_dir(self) -> Path:
        """The folder holding this chapter's figures and files: ``chapters/<pub>/<cc>/``."""
        return self.path.parent / self.country.lower()

    @property
    def is_translation(self) -> bool:
        return self.language is not None

    @property
    def docname(self) -> str:
        """The chapter's document name in the assembled project: ``chapters/sme/kz``, ``chapters/sme/kz.ru``."""
        return f"chapters/{self.publication.value}/{self.path.stem}"


@dataclass
class SourceText:
    """A chapter file's text split into front matter and body, with line offsets."""

    text: str
    front_matter: str | None
    """The YAML between the ``---`` fences, or None when there is none."""
    front_matter_line: int
    """1-based line of the first YAML line."""
    body: str
    body_line: int
    """1-based line of the first body line."""


# -- a chapter body's outline, as handbook.sources.outline reads it -------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Target:
    """A MyST label, ``(name)=``, on its own line."""

    label: str
    line: int


@dataclass(frozen=True)
class Image:
    src: str
    alt: str
    line: int
    via: str
    """'markdown' for ``![alt](src)``, otherwise the directive's name."""


@dataclass(frozen=True)
class Link:
    href: str
    line: int


@dataclass(frozen=True)
class Role:
    name: str
    content: str
    line: int


@dataclass(frozen=True)
class Directive:
    name: str
    argument: str
    options: dict[str, str]
    line: int
    option_lines: dict[str, int] = field(default_factory=dict)
    """The line of each option."""
    content: str = ""
    """The directive's body, after its options."""
    repeated: tuple[tuple[str, int], ...] = ()
    """Options given more than once (MyST would keep only the last), with their lines."""


@dataclass(frozen=True)
class TextRun:
    text: str
    line: int


@dataclass(frozen=True)
class Html:
    """Raw HTML as markdown-it found it: a block, or one inline tag."""

    text: str
    line: int


@dataclass
class Outline:
    """Everything the rules look at in a body, in document order."""

    headings: list[Heading] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    tables: list[int] = field(default_factory=list)
    """Lines of Markdown pipe tables and table directives."""
    texts: list[TextRun] = field(default_factory=list)
    html: list[Html] = field(default_factory=list)
    maths: list[TextRun] = field(default_factory=list)
    """TeX of every formula: $...$, $$...$$, {math} roles and directives."""
    blocks: list[tuple[str, int]] = field(default_factory=list)
    """(kind, line) of every block in order: 'heading', 'target', 'table', or other token types."""
    too_deep: list[int] = field(default_factory=list)
    """Lines where nesting reaches the parser's limit, past which content is dropped."""
    option_problems: list[SourceProblem] = field(default_factory=list)
    """Directive options MyST cannot read, or that are written as YAML they are not."""


# -- chapters and publications --------------------------------------------------------------------------------


@dataclass
class Chapter:
    """A chapter as read from disk: where it is, its front matter, and its body."""

    location: ChapterPath
    display_path: str
    source: SourceText | None = None
    meta: dict[str, Any] | None = None
    """The front matter, when it parsed as safe YAML."""
    lines: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    """(line, column) of every front-matter value by its JSON path."""
    outline: Outline | None = None
    """The body's structure, when the front matter could be read."""
    problem: SourceProblem | None = None
    """What stopped the chapter being read, if anything."""
    size: int = 0
    """Size of the file in bytes."""

    @property
    def docname(self) -> str:
        return self.location.docname

    def line_of(self, path: JsonPath) -> tuple[int, int]:
        """The position of a front-matter value, or of its nearest parent that has one."""
        default = (self.source.front_matter_line, 1) if self.source is not None else (1, 1)
        return nearest_position(self.lines, path, default)


@dataclass(frozen=True)
class PublicationSpec:
    """A book as ``book/<id>/publication.yml`` defines it."""

    id: str
    folder: Path
    title: str
    edition: str
    date: str
    publisher: str
    identifier: str
    language: str
    license: str
    source: Publication
    """Which chapters the book is made of."""
    subtitle: str | None = None
    description: str = ""
    keywords: tuple[str, ...] = ()
    cover: str | None = None
    statuses: tuple[str, ...] = ("draft", "submitted", "in-review", "approved")
    release: bool = False
    order: tuple[str, ...] = ()
    front_matter: tuple[str, ...] = ()
    back_matter: tuple[str, ...] = ()
    paper: str = "a4"
    """PDF paper size: a4 or letter."""
    title_language: str | None = None
    """The title's language when it differs from the book's (an offprint's chapter title)."""
    editions: tuple[str, ...] = ()
    """The language editions (BCP 47 tags) the definition asks for; empty: one, in ``language``."""
    localized: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)
    """The book's own text for other editions, by language: title, subtitle, edition, description..."""
    edition_language: str | None = None
    """Set on the spec of one edition (see :func:`handbook.book.edition_spec`): its language."""
    source_language: str | None = None
    """On an edition's spec, the language the definition and its pages are written in."""

    @property
    def taken_statuses(self) -> tuple[str, ...]:
        """The chapter statuses this build takes: approved only for a release."""
        return ("approved",) if self.release else self.statuses

    @property
    def edition_languages(self) -> tuple[str, ...]:
        """The editions to build: those listed, else one in the book's language."""
        return self.editions or (self.language,)

    @property
    def stem(self) -> str:
        """Output file names' stem: ``sme-handbook.ru`` for an edition, the id otherwise."""
        return f"{self.id}.{self.edition_language}" if self.edition_language else self.id
