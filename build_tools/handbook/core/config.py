"""The typed configuration a build gives Sphinx: the publication, the edition's documents, the build's options.

Frozen dataclasses, as MyST-Parser's ``MdParserConfig`` is. The assembled project's ``conf.py`` constructs
the first two (so that a preview built with ``sphinx-build`` reads the same); the build options come with
each run (``confoverrides``), so that the source date is decided once, by the pipeline, and is never read
from the environment by a builder. The extension registers each as one Sphinx config value,
:data:`CONFIG_VALUES`, and every builder reads them from ``app.config``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Name:
    """A person's or an institution's name in Latin script, and its form in the chapter's own script."""

    name: str
    native_name: str = ""


@dataclass(frozen=True)
class IndicatorFact:
    """One figure of a chapter's key facts, labelled in the book's language."""

    label: str
    value: int | float
    unit: str
    year: int
    illustrative: bool = False


@dataclass(frozen=True)
class Note:
    """A note of the edition on a document: it is in its original language, translated, out of date."""

    kind: str
    """A CSS class: original-language, translated-from or outdated."""
    title: str
    text: str


@dataclass(frozen=True)
class History:
    """What the repository's history says of a chapter."""

    first: str
    """ISO date of the first commit."""
    last: str
    revisions: int
    contributors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentConfig:
    """What the extension knows of a chapter, or of a front or back matter page in another language."""

    kind: str
    """The chapter's publication (sme, gender), or ``page``."""
    language: str
    direction: str
    country: str = ""
    country_name: str = ""
    """The country's name in the book's language."""
    title: str = ""
    institution: Name | None = None
    authors: tuple[Name, ...] = ()
    data_year: int | None = None
    currency: str | None = None
    indicators: tuple[IndicatorFact, ...] = ()
    notes: tuple[Note, ...] = ()
    history: History | None = None


@dataclass(frozen=True)
class Download:
    """A link of the HTML edition's downloads box."""

    text: str
    href: str
    lang: str = ""
    """The language of the link's text, when it is not the edition's (another edition's name)."""


@dataclass(frozen=True)
class PublicationConfig:
    """The publication, as this edition presents it."""

    id: str = ""
    kind: str = "sme"
    """Which chapters the book is made of: its cover's colours and motif follow."""
    title: str = ""
    subtitle: str | None = None
    edition: str = ""
    date: str = ""
    publisher: str = ""
    identifier: str = ""
    description: str = ""
    keywords: tuple[str, ...] = ()
    direction: str = "ltr"
    title_language: str = "en"
    licence: str = ""
    """The licence's full name, for the imprint page."""
    notice: str = ""
    """The imprint's notice, in the edition's language."""
    paper: str = "a4"
    basename: str = ""
    """The outputs' file name stem: ``sme-handbook.ru``, ``sme-handbook-kz.ru`` for an offprint."""


@dataclass(frozen=True)
class EditionConfig:
    """The edition's documents and links: its chapters and pages, downloads, and the labels of others."""

    chapters: dict[str, DocumentConfig] = field(default_factory=dict)
    """Each chapter by docname, in reading order: the first is where the EPUB's 'Start' landmark points."""
    pages: dict[str, DocumentConfig] = field(default_factory=dict)
    """Front and back matter pages left in another language than the edition's, by docname, in reading order."""
    external_labels: dict[str, str] = field(default_factory=dict)
    """Labels of chapters left out (an offprint's neighbours), with the text a reference to them shows."""
    downloads: tuple[Download, ...] = ()

    def document(self, docname: str) -> DocumentConfig | None:
        """The chapter or page behind ``docname``, else None."""
        return self.chapters.get(docname) or self.pages.get(docname)

    def documents(self) -> Iterator[DocumentConfig]:
        """Every chapter, then every page."""
        yield from self.chapters.values()
        yield from self.pages.values()

    def contributors(self) -> list[str]:
        """Everyone who wrote a chapter: its authors and the people git names, sorted."""
        authors = {author.name for chapter in self.chapters.values() for author in chapter.authors}
        committed = {
            name for chapter in self.chapters.values() if chapter.history for name in chapter.history.contributors
        }
        return sorted(authors | committed)


@dataclass(frozen=True)
class BuildOptions:
    """How this run builds: given to every Sphinx run of a build, never written into the project."""

    source_date_epoch: int | None = None
    """When the sources last changed (seconds since 1970): dates the EPUB and the PDF. None outside a
    ``handbook build`` (a preview): the extension then takes SOURCE_DATE_EPOCH, or the time now."""


CONFIG_VALUES: dict[str, tuple[type, Literal["", "env"]]] = {
    "handbook_publication": (PublicationConfig, "env"),
    "handbook_edition": (EditionConfig, "env"),
    "handbook_build": (BuildOptions, ""),
}
"""Each config value's type and what Sphinx rebuilds when it changes (``env``: read again)."""
