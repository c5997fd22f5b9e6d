"""Publication definitions: reading book/<id>/publication.yml and choosing a book's chapters."""

from __future__ import annotations

from pathlib import Path

from . import frontmatter, registry
from .model import Chapter, DataFile, Finding, Publication, PublicationSpec
from .rules import RULES, load_all
from .rules import publication as publication_rules
from .rules.schema import schema_findings

BOOK_DIR = "book"
DEFINITION = "publication.yml"
SCHEMA = "publication.schema.json"


def definition_files(root: Path) -> list[Path]:
    """Every ``book/<id>/publication.yml``, sorted by id."""
    base = root / BOOK_DIR
    return sorted(base.glob(f"*/{DEFINITION}")) if base.is_dir() else []


def read_definition(path: Path, display_path: str) -> tuple[DataFile | None, list[Finding]]:
    """Read a publication.yml safely, with positions; problems become findings."""
    load_all()
    try:
        text = frontmatter.decode(path.read_bytes())
        data, lines = frontmatter.load_yaml(text, 1)
    except OSError as exc:
        return None, [RULES["publication-yaml"].at(display_path, 1, 1, f"cannot read the file: {exc.strerror}", "")]
    except frontmatter.SourceProblem as problem:
        return None, [RULES[problem.rule].at(display_path, problem.line, problem.column, problem.message, problem.hint)]
    if not isinstance(data, dict):
        return None, [
            RULES["publication-yaml"].at(
                display_path, 1, 1, "publication.yml is not a set of 'key: value' fields", "see book/README.md"
            )
        ]
    return DataFile(display_path, data, lines), []


def check_definition(document: DataFile, folder: Path, countries: dict[str, set[str]]) -> list[Finding]:
    """Schema and rule findings for one publication definition.

    ``countries`` maps each chapter folder (sme, gender) to the countries that have a chapter there.
    """
    findings = list(schema_findings(document, document.data, SCHEMA))
    chapters = document.data.get("chapters")
    source = chapters.get("from") if isinstance(chapters, dict) else None
    findings += publication_rules.check(document, folder, countries.get(str(source), set()))
    return findings


def to_spec(document: DataFile, folder: Path) -> PublicationSpec:
    """The model of a definition that passed :func:`check_definition` without errors."""
    data = document.data
    chapters = data["chapters"]
    return PublicationSpec(
        id=data["id"],
        folder=folder,
        title=data["title"],
        subtitle=data.get("subtitle"),
        edition=data["edition"],
        date=data["date"],
        publisher=data["publisher"],
        identifier=data["identifier"],
        language=data["language"],
        license=data["license"],
        description=data.get("description", ""),
        keywords=tuple(data.get("keywords", ())),
        cover=data.get("cover"),
        source=Publication(chapters["from"]),
        statuses=tuple(chapters.get("statuses", PublicationSpec.statuses)),
        release=bool(chapters.get("release", False)),
        order=tuple(chapters.get("order", ())),
        front_matter=tuple(data.get("front_matter", ())),
        back_matter=tuple(data.get("back_matter", ())),
        paper=data.get("paper", "a4"),
    )


def select_chapters(spec: PublicationSpec, chapters: list[Chapter]) -> list[Chapter]:
    """The book's chapters, in order: listed countries first, then by English country name.

    Originals only (translations join with language editions), with a status the book takes.
    """
    taken = [
        c
        for c in chapters
        if c.location.publication is spec.source
        and not c.location.is_translation
        and c.meta is not None
        and c.meta.get("status") in spec.taken_statuses
    ]
    first = {code: index for index, code in enumerate(spec.order)}

    def key(chapter: Chapter) -> tuple[int, str]:
        state = registry.member(chapter.location.country)
        name = state.name_en if state else chapter.location.country
        return (first.get(chapter.location.country, len(first)), name)

    return sorted(taken, key=key)
