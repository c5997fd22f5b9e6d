"""The names of the CRediT contributor roles on the contributors page (context "credit")."""

from __future__ import annotations

from .. import i18n

CREDIT_NAMES: dict[str, str] = {
    "conceptualization": "Conceptualization",
    "data-curation": "Data curation",
    "formal-analysis": "Formal analysis",
    "funding-acquisition": "Funding acquisition",
    "investigation": "Investigation",
    "methodology": "Methodology",
    "project-administration": "Project administration",
    "resources": "Resources",
    "software": "Software",
    "supervision": "Supervision",
    "validation": "Validation",
    "visualization": "Visualization",
    "writing-original-draft": "Writing – original draft",
    "writing-review-editing": "Writing – review & editing",
}
"""The CRediT contributor roles' names in English; in other languages through the catalogues (context "credit")."""


CONTEXT = i18n.context(
    "credit", CREDIT_NAMES, "the contributors page: CRediT contributor roles (core/labels/credit.py)"
)


def credit_name(role: str, language: str) -> str:
    """A CRediT role's name in ``language`` (English if not translated); an unknown role as it is."""
    english = CREDIT_NAMES.get(role)
    return i18n.translate(language, "credit", role, english)[0] if english else role
