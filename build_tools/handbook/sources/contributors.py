"""The contributor registry, contrib/contributors.yml: who may change which files. No git here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core import registry
from ..core.model import DataFile, Finding, Severity
from . import frontmatter

REGISTRY_FILE = Path("contrib") / "contributors.yml"
SCHEMA = "contributors.schema.json"


@dataclass(frozen=True)
class Person:
    """A person or team, with the git author emails they commit as."""

    name: str
    emails: tuple[str, ...]
    github: tuple[str, ...] = ()


@dataclass(frozen=True)
class Team:
    """A member state's think tank and the identities allowed to change its chapters."""

    country: str
    institution: str
    focal_points: tuple[Person, ...]
    identities: frozenset[str]
    github: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contributors:
    """The whole registry."""

    editors: tuple[Person, ...]
    teams: dict[str, Team] = field(default_factory=dict)

    def is_editor(self, email: str) -> bool:
        return any(email.lower() in (e.lower() for e in person.emails) for person in self.editors)

    def countries_of(self, email: str) -> set[str]:
        """The countries whose chapters this identity may change."""
        return {code for code, team in self.teams.items() if email.lower() in {i.lower() for i in team.identities}}

    def name_of(self, email: str) -> str | None:
        """The registered name of an identity, if any."""
        people = [*self.editors, *(p for t in self.teams.values() for p in t.focal_points)]
        return next((p.name for p in people if email.lower() in (e.lower() for e in p.emails)), None)


def _person(data: dict[str, object]) -> Person:
    emails = data.get("emails") or []
    github = data.get("github") or []
    assert isinstance(emails, list) and isinstance(github, list)
    return Person(str(data["name"]), tuple(str(e) for e in emails), tuple(str(g) for g in github))


def load(root: Path, display_path: str | None = None) -> tuple[Contributors | None, list[Finding]]:
    """Read and check the registry; None with findings when it cannot be used."""
    from ..validate.rules import RULES, load_all
    from ..validate.rules.schema import schema_findings

    load_all()
    path = root / REGISTRY_FILE
    shown = display_path or REGISTRY_FILE.as_posix()
    rule = RULES["contributors-registry"]
    try:
        data, lines = frontmatter.load_yaml(frontmatter.decode(path.read_bytes()), 1)
    except OSError as exc:
        return None, [rule.at(shown, 1, 1, f"cannot read the registry: {exc.strerror}", "add contrib/contributors.yml")]
    except frontmatter.SourceProblem as problem:
        return None, [RULES[problem.rule].at(shown, problem.line, problem.column, problem.message, problem.hint)]
    if not isinstance(data, dict):
        return None, [rule.at(shown, 1, 1, "the registry is not a mapping", "see the comments in the sample registry")]
    document = DataFile(shown, data, lines)
    findings = list(schema_findings(document, data, SCHEMA))
    countries = data.get("countries")
    for code in countries if isinstance(countries, dict) else {}:
        if isinstance(code, str) and registry.member(code) is None:
            findings.append(
                rule.at_field(
                    document, ("countries", code), f"'{code}' is not a CICA member state", "use a member's ISO code"
                )
            )
    if any(f.severity is Severity.ERROR for f in findings):
        return None, findings
    teams = {
        code: Team(
            code,
            str(team["institution"]),
            tuple(_person(p) for p in team["focal_points"]),
            frozenset(str(i) for i in team["identities"]),
            tuple(str(g) for g in team.get("github") or []),
        )
        for code, team in data["countries"].items()
    }
    return Contributors(tuple(_person(p) for p in data["editors"]), teams), findings


def load_if_present(root: Path) -> Contributors | None:
    """The registry when the repository has a usable one (its problems are validate's to report)."""
    return load(root)[0] if (root / REGISTRY_FILE).is_file() else None


def codeowners(contributors: Contributors) -> str:
    """.github/CODEOWNERS: editors own everything; each country's owners its chapters (the last match wins)."""
    editors = sorted({_handle(g) for p in contributors.editors for g in p.github})
    lines = [
        "# Written by `handbook codeowners` from contrib/contributors.yml; do not edit by hand.",
        f"* {' '.join(editors)}".rstrip(),
    ]
    for code, team in sorted(contributors.teams.items()):
        owners = " ".join(sorted({_handle(g) for g in team.github} | set(editors)))
        if not team.github:
            continue
        cc = code.lower()
        for publication in ("sme", "gender"):
            lines += [
                f"/chapters/{publication}/{cc}.md {owners}",
                f"/chapters/{publication}/{cc}.*.md {owners}",
                f"/chapters/{publication}/{cc}/ {owners}",
            ]
    return "\n".join(lines) + "\n"


def _handle(name: str) -> str:
    return name if name.startswith("@") else f"@{name}"
