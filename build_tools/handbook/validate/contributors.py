"""The contributor registry, contrib/contributors.yml: read, checked against its schema, and modelled."""

from __future__ import annotations

from pathlib import Path

from ..core import registry
from ..core.model import Finding, Severity, SourceProblem
from ..sources.contributors import REGISTRY_FILE, Contributors, parse_registry, read_registry
from .rules import RULES, problem_finding
from .rules.schema import schema_findings

SCHEMA = "contributors.schema.json"


def load(root: Path, display_path: str | None = None) -> tuple[Contributors | None, list[Finding]]:
    """Read and check the registry; None with findings when it cannot be used."""
    try:
        document = read_registry(root, display_path)
    except SourceProblem as problem:
        return None, [problem_finding(problem, display_path or REGISTRY_FILE.as_posix())]
    findings = list(schema_findings(document, document.data, SCHEMA))
    countries = document.data.get("countries")
    for code in countries if isinstance(countries, dict) else {}:
        if isinstance(code, str) and registry.member(code) is None:
            findings.append(
                RULES["contributors-registry"].at_field(
                    document, ("countries", code), f"'{code}' is not a CICA member state", "use a member's ISO code"
                )
            )
    if any(f.severity is Severity.ERROR for f in findings):
        return None, findings
    return parse_registry(document), findings


def load_if_present(root: Path) -> Contributors | None:
    """The registry when the repository has a usable one (its problems are validate's to report)."""
    return load(root)[0] if (root / REGISTRY_FILE).is_file() else None
