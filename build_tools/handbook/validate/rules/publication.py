"""Rules on publication definitions, book/<id>/publication.yml."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ...core import registry
from ...core.model import DataFile, Finding, JsonPath, Severity
from .rulebook import rule

E, W = Severity.ERROR, Severity.WARNING
FAMILY = "publications"

ID = rule("publication-id", E, "A publication's id is the name of its folder under book/.", FAMILY)
FILE = rule("publication-file", E, "Front matter, back matter and cover files named in publication.yml exist.", FAMILY)
ISBN = rule("isbn-checksum", E, "An ISBN identifier has the right check digit.", FAMILY)
ORDER = rule("publication-order", W, "Countries listed in 'order' are member states with a chapter.", FAMILY)
YAML_FILE = rule("publication-yaml", E, "publication.yml is safe, well-formed YAML holding a mapping.", FAMILY)
EDITION_TEXT = rule(
    "edition-title", W, "Each language edition has the book's title in its language (under localized).", FAMILY
)
EDITION_ID = rule("edition-identifier", E, "A book with an ISBN names each edition's own ISBN in localized.", FAMILY)
EDITION_UNKNOWN = rule("edition-localized", W, "Every language under localized is one of the editions.", FAMILY)


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
    localized = data.get("localized") if isinstance(data.get("localized"), dict) else {}
    identifiers: list[tuple[JsonPath, object]] = [(("identifier",), data.get("identifier"))]
    identifiers += [
        (("localized", tag, "identifier"), text.get("identifier"))
        for tag, text in localized.items()
        if isinstance(text, dict)
    ]
    for where, identifier in identifiers:
        if isinstance(identifier, str) and identifier.startswith("urn:isbn:") and len(identifier) == 22:
            digits = identifier.removeprefix("urn:isbn:")
            expected = isbn13_check_digit(digits[:12])
            if digits.isdigit() and digits[12] != expected:
                yield ISBN.at_field(
                    document,
                    where,
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
    yield from _editions(document)
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


def _editions(document: DataFile) -> Iterator[Finding]:
    """Each edition has its title, and its ISBN when the book has one; localized names editions only."""
    data = document.data
    language, editions = data.get("language"), data.get("editions")
    localized = data.get("localized") if isinstance(data.get("localized"), dict) else {}
    if not isinstance(editions, list) or not isinstance(language, str):
        return
    isbn = str(data.get("identifier", "")).startswith("urn:isbn:")
    for index, tag in enumerate(editions):
        if not isinstance(tag, str) or tag == language:
            continue
        found = localized.get(tag)
        text: dict[str, object] = found if isinstance(found, dict) else {}
        if "title" not in text:
            yield EDITION_TEXT.at_field(
                document,
                ("editions", index),
                f"the '{tag}' edition has no title in its language; it will show the {language} title",
                f"add under localized: {tag}: title: <the title in {tag}> (and subtitle, edition, description)",
            )
        if isbn and "identifier" not in text:
            yield EDITION_ID.at_field(
                document,
                ("editions", index),
                f"the '{tag}' edition has no ISBN of its own; two editions cannot share one",
                f"add localized: {tag}: identifier: urn:isbn:<the {tag} edition's ISBN>",
            )
    for tag in localized:
        if tag not in editions:
            yield EDITION_UNKNOWN.at_field(
                document,
                ("localized", tag),
                f"localized has text for '{tag}', which is not among the editions ({', '.join(map(str, editions))})",
                f"add {tag} to editions, or remove localized: {tag}",
            )
