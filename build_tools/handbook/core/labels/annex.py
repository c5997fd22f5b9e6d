"""The words of the SME handbook's comparative annex (context "annex")."""

from __future__ import annotations

from .. import i18n

WORDING: dict[str, str] = {
    "title": "Comparative annex",
    "intro": (
        "The figures in this annex come from the key facts of each country chapter. Definitions differ between "
        "countries, so before comparing figures see the section “{sources}” of each chapter. "
        "Values marked † are illustrative, not sourced figures."
    ),
    "nothing_reported": "No chapter reports an indicator yet.",
    "header_country": "Country",
    "header_value": "Value",
    "header_year": "Year",
    "header_source": "Source",
    "no_data": "no data",
    "no_data_list": "No data: {names}.",
    "caption_one_year": "{label}, {year}.",
    "caption_latest_year": "{label}, latest year each country reports (in brackets).",
    "hatched": "Hatched bars marked † are illustrative values.",
    "alt": "Bar chart of {label_in_sentence}: {bars}",
    "alt_no_data": "no data for {names}",
    "illustrative": "illustrative",
    "percent": "{}%",
    "points": "{} pp",
}
"""The annex's words in English; other languages are in the catalogues (context "annex")."""

CONTEXT = i18n.context("annex", WORDING, "the comparative annex of the SME handbook (core/labels/annex.py)")
