"""File-system work shared by the stages: write only what changed, swap a folder in one step, one build at a time."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .model import BuildError


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


@contextmanager
def exclusive_lock(folder: Path, what: str) -> Iterator[None]:
    """One build of ``what`` at a time in ``folder`` (a lock left by a process that died is taken over)."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = folder / ".lock"
    try:
        handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        pid = lock.read_text(encoding="utf-8").strip() or "?"
        if pid.isdigit() and not _alive(int(pid)):
            lock.unlink(missing_ok=True)
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        else:
            raise BuildError(f"another build of {what} is running (process {pid}); wait for it to finish", []) from None
    try:
        os.write(handle, str(os.getpid()).encode())
        os.close(handle)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
