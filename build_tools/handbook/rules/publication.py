"""Rules on publication definitions, book/<id>/publication.yml."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .. import registry
from ..model import DataFile, Finding, Severity
from . import rule

E, W = Severity.ERROR, Severity.WARNING
FAMILY = "publications"

ID = rule("publication-id", E, "A publication's id is the name of its folder under book/.", FAMILY)
FILE = rule("publication-file", E, "Front matter, back matter and cover files named in publication.yml exist.", FAMILY)
ISBN = rule("isbn-checksum", E, "An ISBN identifier has the right check digit.", FAMILY)
ORDER = rule("publication-order", W, "Countries listed in 'order' are member states with a chapter.", FAMILY)
YAML_FILE = rule("publication-yaml", E, "publication.yml is safe, well-formed YAML holding a mapping.", FAMILY)


def isbn13_check_digit(first12: str) -> str:
    """The check digit of an ISBN-13 from its first twelve digits."""
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def check(document: DataFile, folder: Path, countries_with_chapters: set[str]) -> Iterator[Finding]:
    """Checks beyond the schema: folder name, files, ISBN, order."""
    data = document.data
    if data.get("id") != folder.name and isinstance(data.get("id"), str):
        yield ID.at_field(
            document, ("id",), f"id is '{data['id']}' but the folder is '{folder.name}'", f"set id: {folder.name}"
        )
    identifier = data.get("identifier")
    if isinstance(identifier, str) and identifier.startswith("urn:isbn:") and len(identifier) == 22:
        digits = identifier.removeprefix("urn:isbn:")
        expected = isbn13_check_digit(digits[:12])
        if digits.isdigit() and digits[12] != expected:
            yield ISBN.at_field(
                document,
                ("identifier",),
                f"ISBN {digits} fails its checksum (the last digit should be {expected})",
                "copy the ISBN again from the agency's allocation",
            )
    for key in ("front_matter", "back_matter"):
        items = data.get(key)
        for index, name in enumerate(items if isinstance(items, list) else []):
            if isinstance(name, str) and name.endswith(".md") and not (folder / name).is_file():
                yield FILE.at_field(
                    document, (key, index), f"{key} page '{name}' does not exist", f"add book/{folder.name}/{name}"
                )
    cover = data.get("cover")
    if isinstance(cover, str) and not (folder / cover).is_file():
        yield FILE.at_field(
            document, ("cover",), f"cover '{cover}' does not exist", f"add book/{folder.name}/{cover}, or remove cover:"
        )
    chapters = data.get("chapters")
    order = chapters.get("order") if isinstance(chapters, dict) else None
    for index, code in enumerate(order if isinstance(order, list) else []):
        if not isinstance(code, str):
            continue
        if registry.member(code) is None:
            yield ORDER.at_field(
                document, ("chapters", "order", index), f"'{code}' in order is not a member state", "remove it"
            )
        elif code not in countries_with_chapters:
            yield ORDER.at_field(
                document,
                ("chapters", "order", index),
                f"{code} is in order but has no chapter yet",
                "nothing to do until its chapter arrives; the order applies then",
            )
