"""Exports for the Secretariat: every recommendation as CSV and JSON, one row per recommendation."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..core import registry
from ..core.model import Chapter
from ..sources.recommendations import Recommendation, from_chapter

COLUMNS = (
    "id", "country", "country_name", "language", "title", "addressee", "level", "timeframe", "priority", "sdg",
    "cedaw", "partners", "actions", "indicators", "rationale", "link",
)  # fmt: skip


def record(item: Recommendation, html: str) -> dict[str, Any]:
    """A recommendation with every field, its paper's country and language, and a link to it."""
    state = registry.member(item.country)
    data = asdict(item)
    data.pop("docname")
    data.update(
        country_name=state.name_en if state else item.country,
        sdg=list(item.sdg),
        actions=list(item.actions),
        indicators=[asdict(i) for i in item.indicators],
        link=f"{html}/{item.docname}.html#{item.label}",
    )
    return {key: data[key] for key in COLUMNS}


def to_json(items: Sequence[Recommendation], html: str = "html") -> str:
    return json.dumps([record(i, html) for i in items], ensure_ascii=False, indent=2) + "\n"


def to_csv(items: Sequence[Recommendation], html: str = "html") -> str:
    """CSV (UTF-8 with a byte-order mark, so that Excel reads every script): lists joined by ' | '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in items:
        row = record(item, html)
        row["sdg"] = "; ".join(row["sdg"])
        row["actions"] = " | ".join(row["actions"])
        row["indicators"] = " | ".join(
            f"{i['name']}: {i['baseline']} -> {i['target']} ({i['source']})" for i in row["indicators"]
        )
        writer.writerow([row[key] for key in COLUMNS])
    return "\ufeff" + buffer.getvalue()


def write(items: Sequence[Recommendation], folder: Path) -> list[Path]:
    """Write recommendations.csv and recommendations.json into ``folder``, each in one step."""
    written = []
    for name, text in (("recommendations.csv", to_csv(items)), ("recommendations.json", to_json(items))):
        target = folder / name
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        Path(temporary).replace(target)
        written.append(target)
    return written


def export_recommendations(chapters: list[Chapter], folder: Path) -> list[Path]:
    """The recommendations of a book's chapters as CSV and JSON in ``folder``, when it has any."""
    items = [r for c in chapters for r in from_chapter(c, c.docname)]
    return write(items, folder) if items else []
