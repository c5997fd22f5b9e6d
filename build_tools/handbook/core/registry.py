"""Member states, observers, languages, scripts and the indicator catalogue (data in ``data/``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import langcodes

from .safe_yaml import DATA_FILE, load_yaml


def primary_subtag(tag: str) -> str:
    """A language tag's language: ``ru-RU`` -> ``ru``, ``zh-Hans`` -> ``zh`` (``zh_Hans`` as Babel writes it too)."""
    return tag.replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True)
class Language:
    """A language a member state writes in."""

    tag: str
    script: str
    direction: str


@dataclass(frozen=True)
class State:
    """A CICA member or observer state."""

    code: str
    name_en: str
    name_ru: str
    member: bool
    languages: tuple[Language, ...] = ()
    currency: str | None = None

    @property
    def primary_language(self) -> Language | None:
        return self.languages[0] if self.languages else None

    def name(self, language: str) -> str:
        """The state's name in Russian for a Russian text, else in English."""
        return self.name_ru if primary_subtag(language) == "ru" else self.name_en


@dataclass(frozen=True)
class Indicator:
    """An entry of the SME indicator catalogue."""

    id: str
    unit: str
    label_en: str
    label_ru: str

    def label(self, language: str) -> str:
        """The indicator's name in Russian for a Russian text, else in English."""
        return self.label_ru if primary_subtag(language) == "ru" else self.label_en


def _load(name: str) -> Any:
    text = resources.files("handbook.core").joinpath("data", name).read_text(encoding="utf-8")
    return load_yaml(text, 1, what=f"the package's {name}", limits=DATA_FILE)[0]


@functools.cache
def states() -> dict[str, State]:
    """Members and observers by upper-case ISO 3166-1 alpha-2 code."""
    data = _load("member-states.yml")
    found: dict[str, State] = {}
    for entry in data["members"]:
        langs = tuple(Language(x["tag"], x["script"], x["direction"]) for x in entry["languages"])
        found[entry["code"]] = State(entry["code"], entry["en"], entry["ru"], True, langs, entry["currency"])
    for entry in data["observers"]:
        found[entry["code"]] = State(entry["code"], entry["en"], entry["ru"], False)
    return found


def members() -> list[State]:
    """The member states, in the registry's order."""
    return [s for s in states().values() if s.member]


def member(code: str) -> State | None:
    """The member state with this code (any case), or None."""
    found = states().get(code.upper())
    return found if found is not None and found.member else None


@functools.cache
def scripts() -> dict[str, dict[str, Any]]:
    """ISO 15924 script code to its name, direction and whether print hyphenates it."""
    data: dict[str, dict[str, Any]] = _load("scripts.yml")
    return data


def hyphenated(tag: str) -> bool:
    """Whether book typography hyphenates text in this language's script (not the Brahmic scripts)."""
    return bool(scripts().get(script_of(tag) or "", {}).get("hyphenate", True))


@functools.cache
def indicators() -> dict[str, Indicator]:
    """The indicator catalogue by id."""
    return {x["id"]: Indicator(x["id"], x["unit"], x["en"], x["ru"]) for x in _load("indicators.yml")}


@dataclass(frozen=True)
class Section:
    """A section of a kind of chapter, marked by the label ``(<cc>-<key>)=``."""

    key: str
    required: bool
    name_en: str
    name_ru: str
    needs_table: bool = False


@functools.cache
def sections(publication: str) -> tuple[Section, ...]:
    """The sections of a publication's chapters (``sme`` or ``gender``), in order."""
    return tuple(
        Section(x["key"], x["required"], x["en"], x["ru"], x.get("table", False))
        for x in _load("sections.yml")[publication]
    )


def working_languages() -> list[str]:
    """CICA's working languages (English and Russian)."""
    langs: list[str] = _load("member-states.yml")["working_languages"]
    return langs


def is_valid_language_tag(tag: str) -> bool:
    """Whether ``tag`` is a valid BCP 47 tag with a known language subtag."""
    try:
        return bool(langcodes.tag_is_valid(tag))
    except (ValueError, LookupError):
        return False


def script_of(tag: str) -> str | None:
    """The script a language tag is written in, explicit or likely (CLDR likely subtags)."""
    try:
        return str(langcodes.Language.get(tag).maximize().script) or None
    except (ValueError, LookupError):
        return None


def direction_of(tag: str) -> str:
    """'rtl' for languages written right to left (ar, fa, ps, ur, ckb, he...), else 'ltr'."""
    script = script_of(tag)
    direction = scripts().get(script or "", {}).get("direction", "ltr")
    return "rtl" if direction == "rtl" else "ltr"


@dataclass(frozen=True)
class Term:
    """A value of a fixed vocabulary, with its labels by language."""

    key: str
    labels: dict[str, str]
    years: int | None = None

    def label(self, language: str) -> str:
        """The label in ``language`` (its primary subtag), else in English."""
        return self.labels.get(primary_subtag(language), self.labels["en"])


@functools.cache
def sdg5_targets() -> dict[str, Term]:
    """The targets of SDG 5 (5.1-5.6, 5.a-5.c) with their short texts."""
    return {x["target"]: Term(x["target"], {"en": x["en"], "ru": x["ru"]}) for x in _load("sdg5.yml")}


@functools.cache
def recommendation_vocabulary() -> dict[str, Any]:
    """The {recommendation} directive's vocabularies (addressees, levels, timeframes, priorities) and limits."""
    data = _load("recommendations.yml")
    vocabulary: dict[str, Any] = {
        name: {
            x["key"]: Term(x["key"], {k: v for k, v in x.items() if len(k) <= 3}, x.get("years")) for x in data[name]
        }
        for name in ("addressees", "levels", "timeframes", "priorities")
    }
    vocabulary.update(cedaw_articles=data["cedaw_articles"], max_actions=data["max_actions"])
    vocabulary["max_indicators"] = data["max_indicators"]
    return vocabulary
