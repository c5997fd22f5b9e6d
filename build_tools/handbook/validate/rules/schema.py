"""Front matter against the chapter's JSON Schema, reported field by field with advice."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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


@dataclass(frozen=True)
class _Broken:
    """One schema error with what its wording needs: where, the field's name, and the schema it broke."""

    path: JsonPath
    name: str
    error: ValidationError
    subschema: dict[str, Any]
    schema_file: str

    @property
    def value(self) -> Any:
        return self.error.instance

    @property
    def description(self) -> str:
        return str(self.subschema.get("description", ""))

    def field_hint(self, field: str) -> str:
        """What the schema says field ``field`` holds, or where to look."""
        target = _property_schema(self.subschema, field, self.schema_file)
        return str(target.get("description", "")) or "see the chapter template in contrib/templates/"


_Wording = tuple[JsonPath, str, str]
"""Where a finding points, its message and its hint."""


def _finding(chapter: Located, path: JsonPath, error: ValidationError, schema_file: str) -> Finding:
    keyword = str(error.validator)
    subschema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    broken = _Broken(path, field_name(path), error, subschema, schema_file)
    worded = _WORDINGS[keyword](broken) if keyword in _WORDINGS else None
    if worded is None:
        worded = (path, f"{broken.name}: {error.message}", broken.description or "see the chapter template")
    where, message, hint = worded
    return _BY_KEYWORD.get(keyword, OTHER).at_field(chapter, where, message, hint)


def _required(b: _Broken) -> _Wording:
    missing = _missing(b.error)
    where = f"in {b.name} " if b.path else ""
    return b.path, f"required field '{missing}' is missing {where}".rstrip(), f"add it: {b.field_hint(missing)}"


def _unknown(b: _Broken) -> _Wording:
    allowed = sorted(b.subschema.get("properties", {}))
    extras = sorted(set(b.value) - set(allowed)) if isinstance(b.value, dict) else []
    first = extras[0] if extras else "?"
    close = difflib.get_close_matches(first, allowed, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"allowed fields here: {', '.join(allowed)}"
    more = f" (and {', '.join(extras[1:])})" if len(extras) > 1 else ""
    return (*b.path, first), f"unknown field '{first}' in {b.name}{more}", hint


def _type(b: _Broken) -> _Wording:
    wanted: Any = b.error.validator_value
    wanted_list = wanted if isinstance(wanted, list) else [wanted]
    wanted_text = " or ".join(_TYPE_NAMES.get(str(w), str(w)) for w in wanted_list)
    hint = (
        "write numbers without quotes"
        if wanted in ("integer", "number")
        else ("put the value in quotes" if wanted == "string" else b.description or "see the chapter template")
    )
    return b.path, f"{b.name} must be {wanted_text}, not {_kind(b.value)}", hint


def _allowed_value(b: _Broken) -> _Wording:
    allowed: Any = b.error.validator_value if b.error.validator == "enum" else [b.error.validator_value]
    options = [str(x) for x in allowed]
    close = difflib.get_close_matches(str(b.value), options, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(options)}"
    return b.path, f"{b.name} is '{b.value}', which is not an allowed value", hint


def _form(b: _Broken) -> _Wording:
    hint = f"expected: {b.description}" if b.description else "see the chapter template in contrib/templates/"
    return b.path, f"{b.name} '{b.value}' does not have the expected form", hint


def _range(b: _Broken) -> _Wording:
    low, high = b.subschema.get("minimum"), b.subschema.get("maximum")
    span = f"between {low} and {high}" if low is not None and high is not None else b.error.message
    return b.path, f"{b.name} is {b.value}; it must be {span}", "correct the value"


def _too_short(b: _Broken) -> _Wording:
    what = "list" if b.error.validator == "minItems" else "text"
    hint = f"fill in the {what}" + (f": {b.description}" if b.description else "")
    return b.path, f"{b.name} is empty or too short", hint


def _too_long(b: _Broken) -> _Wording:
    unit = "items" if b.error.validator == "maxItems" else "characters"
    return b.path, f"{b.name} is too long: at most {b.error.validator_value} {unit}", "shorten it"


def _repeated(b: _Broken) -> _Wording | None:
    if not isinstance(b.value, list):
        return None
    index = next(i for i, item in enumerate(b.value) if item in b.value[:i])
    first = b.value.index(b.value[index])
    message = f"{field_name((*b.path, index))} repeats {field_name((*b.path, first))} ('{b.value[index]}')"
    return (*b.path, index), message, "remove the repeated item"


def _together(b: _Broken) -> _Wording | None:
    if not isinstance(b.value, dict):
        return None
    needs: Any = b.error.validator_value
    for key, wanted_keys in needs.items():
        absent = [k for k in wanted_keys if key in b.value and k not in b.value]
        if absent:
            hint = f"add {absent[0]}: {b.field_hint(absent[0])}"
            return (*b.path, key), f"{b.name} has '{key}' but no '{absent[0]}'", hint
    return None


_WORDINGS: dict[str, Callable[[_Broken], _Wording | None]] = {
    "required": _required,
    "additionalProperties": _unknown,
    "unevaluatedProperties": _unknown,
    "type": _type,
    "enum": _allowed_value,
    "const": _allowed_value,
    "pattern": _form,
    "format": _form,
    "minimum": _range,
    "maximum": _range,
    "exclusiveMinimum": _range,
    "exclusiveMaximum": _range,
    "minLength": _too_short,
    "minItems": _too_short,
    "maxLength": _too_long,
    "maxItems": _too_long,
    "uniqueItems": _repeated,
    "dependentRequired": _together,
}
"""How each JSON Schema keyword's error is put to a contributor."""


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
