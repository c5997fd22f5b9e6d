"""``handbook codeowners``: .github/CODEOWNERS written from the contributor registry."""

from __future__ import annotations

from pathlib import Path

from ..sources.contributors import Contributors

CODEOWNERS_FILE = Path(".github") / "CODEOWNERS"


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


def is_current(root: Path, contributors: Contributors) -> bool:
    """Whether the repository's CODEOWNERS is what the registry says."""
    target = root / CODEOWNERS_FILE
    current = target.read_text(encoding="utf-8") if target.is_file() else ""
    return current == codeowners(contributors)


def write(root: Path, contributors: Contributors) -> Path:
    """Write the repository's CODEOWNERS from the registry; returns its path."""
    target = root / CODEOWNERS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(codeowners(contributors), encoding="utf-8")
    return target
