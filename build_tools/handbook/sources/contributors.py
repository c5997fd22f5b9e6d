"""The contributor registry, contrib/contributors.yml: who may change which files. No git here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.model import DataFile
from . import frontmatter

REGISTRY_FILE = Path("contrib") / "contributors.yml"


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


def read_registry(root: Path, display_path: str | None = None) -> DataFile:
    """The registry file with its values' positions; raises SourceProblem when it cannot be read as a mapping."""
    return frontmatter.read_data_file(
        root / REGISTRY_FILE,
        display_path or REGISTRY_FILE.as_posix(),
        "contributors-registry",
        what="the contributor registry",
        unreadable=("cannot read the registry: {reason}", "add contrib/contributors.yml"),
        not_mapping=("the registry is not a mapping", "see the comments in the sample registry"),
    )


def parse_registry(document: DataFile) -> Contributors:
    """The model of a registry that passed validation (:func:`handbook.validate.contributors.load`)."""
    data = document.data
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
    return Contributors(tuple(_person(p) for p in data["editors"]), teams)
