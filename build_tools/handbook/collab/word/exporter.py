"""``handbook export``: a chapter as a Word file for reviewers, through pandoc.

MyST-only syntax (labels, comments, figures, admonitions, roles, recommendations) is first turned
into plain Markdown that pandoc reads.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from ...core import registry
from ...core.model import Chapter, Directive, Publication
from ...sources import layout, outline, reading, recommendations
from ...sources.layout import CHAPTERS_DIR
from ...sources.myst import escape, markdown_parser
from .package import EXPORT_DIR, DocxError, run_pandoc, shown

_ROLE = re.compile(r"\{([A-Za-z0-9_:.+-]+)\}`([^`]*)`")
_EXPLICIT_TARGET = re.compile(r"^(.*?)\s*<([^<>]+)>$")
_PANDOC_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.:-]*$")

# --- export -------------------------------------------------------------------------------------------------------


def export_docx(root: Path, country: str, publication: Publication, target: Path | None = None) -> Path:
    """Write a chapter as a Word file for reviewers (default ``_build/docx/<pub>-<cc>.docx``); returns its path."""
    cc = country.lower()
    path = layout.absolute(root / CHAPTERS_DIR / publication.value / f"{cc}.md")
    if not re.fullmatch(r"[a-z]{2}", cc) or not path.is_file():
        raise DocxError(
            f"there is no chapter {shown(path, root)}; write it with `handbook new` or `handbook import` first"
        )
    chapter = reading.read_chapter(layout.chapter_path(root, path), shown(path, root))
    if chapter.problem is not None or chapter.source is None or chapter.meta is None:
        problem = chapter.problem
        what = f"line {problem.line}: {problem.message}; {problem.hint}" if problem else "it has no front matter"
        raise DocxError(f"cannot read {chapter.display_path} ({what}); run `handbook validate` on it")
    meta = chapter.meta
    language = str(meta.get("language", "en"))
    markdown = to_pandoc_markdown(chapter.source.body, language, _reference_texts(root, chapter))
    target = layout.absolute(target or root / EXPORT_DIR / f"{publication.value}-{cc}.docx")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="handbook-export-") as scratch:
        metadata = Path(scratch) / "metadata.json"
        metadata.write_text(json.dumps(_export_metadata(meta, language), ensure_ascii=False), encoding="utf-8")
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".docx", dir=target.parent)
        os.close(handle)
        try:
            arguments = [
                "--from=commonmark_x",
                "--to=docx",
                "--shift-heading-level-by=-1",  # ## sections become Word's Heading 1, as Word users expect
                f"--resource-path={path.parent}",
                f"--metadata-file={metadata}",
                f"--output={temporary}",
            ]
            run_pandoc(arguments, path.parent, markdown.encode("utf-8"))
            Path(temporary).replace(target)
        finally:
            Path(temporary).unlink(missing_ok=True)
    return target


def _export_metadata(meta: dict[str, Any], language: str) -> dict[str, Any]:
    """Title, authors, abstract and keywords for the Word file's first page and its core properties."""

    def text(value: Any) -> str:
        return escape(str(value)) if value is not None else ""

    authors = [a["name"] for a in _listed(meta, "authors") if isinstance(a, dict) and a.get("name")]
    keywords = [k for k in _listed(meta, "keywords") if isinstance(k, str)]
    found = {
        "title": text(meta.get("title")),
        "subtitle": text(meta.get("subtitle")),
        "author": [text(a) for a in authors],
        "abstract": text(meta.get("abstract")),
        "description": text(meta.get("abstract")),
        "keywords": [text(k) for k in keywords],
        "lang": language,
        "dir": registry.direction_of(language),
    }
    return {key: value for key, value in found.items() if value}


def _listed(meta: dict[str, Any], key: str) -> list[Any]:
    value = meta.get(key)
    return value if isinstance(value, list) else []


def _reference_texts(root: Path, chapter: Chapter) -> dict[str, str]:
    """What a ``{ref}`` to each section label reads as: its heading, and the chapter for another chapter's."""
    folder = chapter.location.path.parent
    files = [p for p in layout.markdown_files(root) if p.parent == folder and p.name.count(".") == 1]
    chapters, _ = reading.read_chapters(root, files, root)
    texts: dict[str, str] = {}
    for other in chapters:
        if other.outline is None:
            continue
        own = other.location.country == chapter.location.country
        state = registry.member(other.location.country)
        where = state.name_en if state else other.location.country
        for label, title in outline.section_titles(other.outline).items():
            texts[label] = title if own else f"{title} (in the chapter on {where})"
    return texts


def to_pandoc_markdown(body: str, language: str, references: dict[str, str] | None = None) -> str:
    """A MyST chapter body as Markdown pandoc reads: no labels or comments, directives and roles spelt out."""
    return "\n".join(_MystToPandoc(language, references or {}).convert(body)) + "\n"


class _MystToPandoc:
    """Turns MyST-only syntax into CommonMark (with footnotes, tables and definition lists)."""

    def __init__(self, language: str, references: dict[str, str]) -> None:
        self.language = language
        self.references = references

    def convert(self, text: str) -> list[str]:
        lines = text.splitlines()
        result: list[str] = []
        position, level, label = 0, 2, ""
        for token in markdown_parser().parse(text):
            if token.level != 0 or token.map is None or token.map[0] < position:
                continue
            start, end = token.map
            if token.type == "heading_open":
                level = int(token.tag[1:])
                if label and _PANDOC_ID.match(label):
                    lines[start] = f"{lines[start].rstrip()} {{#{label}}}"  # a bookmark in Word, for re-import
            label = token.content if token.type == "myst_target" else ""
            if token.type not in ("myst_target", "myst_line_comment", "myst_block_break", "fence", "colon_fence"):
                if token.type == "code_block":
                    result += [self.roles(line) for line in lines[position:start]] + lines[start:end]
                    position = end
                continue
            result += [self.roles(line) for line in lines[position:start]]
            position = end
            if token.type in ("fence", "colon_fence"):
                result += self.directive(lines[start:end], level)
        result += [self.roles(line) for line in lines[position:]]
        return result

    def roles(self, line: str) -> str:
        return _ROLE.sub(lambda match: self.role_text(match[1], match[2]), line)

    def role_text(self, name: str, content: str) -> str:
        explicit = _EXPLICIT_TARGET.match(content)
        if name in ("ref", "numref", "doc", "eq"):
            return explicit[1] if explicit else self.references.get(content.strip(), content)
        return content

    def directive(self, lines: list[str], level: int) -> list[str]:
        parsed = outline.parse("\n".join(lines)).directives
        if not parsed:
            return lines  # a plain code block
        block = parsed[0]
        name, content = block.name, block.content.strip("\n")
        if name in ("figure", "image"):
            alt = re.sub(r"([\\\[\]])", r"\\\1", block.options.get("alt", ""))
            path = f"<{block.argument}>" if " " in block.argument else block.argument
            caption = self.convert(content) if name == "figure" else []
            return ["", f"![{alt}]({path})", "", *caption, ""]
        if name == "recommendation":
            return self.recommendation(block, level + 1)
        if name in _admonitions() or name == "admonition":
            title = block.argument if name == "admonition" else _translated(_admonitions()[name], self.language)
            inner = [f"**{title}**", "", *self.convert(content)] if title else self.convert(content)
            return ["", *(f"> {line}".rstrip() for line in inner), ""]
        if name == "math":
            return ["", "$$", content, "$$", ""]
        if name in outline.LITERAL_DIRECTIVES:
            language = block.argument if name in ("code", "code-block", "sourcecode", "code-cell") else ""
            return ["", f"````{language}", content, "````", ""]
        heading = [f"**{block.argument}**", ""] if block.argument else []
        return ["", *heading, *self.convert(content), ""]

    def recommendation(self, block: Directive, level: int) -> list[str]:
        """A heading, the options as a definition list, and the rationale, as the book's box shows them."""
        from ...core.labels.recommendation import recommendation_label

        item = recommendations.from_options(block.argument, block.options, block.content)
        vocabulary = registry.recommendation_vocabulary()

        def label(key: str) -> str:
            return recommendation_label(self.language, key)[0]

        def term(kind: str, key: str) -> str:
            found = vocabulary[kind].get(key)
            return found.label(self.language) if found else key

        timeframe = (
            label("by").format(year=item.timeframe)
            if recommendations.YEAR_PATTERN.match(item.timeframe)
            else term("timeframes", item.timeframe)
        )
        facts: list[tuple[str, list[str]]] = [
            (label("addressee"), [term("addressees", item.addressee)]),
            (label("level"), [term("levels", item.level)]),
            (label("timeframe"), [timeframe]),
            (label("priority"), [term("priorities", item.priority)]),
            (label("sdg"), [", ".join(item.sdg)]),
            (label("cedaw"), [item.cedaw]),
            (label("partners"), [item.partners]),
            (label("actions"), list(item.actions)),
            *(
                (
                    label("indicator"),
                    [
                        f"{i.name} ({label('baseline')}: {i.baseline}; {label('target')}: {i.target}; "
                        f"{label('source')}: {i.source})"
                    ],
                )
                for i in item.indicators
            ),
        ]
        lines = ["", f"{'#' * min(level, 6)} {item.id} {item.title}".rstrip(), ""]
        for name, values in facts:
            if any(v.strip() for v in values):
                lines += [name, *(f":   {value}" for value in values if value.strip()), ""]
        if block.content.strip():
            lines += [f"**{label('rationale')}**", "", *self.convert(block.content.strip("\n")), ""]
        return lines


def _admonitions() -> dict[str, str]:
    from ...core.labels.admonitions import ADMONITIONS

    return ADMONITIONS


def _translated(text: str, language: str) -> str:
    from ...core.labels.admonitions import translate

    return translate(text, language)[0]
