"""``handbook import``: a Word file becomes a MyST chapter and its figures.

The document is converted to pandoc's AST, tidied (title, heading levels, section labels, figures),
written only when everything succeeded, and checked with the validator to say what is left to do.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import tempfile
from copy import deepcopy
from pathlib import Path
from typing import Any

import yaml

from ...core import registry
from ...core.model import Publication, SourceProblem
from ...core.safe_yaml import load_yaml
from ...sources import frontmatter, layout
from ...sources.layout import CHAPTERS_DIR
from ...validate import scripts
from ...validate.runner import validate
from .. import scaffold
from .package import (
    _CODE_FENCE,
    _EMPTY_ATTR,
    _LABEL_LINE,
    _LEADING_NUMBER,
    _SAVE_AS,
    MARKDOWN,
    DocxError,
    ImportResult,
    WordFile,
    _read_docx,
    _unique,
    check_docx,
    run_pandoc,
    shown,
)

# --- import -------------------------------------------------------------------------------------------------------


def import_docx(
    root: Path,
    source: Path,
    publication: Publication,
    country: str,
    *,
    force: bool = False,
    language: str | None = None,
) -> ImportResult:
    """Convert a Word file into ``chapters/<pub>/<cc>.md`` and its figures into ``chapters/<pub>/<cc>/``.

    Nothing is written unless the whole conversion succeeds; an existing chapter or figure is
    replaced only with ``force``. Raises :class:`DocxError` for input that cannot be imported.
    """
    cc = country.lower()
    target = root / CHAPTERS_DIR / publication.value / f"{cc}.md"
    if target.exists() and not force:
        raise DocxError(f"{shown(target, root)} already exists; import with --force to replace it")
    with tempfile.TemporaryDirectory(prefix="handbook-import-") as scratch:
        work = Path(scratch)
        data = _read_docx(source)
        word = check_docx(data)
        if language is None and registry.is_valid_language_tag(word.language):
            language = word.language
        template = _template(root, work, publication, country, language)
        (work / "source.docx").write_bytes(data)
        document = json.loads(
            run_pandoc(["--from=docx", "--to=json", "--extract-media=extracted", "source.docx"], work)
        )
        tidy = _Tidy(work, cc)
        blocks = [b for b in tidy.tidy(document["blocks"]) if not _in_abstract(b, word)]
        title, blocks = _title(blocks, document.get("meta", {}), word, tidy.notes)
        blocks = _label_sections(blocks, publication, cc, word.bookmarks)
        document["blocks"] = blocks
        body = run_pandoc(["--from=json", f"--to={MARKDOWN}", "--wrap=none"], work, json.dumps(document).encode())
        markdown = _escape_body(body)
        text = _chapter_text(template, title, document.get("meta", {}), word, markdown, tidy.notes)
        if "<table" in markdown:
            tidy.notes.append(
                "some tables have merged cells or several paragraphs in a cell, so they were written as HTML; "
                "simplify them to one paragraph per cell and rewrite them as Markdown pipe tables"
            )
        staged = work / "chapter.md"
        staged.write_text(text, encoding="utf-8", newline="\n")
        media_dir = target.parent / cc
        files = [(work / "media" / name, media_dir / name) for name in tidy.figures.values()]
        _install([*files, (staged, target)], force, root)
    notes = [*tidy.notes, *_validation_notes(root, target, set(tidy.unsupported))]
    if layout.absolute(source).is_relative_to(layout.absolute(root / CHAPTERS_DIR)):
        notes.append(f"delete {source.name} from chapters/ (keep it elsewhere): the validator warns about it there")
    return ImportResult(target, [media for _, media in files], notes)


def _template(root: Path, work: Path, publication: Publication, country: str, language: str | None) -> str:
    """The chapter ``handbook new`` would write, made in a scratch book so that nothing real is touched."""
    scratch = work / "book"
    template = root / scaffold.TEMPLATES_DIR / publication.template_file
    (scratch / scaffold.TEMPLATES_DIR).mkdir(parents=True)
    try:
        shutil.copyfile(template, scratch / scaffold.TEMPLATES_DIR / publication.template_file)
    except OSError as exc:
        raise DocxError(f"cannot read the template {template}: {exc.strerror}") from None
    try:
        return scaffold.new_chapter(scratch, publication, country, language).read_text(encoding="utf-8")
    except scaffold.ScaffoldError as error:
        raise DocxError(str(error)) from None


@functools.cache
class _Tidy:
    """Cleans pandoc's AST of a Word file: no ids, spans or divs, tight lists, headed tables, named figures."""

    def __init__(self, work: Path, cc: str) -> None:
        self.work = work
        self.cc = cc
        self.figures: dict[str, str] = {}
        """pandoc's path of each extracted image -> its new file name."""
        self.unsupported: list[str] = []
        self.notes: list[str] = []

    def tidy(self, value: list[Any]) -> list[Any]:
        """A list of blocks or inlines, tidied; wrappers such as spans and divs give way to their content."""
        tidied: list[Any] = []
        for item in value:
            tidied.extend(self._node(item) if isinstance(item, dict) and "t" in item else [self._list(item)])
        return tidied

    def _list(self, value: Any) -> Any:
        return self.tidy(value) if isinstance(value, list) else value

    def _node(self, node: dict[str, Any]) -> list[Any]:
        kind = node["t"]
        if "c" not in node:
            return [node]
        content = self._list(node["c"])
        if kind in ("Span", "Div"):
            return list(content[1])
        if kind == "Header" and not _plain(content[2]):
            return []  # an empty heading paragraph, common in Word files
        if kind in ("Underline", "SmallCaps"):
            return list(content)
        if kind == "Link" and content[2][0].startswith("#"):
            return list(content[1])  # a bookmark in the Word file: there are no such anchors in the chapter
        if kind == "Figure":
            caption = [{"t": "Para", "c": b["c"]} if b["t"] == "Plain" else b for b in content[1][1]]
            return [*content[2], *caption]
        if kind in ("Header", "Table", "CodeBlock", "Code", "Link", "Image"):
            position = 1 if kind == "Header" else 0
            content[position] = _EMPTY_ATTR
        if kind == "Image":
            content[2][0] = f"{self.cc}/{self._figure(content[2][0])}"
        if kind == "Table":
            _head_row(content)
        if kind in ("BulletList", "OrderedList"):
            items = content if kind == "BulletList" else content[1]
            if all(len(item) == 1 and item[0]["t"] == "Para" for item in items):
                items[:] = [[{"t": "Plain", "c": item[0]["c"]}] for item in items]
        return [{"t": kind, "c": content}]

    def _figure(self, src: str) -> str:
        """Move an extracted image to ``media/figure-N.ext``; the same image keeps one name."""
        if src in self.figures:
            return self.figures[src]
        extracted = (self.work / src).resolve()
        if not extracted.is_relative_to((self.work / "extracted").resolve()) or not extracted.is_file():
            raise DocxError(f"pandoc did not extract the image '{src}'; {_SAVE_AS} again")
        suffix = extracted.suffix.lower()
        name = f"figure-{len(self.figures) + 1}{suffix}"
        (self.work / "media").mkdir(exist_ok=True)
        shutil.move(extracted, self.work / "media" / name)
        self.figures[src] = name
        if suffix not in _image_formats():
            self.unsupported.append(f"{self.cc}/{name}")
            self.notes.append(
                f"{self.cc}/{name} is a {suffix[1:].upper() or 'file'} image, which the book cannot show: save it "
                "as PNG (SVG for a chart) in the chapter's folder, e.g. with right-click > Save as Picture in Word, "
                "and change the reference to it"
            )
        return name


def _image_formats() -> tuple[str, ...]:
    """The image formats the book takes, as the validator says."""
    from ...validate.rules.media import IMAGE_FORMATS

    return IMAGE_FORMATS


def _head_row(table: list[Any]) -> None:
    """A Word table's first row is its header: a pipe table needs one."""
    head, bodies = table[3], table[4]
    if not head[1] and bodies and bodies[0][3]:
        head[1] = [bodies[0][3].pop(0)]


def _plain(inlines: list[Any]) -> str:
    """The text of inlines, without formatting or footnotes."""
    parts: list[str] = []
    for node in inlines:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif kind in ("Code", "Math"):
            parts.append(content[1])
        elif kind == "Quoted":
            parts.append(f'"{_plain(content[1])}"')
        elif kind in ("Link", "Image", "Span", "Cite"):
            parts.append(_plain(content[1]))
        elif kind != "Note" and isinstance(content, list):
            parts.append(_plain(content))
    return " ".join("".join(parts).split())


def _meta_text(value: Any) -> str:
    """A pandoc metadata value (from Word's Title, Subtitle, Author, Abstract styles) as plain text."""
    if not isinstance(value, dict):
        return ""
    kind: Any = value.get("t")
    content: Any = value.get("c")
    if kind == "MetaString":
        return str(content)
    if kind == "MetaInlines":
        return _plain(content)
    if kind == "MetaBlocks":
        return " ".join(_plain(b["c"]) for b in content if b["t"] in ("Para", "Plain"))
    return ""


def _title(blocks: list[Any], meta: dict[str, Any], word: WordFile, notes: list[str]) -> tuple[str, list[Any]]:
    """The title, and the body without a level-1 heading.

    A single "Heading 1" is the title; several, or one beside a "Title" paragraph, are sections, so
    every heading moves one level down.
    """
    styled = _meta_text(meta.get("title"))
    firsts = [b for b in blocks if b["t"] == "Header" and b["c"][0] == 1]
    title = styled
    if len(firsts) == 1 and not styled:
        title = _plain(firsts[0]["c"][2])
        blocks = [b for b in blocks if b is not firsts[0]]
    elif firsts:
        for block in blocks:
            if block["t"] == "Header":
                block["c"][0] = min(block["c"][0] + 1, 6)
        if not styled:
            notes.append(f"the {len(firsts)} 'Heading 1' headings became ## sections; check the heading levels")
    if title and word.title and title.casefold() != word.title.casefold():
        notes.append(f"the title property '{word.title}' differs from the title in the text, which was used")
    return title or word.title, blocks


def _section_key(text: str) -> str:
    text = _LEADING_NUMBER.sub("", text).casefold().replace("ё", "е")
    return " ".join(text.strip(" .:;").split())


def _label_sections(
    blocks: list[Any], publication: Publication, cc: str, bookmarks: tuple[tuple[str, str], ...]
) -> list[Any]:
    """Put ``(<cc>-<key>)=`` above each ## heading named like a section of the template (English or Russian),
    or bookmarked with that label (as in a chapter exported to Word, in any language)."""
    sections = registry.sections(publication.value)
    names = {_section_key(name): s.key for s in sections for name in (s.name_en, s.name_ru)}
    marked = {text: name.removeprefix(f"{cc}-") for text, name in bookmarks if name.startswith(f"{cc}-")}
    keys = {s.key for s in sections}
    labelled: set[str] = set()
    result: list[Any] = []
    for block in blocks:
        if block["t"] == "Header" and block["c"][0] == 2:
            text = _plain(block["c"][2])
            key = names.get(_section_key(text)) or (marked[text] if marked.get(text) in keys else None)
            if key is not None and key not in labelled:
                labelled.add(key)
                result.append({"t": "RawBlock", "c": ["markdown", f"({cc}-{key})="]})
        result.append(block)
    return result


def _escape_body(markdown: bytes) -> str:
    """pandoc's CommonMark with lines that MyST reads as comments (``%``) escaped; code is left alone."""
    lines: list[str] = []
    fence = ""
    for line in markdown.decode("utf-8").splitlines():
        opening = _CODE_FENCE.match(line)
        if fence and line.strip().startswith(fence):
            fence = ""
        elif not fence and opening:
            fence = opening.group(1)
        elif not fence and not line and lines and _LABEL_LINE.match(lines[-1]):
            continue  # a section label sits right above its heading
        elif not fence:
            line = re.sub(r"^(\s*(?:[-*+]\s+|\d+[.)]\s+)?)%", r"\1\\%", line)
        lines.append(line)
    return "\n".join(lines).strip() + "\n"


def _chapter_text(template: str, title: str, meta: dict[str, Any], word: WordFile, body: str, notes: list[str]) -> str:
    """The chapter: the template's front matter, filled in from the Word file, and the converted body."""
    source = frontmatter.split(template)
    try:
        fields, _ = load_yaml(source.front_matter or "", source.front_matter_line, what="the template's front matter")
    except SourceProblem as problem:
        raise DocxError(f"the chapter template, line {problem.line}: {problem.message}") from None
    filled: dict[str, Any] = {}
    for key, value in fields.items():
        filled[key] = value
        if key == "title" and title:
            filled[key] = title
            if subtitle := _meta_text(meta.get("subtitle")):
                filled["subtitle"] = subtitle
    names = word.creators or tuple(_unique([_meta_text(a) for a in _meta_list(meta.get("author"))]))
    if names and isinstance(fields.get("authors"), list) and fields["authors"]:
        filled["authors"] = [_author(fields["authors"][0], name) for name in names]
    styled = " ".join(word.abstract)
    abstract = _meta_text(meta.get("abstract")) or styled or word.description or word.subject
    if abstract:
        filled["abstract"] = abstract
    if word.keywords:
        filled["keywords"] = list(word.keywords[:12])
        if len(word.keywords) > 12:
            notes.append(f"only the first 12 of the {len(word.keywords)} keywords were kept")
    dumped = yaml.dump(filled, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{dumped}---\n\n{body}"


class _Dumper(yaml.SafeDumper):
    """Safe YAML without anchors and aliases, which the validator refuses."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _meta_list(value: Any) -> list[Any]:
    if isinstance(value, dict) and value.get("t") == "MetaList":
        return list(value["c"])
    return [value] if value is not None else []


def _author(template: dict[str, Any], name: str) -> dict[str, Any]:
    """The template's author entry with the name in ``name`` (Latin script) or ``native_name`` (other scripts)."""
    author = deepcopy(template)
    counts = scripts.script_counts([name])
    if counts and counts.most_common(1)[0][0] != "Latn":
        author["native_name"] = name
    else:
        author["name"] = name
    return author


def _install(files: list[tuple[Path, Path]], force: bool, root: Path) -> None:
    """Put staged files in place, all or none: copy each next to its target first, then rename them all."""
    clashes = [shown(target, root) for _, target in files if target.exists()]
    if clashes and not force:
        exists, it = ("exists", "it") if len(clashes) == 1 else ("exist", "them")
        raise DocxError(f"{', '.join(clashes)} already {exists}; import with --force to replace {it}")
    made: list[Path] = []
    copies: list[Path] = []
    placed: list[Path] = []
    try:
        for staged, target in files:
            for folder in reversed([target.parent, *target.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    made.append(folder)
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            os.close(handle)
            copies.append(Path(name))
            shutil.copyfile(staged, name)
        for temporary, (_, target) in zip(copies, files, strict=True):
            if force:
                temporary.replace(target)
            else:
                os.link(temporary, target)  # fails if the target appeared meanwhile: never overwrite
                placed.append(target)
    except OSError as exc:
        for path in [*copies, *placed]:
            path.unlink(missing_ok=True)
        for folder in reversed(made):
            if not any(folder.iterdir()):
                folder.rmdir()
        if isinstance(exc, FileExistsError):
            raise DocxError(f"{exc.filename} appeared during the import; import again with --force") from None
        raise DocxError(f"cannot write {exc.filename}: {exc.strerror}") from None
    finally:
        for temporary in copies:
            temporary.unlink(missing_ok=True)


def _validation_notes(root: Path, path: Path, reported_images: set[str]) -> list[str]:
    """What ``handbook validate`` still finds, one short line each; TODO placeholders in one line."""
    notes: list[str] = []
    placeholders: list[int] = []
    for finding in validate(root, [path], base=root).findings:
        if finding.rule == "template-placeholder":
            placeholders.append(finding.line)
        elif finding.rule != "image-format" or not any(image in finding.message for image in reported_images):
            hint = f"; {finding.hint}" if finding.hint else ""
            message = finding.message.removesuffix(" before this one")
            notes.append(f"line {finding.line}: {finding.severity} {finding.rule}: {message}{hint}")
    if placeholders:
        lines = ", ".join(str(line) for line in sorted(set(placeholders)))
        notes.append(f"replace the 'TODO' placeholders (lines {lines}): institution, authors' details and the like")
    return notes


def _in_abstract(block: dict[str, Any], word: WordFile) -> bool:
    """An abstract paragraph, which goes to the front matter (a chapter exported to Word has one)."""
    return block["t"] in ("Para", "Plain") and _plain(block["c"]) in (*word.abstract, *word.abstract_titles)
