"""The ``typst`` Sphinx builder: the whole publication as one ``.typ``, compiled to a tagged PDF."""

from __future__ import annotations

import atexit
import functools
import gc
import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Container, Set
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.errors import ExtensionError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.nodes import inline_all_toctrees

from ...core import fonts
from ...core.config import BuildOptions, EditionConfig, PublicationConfig
from ...core.files import write_if_changed
from ...core.labels.book import label
from . import escape
from .escape import typst_lang
from .translator import TypstTranslator

if TYPE_CHECKING:
    import typst

logger = logging.getLogger(__name__)
DESIGN = Path(__file__).resolve().parent / "templates" / "book.typ"
"""The book's design in Typst, written beside the book as design.typ."""

PAPERS = {"a4": "a4", "letter": "us-letter"}


IMPRINT_TERMS = ("edition", "published", "identifier", "licence")
"""The imprint page's terms, in the book's language (templates/book.typ's meta.imprint)."""


class TypstBuilder(Builder):
    """Merges the book like Sphinx's LaTeX builder, then writes and compiles Typst."""

    name = "typst"
    format = "typst"
    epilog = "The PDF is in %(outdir)s."
    supported_image_types: ClassVar[list[str]] = ["image/svg+xml", "image/png", "image/jpeg", "image/gif", "image/webp"]
    supported_remote_images = False
    default_translator_class = TypstTranslator

    def init(self) -> None:
        self.known_labels: set[str] = set()

    def get_outdated_docs(self) -> str:
        return "all documents"  # one output file made of all of them

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return "%" + docname

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        """The book's Typst: each included document translated, or taken from the fragment cache.

        A document is translated again only when its doctree, the book's structure, the
        configuration or this code changed, or a label it refers to appeared or went away.
        """
        root = self.config.root_doc
        tree = self.env.get_doctree(root)
        cache = FragmentCache(Path(self.outdir) / ".fragments", self._context_digest())
        order = [str(doc) for toctree in tree.findall(addnodes.toctree) for doc in toctree["includefiles"]]
        keys = {doc: self._doctree_digest(doc) for doc in order}
        entries: dict[str, Fragment | None] = {doc: cache.get(doc, keys[doc]) for doc in order}
        books = {doc: self._document_book(tree, doc) for doc, entry in entries.items() if entry is None}
        for entry in entries.values():
            if entry is not None:
                self.images.update(entry.images)
        self.known_labels = {label for e in entries.values() if e is not None for label in e.labels}
        for book in books.values():
            self.known_labels |= self._labels(book)
        parts: list[str] = []
        translated = 0
        for doc in order:
            entry = entries[doc]
            if entry is None or not entry.still_valid(self.known_labels):
                translated += 1
                book = books.pop(doc) if doc in books else self._document_book(tree, doc)
                entry = self._translate(keys[doc], book)
                cache.put(doc, entry)
            parts.append(entry.text)
        logger.info("typst: %d of %d documents translated, the others taken from the cache", translated, len(order))
        source = self._preamble() + "".join(parts)
        write_if_changed(Path(self.outdir) / f"{self._basename()}.typ", source.encode("utf-8"))

    def _document_book(self, tree: nodes.document, docname: str) -> nodes.document:
        """One document the root ``tree`` includes (with what it includes), merged, resolved, as a book of its own."""
        root = self.config.root_doc
        merged = inline_all_toctrees(self, set(), docname, self.env.get_doctree(docname), lambda t: t, [root, docname])
        start = addnodes.start_of_file(docname=docname)
        start.extend(merged.children)
        book = new_document(tree["source"], tree.settings)
        book.append(start)
        book["docname"] = root
        self.env.resolve_references(book, root, self)
        self.post_process_images(book)
        return book

    def _translate(self, key: str, book: nodes.document) -> Fragment:
        """Translate one document (``key``: its doctrees' digest); not reusable if a warning was logged meanwhile."""
        warnings = self._app._warncount
        images = dict(self.images)
        translator = self.create_translator(book, self)
        if not isinstance(translator, TypstTranslator):
            raise ExtensionError(f"the typst builder's translator must be a TypstTranslator, not {type(translator)}")
        translator.labels = lookups = _RecordedLookups(self.known_labels)
        book.walkabout(translator)
        return Fragment(
            key,
            translator.astext(),
            sorted(self._labels(book)),
            {source: name for source, name in self.images.items() if images.get(source) != name},
            lookups.asked,
            reusable=self._app._warncount == warnings,
        )

    def _doctree_digest(self, docname: str) -> str:
        digest = hashlib.sha256()
        for doc in [docname, *self.env.toctree_includes.get(docname, [])]:
            digest.update(Path(self.env.doctreedir, f"{doc}.doctree").read_bytes())
        return digest.hexdigest()

    def _context_digest(self) -> str:
        """What every fragment depends on besides its own doctree: structure, configuration, code."""
        from ..incremental import structure_digest

        names = ("language", "numfig_format", "handbook_publication", "handbook_edition")
        config = [repr(self.config[name]) for name in names]
        digest = hashlib.sha256(repr((structure_digest(self.env), config)).encode())
        for module in ("builder.py", "translator.py", "escape.py", "math.py"):
            digest.update((Path(__file__).parent / module).read_bytes())
        return digest.hexdigest()

    def _labels(self, book: nodes.document) -> set[str]:
        found: set[str] = set()
        for start in book.findall(addnodes.start_of_file):
            docname = start["docname"]
            found.add(docname)
            for node in start.findall(nodes.Element):
                ids: list[str] = node.get("ids", [])
                found.update(f"{docname}:{ident}" for ident in ids)
        return found

    def _source_date(self) -> int:
        options: BuildOptions = self.config.handbook_build
        return options.source_date_epoch or 0

    def _preamble(self) -> str:
        publication: PublicationConfig = self.config.handbook_publication
        edition: EditionConfig = self.config.handbook_edition
        stamp = time.gmtime(self._source_date())
        language = str(self.config.language)
        fields = {
            "title": escape.string(publication.title),
            "subtitle": escape.string(publication.subtitle) if publication.subtitle else "none",
            "edition": escape.string(publication.edition),
            "publisher": escape.string(publication.publisher),
            "date": escape.string(publication.date),
            "date-time": f"datetime(year: {stamp.tm_year}, month: {stamp.tm_mon}, day: {stamp.tm_mday},"
            f" hour: {stamp.tm_hour}, minute: {stamp.tm_min}, second: {stamp.tm_sec})",
            "identifier": escape.string(publication.identifier),
            "license": escape.string(publication.licence),
            "notice": escape.string(publication.notice),
            "authors": "(" + "".join(f"{escape.string(a)}, " for a in edition.contributors()) + ")",
            "keywords": "(" + "".join(f"{escape.string(k)}, " for k in publication.keywords) + ")",
            "lang": typst_lang(self.config.language),
            "paper": escape.string(PAPERS.get(publication.paper, "a4")),
            "cover": escape.string("cover.svg"),
            "cover-alt": escape.string(label(language, "cover_alt").format(title=publication.title)),
            "contents-title": escape.string(_("Contents")),
            "imprint": "("
            + "".join(f"{term}: [{escape.text(label(language, f'imprint_{term}'))}], " for term in IMPRINT_TERMS)
            + ")",
        }
        body = ",\n  ".join(f"{key}: {value}" for key, value in fields.items())
        return f'#import "design.typ": *\n\n#show: book.with((\n  {body},\n))\n'

    def finish(self) -> None:
        """Copy the design, cover, images and fonts next to the source, and compile the PDF."""
        outdir = Path(self.outdir)
        write_if_changed(outdir / "design.typ", DESIGN.read_bytes())
        write_if_changed(outdir / "fonts.typ", _fonts_module().encode())
        write_if_changed(outdir / "cover.svg", self._cover())
        self._copy_images()
        gc.collect()  # the doctrees are gone; Typst needs the memory for a big book
        self.compile(outdir / f"{self._basename()}.typ")

    def _basename(self) -> str:
        """The output's name: the publication id (``<id>-<cc>`` for an offprint)."""
        publication: PublicationConfig = self.config.handbook_publication
        return publication.basename

    def _cover(self) -> bytes:
        from ...assemble.cover import render_cover

        publication: PublicationConfig = self.config.handbook_publication
        return render_cover(
            publication.title,
            publication.subtitle,
            publication.edition,
            publication.publisher,
            publication.kind,
            output="svg",
            title_language=publication.title_language,
            language=str(self.config.language),
        )

    def compile(self, source: Path) -> None:
        """Typst, in-process, with exactly the configured fonts, as tagged PDF/UA-1."""
        target = source.with_suffix(".pdf")
        try:
            pdf = compiler().compile(
                str(source), root=str(self.outdir), pdf_standards=["ua-1"], timestamp=self._source_date()
            )
        except (RuntimeError, ValueError) as exc:  # typst.TypstError derives from RuntimeError
            detail = getattr(exc, "diagnostic", "") or str(exc)
            logger.warning("Typst could not compile %s: %s", source.name, detail, type="handbook", subtype="typst")
            return
        assert isinstance(pdf, bytes)
        write_if_changed(target, pdf)

    def _copy_images(self) -> None:
        folder = Path(self.outdir) / "images"
        folder.mkdir(parents=True, exist_ok=True)
        for source, name in self.images.items():
            shutil.copyfile(Path(self.srcdir) / source, folder / name)


@functools.cache
def compiler() -> typst.Compiler:
    """This process's Typst compiler: the configured fonts loaded once, and Typst's memoised work kept
    between compiles (a book compiled again after a small edit, an offprint after its book)."""
    import typst

    folder = fonts.font_dir(Path(tempfile.mkdtemp(prefix="handbook-fonts-")))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return typst.Compiler(font_paths=typst.Fonts(include_system_fonts=False, font_paths=[str(folder)]))


def _fonts_module() -> str:
    """fonts.typ: the serif, sans and mono fallback lists from :mod:`handbook.fonts`."""
    lists = {
        "serif": fonts.families(None),
        "sans": fonts.families(None, sans=True),
        "mono": ("Noto Sans Mono", *fonts.families(None, sans=True)),
    }
    return "// Written by the typst builder from handbook/fonts.py.\n" + "".join(
        f"#let {name} = {_tuple(names)}\n" for name, names in lists.items()
    )


def _tuple(names: tuple[str, ...]) -> str:
    return "(" + "".join(f"{escape.string(n)}, " for n in names) + ")"


@dataclass(frozen=True)
class Fragment:
    """One document's Typst and what it was made from."""

    key: str
    text: str
    labels: list[str]
    images: dict[str, str]
    asked: dict[str, bool] = field(default_factory=dict)
    """Labels the translation looked up, and whether they existed."""
    reusable: bool = True

    def still_valid(self, labels: Set[str]) -> bool:
        return all((label in labels) == present for label, present in self.asked.items())


class FragmentCache:
    """Fragments by document, in a folder; an entry counts only under the same context digest."""

    def __init__(self, folder: Path, context: str) -> None:
        self.folder = folder
        self.context = context

    def _path(self, docname: str) -> Path:
        return self.folder / (docname.replace("/", "__") + ".json")

    def get(self, docname: str, key: str) -> Fragment | None:
        try:
            data = json.loads(self._path(docname).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("context") != self.context or data.get("key") != key:
            return None
        data.pop("context")
        return Fragment(**data)

    def put(self, docname: str, fragment: Fragment) -> None:
        path = self._path(docname)
        if not fragment.reusable:
            path.unlink(missing_ok=True)
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_text(json.dumps({"context": self.context, **asdict(fragment)}, ensure_ascii=False), "utf-8")
        partial.replace(path)


class _RecordedLookups(Container[str]):
    """The known labels (not copied), remembering which ones a translation asked about."""

    def __init__(self, labels: Set[str]) -> None:
        self.labels = labels
        self.asked: dict[str, bool] = {}

    def __contains__(self, label: object) -> bool:
        found = label in self.labels
        if isinstance(label, str):
            self.asked[label] = found
        return found
