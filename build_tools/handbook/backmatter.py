"""Generated back-matter pages: the contributors page (from front matter, git history later)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import registry
from .myst import escape
from .sphinx_ext.labels import label

CREDIT_NAMES = {
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


def _native(value: str | None, language: str) -> str:
    return f" ({{native}}`{language}:{escape(value)}`)" if value else ""


def contributors_page(chapters: Sequence[tuple[str, dict[str, Any]]], language: str) -> str:
    """MyST Markdown listing each chapter's institution and authors, in book order.

    ``chapters`` pairs each chapter's docname with its front matter.
    """
    lines = [
        "(contributors)=",
        f"# {label(language, 'contributors')}",
        "",
        label(language, "contributors_intro"),
        "",
    ]
    for docname, meta in chapters:
        state = registry.member(str(meta.get("country", "")))
        name = state.name_en if state else str(meta.get("country", ""))
        chapter_language = str(meta.get("language", "en"))
        lines += [f"## {escape(name)}", "", f"{{doc}}`{escape(str(meta.get('title', name)))} </{docname}>`", ""]
        institution = meta.get("institution") or {}
        if institution.get("name"):
            entry = f"**{escape(institution['name'])}**{_native(institution.get('native_name'), chapter_language)}"
            if institution.get("url"):
                entry += f" — <{institution['url']}>"
            lines += [entry, ""]
        for author in meta.get("authors") or []:
            entry = f"- {escape(author['name'])}{_native(author.get('native_name'), chapter_language)}"
            if author.get("affiliation"):
                entry += f", {escape(author['affiliation'])}"
            if author.get("orcid"):
                entry += f". ORCID [{author['orcid']}](https://orcid.org/{author['orcid']})"
            roles = [CREDIT_NAMES.get(r, r) for r in author.get("roles") or []]
            if roles:
                entry += f". {label(language, 'roles')}: {escape(', '.join(roles))}"
            lines.append(entry + ".")
        lines.append("")
    return "\n".join(lines)
