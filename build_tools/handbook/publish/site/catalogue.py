"""What the site publishes: each publication's built files in ``_build/``, with sizes and SHA-256 checksums.

:func:`collect` only reads; writing the site is :mod:`handbook.site`'s job.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ...collab import history
from ...core import dates, registry
from ...core.model import BuildError, Chapter, PublicationSpec
from ...sources import layout, publications, reading
from ...validate.gate import load_publication
from ..outputs import build_dir
from . import covers

FORMATS = ("html", "epub", "pdf")
"""The editions every publication should have."""
DATA_FILES = ("recommendations.csv", "recommendations.json")
MEDIA_TYPES = {
    ".epub": "application/epub+zip",
    ".pdf": "application/pdf",
    ".csv": "text/csv",
    ".json": "application/json",
    ".png": "image/png",
    ".jpg": "image/jpeg",
}
_COVERS = ("source/_static/cover.png", "html/_static/cover.png")
"""Where a build leaves the cover, best first."""


class SiteError(Exception):
    """The site cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class SiteFile:
    """A file the site publishes: where it is in ``_build/`` and its path in the site."""

    source: Path
    href: str
    """Path in the site, relative to its root, with forward slashes."""
    size: int
    sha256: str
    modified: float

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[Path(self.href).suffix]

    @property
    def format(self) -> str:
        """The format's name for people: EPUB, PDF, CSV, JSON."""
        return Path(self.href).suffix.lstrip(".").upper()


@dataclass(frozen=True)
class HtmlEdition:
    """A folder of HTML pages, published as it is."""

    source: Path
    href: str
    """The folder in the site, ending with a slash."""
    modified: float

    @property
    def index(self) -> str:
        return f"{self.href}index.html"


@dataclass(frozen=True)
class Offprint:
    """One chapter built on its own."""

    country: str
    names: tuple[tuple[str, str], ...]
    """The country's name by language: (("en", "Kazakhstan"), ("ru", "Казахстан"))."""
    title: str | None
    language: str | None
    """The chapter's language (BCP 47), when the chapter is still in the book."""
    html: HtmlEdition | None
    files: tuple[SiteFile, ...]

    def name(self, language: str) -> str:
        return dict(self.names).get(language, dict(self.names).get("en", self.country))


@dataclass(frozen=True)
class Entry:
    """One language edition of a publication: its definition, what was built of it, and what is missing."""

    spec: PublicationSpec
    """The edition's spec (see :func:`handbook.book.edition_spec`): ``spec.language`` is the edition's."""
    languages: tuple[str, ...]
    """BCP 47 tags: the publication's language, then its chapters' languages."""
    authors: tuple[str, ...]
    """The chapters' authors in book order."""
    html: HtmlEdition | None
    editions: tuple[SiteFile, ...]
    """EPUB and PDF, as far as they were built."""
    data: tuple[SiteFile, ...]
    offprints: tuple[Offprint, ...]
    cover: SiteFile | None
    thumbnail: covers.Thumbnail | None
    missing: tuple[str, ...]
    """What should be there and is not: html, epub, pdf, offprints."""

    @property
    def downloads(self) -> tuple[SiteFile, ...]:
        """Every file offered for download, in page order."""
        return (*self.editions, *self.data, *(f for o in self.offprints for f in o.files))

    @property
    def built(self) -> bool:
        return bool(self.html or self.editions or self.offprints)

    @property
    def modified(self) -> float:
        """The time of the newest of its files."""
        times = [f.modified for f in (*self.downloads, *([self.cover] if self.cover else []))]
        times += [h.modified for h in (self.html, *(o.html for o in self.offprints)) if h is not None]
        return max(times, default=0.0)


@dataclass(frozen=True)
class Catalogue:
    """Every publication, and the time the site says it was updated."""

    entries: tuple[Entry, ...]
    epoch: int | None = None
    """The source date (SOURCE_DATE_EPOCH, else the last commit's time), which dates the site and the books."""

    @property
    def downloads(self) -> tuple[SiteFile, ...]:
        return tuple(f for e in self.entries for f in e.downloads)

    @property
    def publishers(self) -> tuple[str, ...]:
        """The publishers as the definitions name them (the editions in the definitions' own language)."""
        originals = [e for e in self.entries if e.spec.edition_language in (None, e.spec.source_language)]
        return tuple(dict.fromkeys(e.spec.publisher for e in originals or self.entries))

    def editions_of(self, entry: Entry) -> tuple[Entry, ...]:
        """Every edition of ``entry``'s publication, in the order the definition lists them."""
        return tuple(e for e in self.entries if e.spec.id == entry.spec.id)

    def for_language(self, language: str) -> tuple[Entry, ...]:
        """What a page in ``language`` lists: each publication's edition in it when that was built, else its
        first edition that was built, else (nothing built) its edition in ``language`` or its first."""

        def rank(entry: Entry) -> tuple[bool, bool]:
            return (not entry.built, entry.spec.language != language)

        chosen: dict[str, Entry] = {}
        for entry in self.entries:
            best = chosen.get(entry.spec.id)
            if best is None or rank(entry) < rank(best):
                chosen[entry.spec.id] = entry
        return tuple(chosen.values())

    def updated(self, entry: Entry | None = None) -> float:
        """The source date if there is one, else the time of the newest file (of ``entry``, or of all)."""
        if self.epoch is not None:
            return float(self.epoch)
        return entry.modified if entry is not None else max((e.modified for e in self.entries), default=0.0)


def collect(root: Path) -> Catalogue:
    """The catalogue of every publication defined under ``book/``, from what ``_build/`` holds."""
    ids = [path.parent.name for path in publications.definition_files(root)]
    if not ids:
        raise SiteError("no publications: add book/<id>/publication.yml")
    chapters = _read_chapters(root)
    entries = []
    for publication in ids:
        try:
            definition = load_publication(root, publication)
        except BuildError as error:
            raise SiteError(f"{publication}: {error}; run `handbook validate`") from None
        for language in definition.edition_languages:
            spec = publications.edition_spec(definition, language)
            entries.append(
                _entry(build_dir(root, spec.id, language), spec, publications.select_chapters(spec, chapters))
            )
    return Catalogue(tuple(entries), _source_date(root))


def sha256sums(catalogue: Catalogue) -> str:
    """``SHA256SUMS`` in the format of ``sha256sum``: one ``<digest>  <path>`` line per download, by path."""
    return "".join(f"{f.sha256}  {f.href}\n" for f in sorted(catalogue.downloads, key=lambda f: f.href))


def site_file(source: Path, href: str) -> SiteFile:
    """A file with its size, checksum and modification time."""
    with source.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    status = source.stat()
    return SiteFile(source, href, status.st_size, digest, status.st_mtime)


def _entry(out: Path, spec: PublicationSpec, chapters: list[Chapter]) -> Entry:
    """An edition as ``_build/<id>/<language>/`` holds it; in the site it is ``<id>/<language>/`` too."""
    base = f"{spec.id}/{spec.edition_language}"
    html = _html(out / "html", f"{base}/html/")
    editions = tuple(
        site_file(out / f"{spec.stem}.{fmt}", f"{base}/{spec.stem}.{fmt}")
        for fmt in ("epub", "pdf")
        if (out / f"{spec.stem}.{fmt}").is_file()
    )
    data = tuple(site_file(out / name, f"{base}/{name}") for name in DATA_FILES if (out / name).is_file())
    offprints = _offprints(out / "offprints", spec, chapters, f"{base}/offprints/")
    cover = _cover(out, base)
    built = {f.format.lower() for f in editions} | ({"html"} if html else set())
    missing = [fmt for fmt in FORMATS if fmt not in built]
    if chapters and not offprints:
        missing.append("offprints")
    return Entry(
        spec=spec,
        languages=_languages(spec, chapters),
        authors=_authors(chapters),
        html=html,
        editions=editions,
        data=data,
        offprints=offprints,
        cover=cover,
        thumbnail=_thumbnail(cover, f"{base}/cover-thumbnail.png") if cover else None,
        missing=tuple(missing),
    )


def _thumbnail(cover: SiteFile, href: str) -> covers.Thumbnail:
    try:
        return covers.thumbnail(cover.source, href)
    except ValueError as error:
        raise SiteError(f"{error}; build the publication again") from None


def _html(folder: Path, href: str) -> HtmlEdition | None:
    index = folder / "index.html"
    return HtmlEdition(folder, href, index.stat().st_mtime) if index.is_file() else None


def _offprints(folder: Path, spec: PublicationSpec, chapters: list[Chapter], href: str) -> tuple[Offprint, ...]:
    """The offprints found in ``offprints/``, in book order (any of a chapter since withdrawn last).

    An edition's offprint of the chapter on CC is ``<id>-<cc>.<language>`` + ``.pdf``, ``.epub`` or ``-html``.
    """
    edition = re.escape(f".{spec.edition_language}")
    pattern = re.compile(rf"^{re.escape(spec.id)}-(?P<cc>[a-z]{{2}}){edition}(?P<kind>\.pdf|\.epub|-html)$")
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        match = pattern.match(path.name)
        if match and (path.is_file() or (path / "index.html").is_file()):
            found.setdefault(match["cc"].upper(), {})[match["kind"]] = path
    order = {c.location.country: i for i, c in enumerate(chapters)}
    by_country = {c.location.country: c for c in chapters}
    codes = sorted(found, key=lambda cc: (order.get(cc, len(order)), cc))
    return tuple(_offprint(code, found[code], by_country.get(code), href) for code in codes)


def _offprint(code: str, paths: dict[str, Path], chapter: Chapter | None, href: str) -> Offprint:
    meta = (chapter.meta or {}) if chapter else {}
    state = registry.states().get(code)
    html = paths.get("-html")
    return Offprint(
        country=code,
        names=(("en", state.name_en), ("ru", state.name_ru)) if state else (("en", code),),
        title=str(meta["title"]) if meta.get("title") else None,
        language=str(meta.get("language", "en")) if chapter else None,
        html=_html(html, f"{href}{html.name}/") if html else None,
        files=tuple(site_file(paths[k], f"{href}{paths[k].name}") for k in (".pdf", ".epub") if k in paths),
    )


def _cover(out: Path, base: str) -> SiteFile | None:
    """The cover the build used; Sphinx calls it cover.png even when the definition gave a JPEG."""
    for relative in _COVERS:
        path = out / relative
        if path.is_file():
            suffix = ".jpg" if covers.is_jpeg(path) else ".png"
            return site_file(path, f"{base}/cover{suffix}")
    return None


def _languages(spec: PublicationSpec, chapters: list[Chapter]) -> tuple[str, ...]:
    tags = [spec.language, *sorted({publications.chapter_language(c) for c in chapters})]
    return tuple(dict.fromkeys(tags))


def _authors(chapters: list[Chapter]) -> tuple[str, ...]:
    names = [
        str(author["name"])
        for chapter in chapters
        for author in (chapter.meta or {}).get("authors") or []
        if isinstance(author, dict) and author.get("name")
    ]
    return tuple(dict.fromkeys(names))


def _read_chapters(root: Path) -> list[Chapter]:
    """Every chapter in ``chapters/`` as it is now; the build validated the ones it took."""
    chapters = []
    for path in layout.markdown_files(root):
        try:
            location = layout.chapter_path(root, path)
        except layout.LayoutError:
            continue
        chapters.append(reading.read_chapter(location, path.relative_to(root).as_posix()))
    return chapters


def _source_date(root: Path) -> int | None:
    try:
        return history.source_date(root)
    except dates.SourceDateError as error:
        raise SiteError(str(error)) from None
