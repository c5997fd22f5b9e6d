"""Publication definitions, book/<id>/publication.yml: read, then checked against their schema and rules."""

from __future__ import annotations

from pathlib import Path

from ..core.model import DataFile, Finding, SourceProblem
from ..sources import publications
from .rules import problem_finding
from .rules import publication as publication_rules
from .rules.schema import schema_findings

SCHEMA = "publication.schema.json"


def read_definition(path: Path, display_path: str) -> tuple[DataFile | None, list[Finding]]:
    """A publication.yml with its values' positions, or None and the finding of what stopped it being read."""
    try:
        return publications.read_definition(path, display_path), []
    except SourceProblem as problem:
        return None, [problem_finding(problem, display_path)]


def check_definition(document: DataFile, folder: Path, countries: dict[str, set[str]]) -> list[Finding]:
    """Schema and rule findings for one publication definition.

    ``countries`` maps each chapter folder (sme, gender) to the countries that have a chapter there.
    """
    findings = list(schema_findings(document, document.data, SCHEMA))
    chapters = document.data.get("chapters")
    source = chapters.get("from") if isinstance(chapters, dict) else None
    findings += publication_rules.check(document, folder, countries.get(str(source), set()))
    return findings
