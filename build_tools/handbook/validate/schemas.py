"""The JSON Schemas (2020-12) shipped with the package, and validators built from them."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource


@functools.cache
def registry() -> Registry[Any]:
    """Every schema file, registered under its file name so that relative ``$ref`` resolves."""
    folder = resources.files("handbook").joinpath("schemas")
    entries = [
        (entry.name, Resource.from_contents(json.loads(entry.read_text(encoding="utf-8"))))
        for entry in folder.iterdir()
        if entry.name.endswith(".schema.json")
    ]
    return Registry().with_resources(entries)


def schema(name: str) -> dict[str, Any]:
    """The contents of a schema file, e.g. ``sme-chapter.schema.json``."""
    contents: dict[str, Any] = registry()[name].contents
    return contents


@functools.cache
def validator(name: str) -> Draft202012Validator:
    """A validator for the schema file ``name``."""
    return Draft202012Validator(schema(name), registry=registry())


def resolve(subschema: dict[str, Any], base: str) -> tuple[dict[str, Any], str]:
    """Follow ``$ref`` from a subschema found in file ``base``; returns the target and its file.

    The first ``description`` met along the chain is kept, so that a field documented at its
    definition (``abstract``) keeps its text when the definition refers on (to ``text``).
    """
    description = subschema.get("description")
    for _ in range(10):
        if "$ref" not in subschema:
            break
        file, _, pointer = subschema["$ref"].partition("#")
        base = file or base
        target: Any = schema(base)
        for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
            target = target[part]
        subschema = target
        description = description or subschema.get("description")
    if description and "description" not in subschema:
        subschema = {**subschema, "description": description}
    return subschema, base
