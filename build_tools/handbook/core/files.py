"""File-system work shared by the builders: write only what changed, swap a folder in one step."""

from __future__ import annotations

import shutil
from pathlib import Path


def write_if_changed(path: Path, data: bytes) -> None:
    """Write ``data`` unless the file already holds it, so that its time stays (and Sphinx skips it)."""
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def swap_folder(staging: Path, target: Path) -> None:
    """Put ``staging`` in place of ``target`` with two renames; the old one is removed after."""
    previous = target.with_name(f".previous-{target.name}")
    shutil.rmtree(previous, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.replace(previous)
    staging.replace(target)
    shutil.rmtree(previous, ignore_errors=True)
