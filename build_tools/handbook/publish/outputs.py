"""Where a build's outputs are published in ``_build/``, and putting a staged output in place in one step."""

from __future__ import annotations

from pathlib import Path

from ..core.files import swap_folder

FILE_FORMATS = ("epub", "pdf")
"""Formats published as one file, ``<name>.<format>``; the others are folders."""


def build_dir(root: Path, publication: str, edition: str | None = None) -> Path:
    """``_build/<id>/`` and, for one edition, ``_build/<id>/<language>/``."""
    return root / "_build" / publication / edition if edition else root / "_build" / publication


def offprint_dir(out: Path) -> Path:
    """Where an edition's offprints are published: ``_build/<id>/<language>/offprints/``."""
    return out / "offprints"


def published_path(fmt: str, folder: Path, name: str) -> Path:
    """Where a format's output is published: ``<name>.epub``, ``<name>.pdf``, ``html/`` (``<name>-html/`` offprints)."""
    if fmt in FILE_FORMATS:
        return folder / f"{name}.{fmt}"
    return folder / (fmt if folder.name != "offprints" else f"{name}-{fmt}")


def publish(fmt: str, staging: Path, folder: Path, name: str) -> Path:
    """Move a successful build into place, replacing the previous one in one step."""
    folder.mkdir(parents=True, exist_ok=True)
    final = published_path(fmt, folder, name)
    if fmt in FILE_FORMATS:
        (staging / final.name).replace(final)
    else:
        swap_folder(staging, final)
    return final
