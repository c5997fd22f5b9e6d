"""The member-state registry, the scripts table, the indicator catalogue and the schemas agree."""

from __future__ import annotations

import json
from importlib import resources

import pycountry
import pytest
from jsonschema import Draft202012Validator

from handbook.core import registry
from handbook.validate import schemas

MEMBERS = set("AF AZ BH BD KH CN EG IN IR IQ IL JO KZ KW KG MN PK PS QA RU KR LK TJ TH TR AE UZ VN".split())
OBSERVERS = set("BY ID JP LA MY PH TM UA US".split())


def test_members_and_observers_are_exactly_cicas() -> None:
    assert {s.code for s in registry.members()} == MEMBERS
    assert {s.code for s in registry.states().values() if not s.member} == OBSERVERS
    assert registry.member("tm") is None
    assert registry.member("kz") is not None


def test_every_member_has_names_languages_and_a_real_currency() -> None:
    for state in registry.members():
        assert state.name_en and state.name_ru, state.code
        assert pycountry.countries.get(alpha_2=state.code) is not None, state.code
        assert state.languages, state.code
        assert state.currency and pycountry.currencies.get(alpha_3=state.currency), state.code
        for language in state.languages:
            assert registry.is_valid_language_tag(language.tag), language.tag
            assert language.script in registry.scripts(), language.script


@pytest.mark.parametrize("tag", ["ar", "fa", "ps", "ur", "ckb", "he", "fa-AF"])
def test_right_to_left_languages(tag: str) -> None:
    assert registry.direction_of(tag) == "rtl"


@pytest.mark.parametrize("tag", ["en", "ru", "zh-Hans", "th", "ko", "kk-Cyrl", "hi", "si", "km", "bn"])
def test_left_to_right_languages(tag: str) -> None:
    assert registry.direction_of(tag) == "ltr"


def test_stated_direction_follows_script() -> None:
    for state in registry.members():
        for language in state.languages:
            assert registry.scripts()[language.script]["direction"] == language.direction, language
            assert registry.direction_of(language.tag) == language.direction, language


def test_schema_indicator_enum_is_the_catalogue() -> None:
    indicator = schemas.schema("sme-chapter.schema.json")["$defs"]["indicator"]["properties"]
    assert indicator["id"]["enum"] == list(registry.indicators())
    assert set(indicator["unit"]["enum"]) == {i.unit for i in registry.indicators().values()}


def test_schema_files_are_valid_2020_12_schemas() -> None:
    folder = resources.files("handbook").joinpath("schemas")
    names = [e.name for e in folder.iterdir() if e.name.endswith(".schema.json")]
    assert {"common.schema.json", "sme-chapter.schema.json", "gender-paper.schema.json"} <= set(names)
    for name in names:
        Draft202012Validator.check_schema(json.loads(folder.joinpath(name).read_text(encoding="utf-8")))


def test_sections_have_unique_keys() -> None:
    for publication in ("sme", "gender"):
        keys = [s.key for s in registry.sections(publication)]
        assert len(keys) == len(set(keys))
    assert [s.key for s in registry.sections("sme") if s.needs_table] == ["programmes"]


def test_template_headings_are_the_section_names() -> None:
    """The English names in sections.yml are the headings the templates show contributors."""
    from conftest import REPO

    for publication, template in (("sme", "sme-chapter.md"), ("gender", "gender-paper.md")):
        text = (REPO / "contrib" / "templates" / template).read_text(encoding="utf-8")
        for section in registry.sections(publication):
            assert f"(${{cc}}-{section.key})=\n## {section.name_en}\n" in text, (publication, section.key)


def test_brahmic_scripts_are_not_hyphenated() -> None:
    assert not registry.hyphenated("bn")
    assert not registry.hyphenated("hi")
    assert not registry.hyphenated("si")
    assert registry.hyphenated("ru")
    assert registry.hyphenated("en")
