"""Front matter against the chapter's JSON Schema, reported field by field with advice."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from jsonschema.exceptions import ValidationError, best_match

from ...core.model import Chapter, Finding, JsonPath, Located, Severity
from .. import schemas
from .rulebook import chapter_check, rule

E = Severity.ERROR
FAMILY = "front matter"

REQUIRED = rule("schema-required", E, "Every required front-matter field is present.", FAMILY)
UNKNOWN = rule("schema-unknown-key", E, "Front matter has no fields the schema does not define.", FAMILY)
TYPE = rule("schema-type", E, "Each field has the right type (text, number, list, mapping).", FAMILY)
ENUM = rule("schema-enum", E, "Fields with a fixed vocabulary use one of its values.", FAMILY)
PATTERN = rule("schema-pattern", E, "Codes and identifiers have the right form (country, language, ORCID...).", FAMILY)
RANGE = rule("schema-range", E, "Numbers are within their allowed range (years 1990-2100).", FAMILY)
SIZE = rule("schema-size", E, "Texts and lists are neither empty nor too long.", FAMILY)
UNIQUE = rule("schema-unique", E, "Lists that must not repeat an item do not.", FAMILY)
OTHER = rule(
    "schema-invalid",
    E,
    "Fields that go together are given together (a corresponding author has an email).",
    FAMILY,
)

_BY_KEYWORD = {
    "required": REQUIRED,
    "additionalProperties": UNKNOWN,
    "unevaluatedProperties": UNKNOWN,
    "type": TYPE,
    "enum": ENUM,
    "const": ENUM,
    "pattern": PATTERN,
    "format": PATTERN,
    "minimum": RANGE,
    "maximum": RANGE,
    "exclusiveMinimum": RANGE,
    "exclusiveMaximum": RANGE,
    "minLength": SIZE,
    "maxLength": SIZE,
    "minItems": SIZE,
    "maxItems": SIZE,
    "uniqueItems": UNIQUE,
}
_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping of fields",
    "boolean": "true or false",
}


def field_name(path: tuple[str | int, ...]) -> str:
    """A JSON path as a reader writes it: ``authors[0].orcid``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "front matter"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "empty" if value is None else type(value).__name__


@chapter_check
def schema_errors(chapter: Chapter) -> Iterator[Finding]:
    """One finding per front-matter field that breaks the schema."""
    if chapter.meta is not None:
        yield from schema_findings(chapter, chapter.meta, chapter.location.publication.schema_file)


def schema_findings(document: Located, data: Any, schema_file: str) -> Iterator[Finding]:
    """One finding per value of a YAML document that breaks the schema ``schema_file``."""
    by_path: dict[JsonPath, list[ValidationError]] = {}
    for error in schemas.validator(schema_file).iter_errors(data):
        by_path.setdefault(tuple(error.absolute_path), []).append(error)
    for path in sorted(by_path, key=document.line_of):
        for error in _split_required(by_path[path]):
            yield _finding(document, path, error, schema_file)


def _split_required(group: list[ValidationError]) -> list[ValidationError]:
    """Every missing field separately, then the most relevant of the other errors."""
    required = [e for e in group if e.validator == "required"]
    best = best_match(e for e in group if e.validator != "required")
    return required + ([best] if best is not None else [])


def _finding(chapter: Located, path: JsonPath, error: ValidationError, schema_file: str) -> Finding:
    name = field_name(path)
    keyword = str(error.validator)
    found = _BY_KEYWORD.get(keyword, OTHER)
    subschema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    description = str(subschema.get("description", ""))
    value = error.instance

    if keyword == "required":
        missing = _missing(error)
        target = _property_schema(subschema, missing, schema_file)
        where = f"in {name} " if path else ""
        hint = target.get("description", "") or "see the chapter template in contrib/templates/"
        return found.at_field(
            chapter, path, f"required field '{missing}' is missing {where}".rstrip(), f"add it: {hint}"
        )
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        allowed = sorted(subschema.get("properties", {}))
        extras = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        first = extras[0] if extras else "?"
        close = difflib.get_close_matches(first, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed fields here: {', '.join(allowed)}"
        more = f" (and {', '.join(extras[1:])})" if len(extras) > 1 else ""
        return found.at_field(chapter, (*path, first), f"unknown field '{first}' in {name}{more}", hint)
    if keyword == "type":
        wanted: Any = error.validator_value
        wanted_text = " or ".join(
            _TYPE_NAMES.get(str(w), str(w)) for w in (wanted if isinstance(wanted, list) else [wanted])
        )
        hint = (
            "write numbers without quotes"
            if wanted in ("integer", "number")
            else ("put the value in quotes" if wanted == "string" else description or "see the chapter template")
        )
        return found.at_field(chapter, path, f"{name} must be {wanted_text}, not {_kind(value)}", hint)
    if keyword in ("enum", "const"):
        allowed_values: Any = error.validator_value if keyword == "enum" else [error.validator_value]
        options = [str(x) for x in allowed_values]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(options)}"
        return found.at_field(chapter, path, f"{name} is '{value}', which is not an allowed value", hint)
    if keyword in ("pattern", "format"):
        hint = f"expected: {description}" if description else "see the chapter template in contrib/templates/"
        return found.at_field(chapter, path, f"{name} '{value}' does not have the expected form", hint)
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low, high = subschema.get("minimum"), subschema.get("maximum")
        span = f"between {low} and {high}" if low is not None and high is not None else error.message
        return found.at_field(chapter, path, f"{name} is {value}; it must be {span}", "correct the value")
    if keyword in ("minLength", "minItems"):
        what = "list" if keyword == "minItems" else "text"
        hint = f"fill in the {what}" + (f": {description}" if description else "")
        return found.at_field(chapter, path, f"{name} is empty or too short", hint)
    if keyword in ("maxLength", "maxItems"):
        limit = error.validator_value
        unit = "items" if keyword == "maxItems" else "characters"
        return found.at_field(chapter, path, f"{name} is too long: at most {limit} {unit}", "shorten it")
    if keyword == "uniqueItems" and isinstance(value, list):
        index = next(i for i, item in enumerate(value) if item in value[:i])
        first = value.index(value[index])
        return found.at_field(
            chapter,
            (*path, index),
            f"{field_name((*path, index))} repeats {field_name((*path, first))} ('{value[index]}')",
            "remove the repeated item",
        )
    if keyword == "dependentRequired" and isinstance(value, dict):
        needs: Any = error.validator_value
        for key, wanted_keys in needs.items():
            absent = [k for k in wanted_keys if key in value and k not in value]
            if absent:
                target = _property_schema(subschema, absent[0], schema_file)
                hint = target.get("description", "") or "see the chapter template in contrib/templates/"
                return found.at_field(
                    chapter, (*path, key), f"{name} has '{key}' but no '{absent[0]}'", f"add {absent[0]}: {hint}"
                )
    return found.at_field(chapter, path, f"{name}: {error.message}", description or "see the chapter template")


def _missing(error: ValidationError) -> str:
    # jsonschema words it "'x' is a required property"; the instance tells us which one exactly.
    required = error.validator_value if isinstance(error.validator_value, list) else []
    instance = error.instance if isinstance(error.instance, dict) else {}
    for name in required:
        if name not in instance and f"'{name}'" in error.message:
            return str(name)
    return next((str(n) for n in required if n not in instance), "?")


def _property_schema(subschema: dict[str, Any], name: str, schema_file: str) -> dict[str, Any]:
    prop = subschema.get("properties", {}).get(name, {})
    if not isinstance(prop, dict):
        return {}
    for base in (schema_file, "common.schema.json"):  # local "#/..." refs may live in either file
        try:
            return schemas.resolve(prop, base)[0]
        except KeyError:
            continue
    return prop
