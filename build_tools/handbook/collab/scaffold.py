"""``handbook new``: a chapter skeleton from the contributor templates."""

from __future__ import annotations

import datetime
import os
import string
import tempfile
from pathlib import Path

from ..core import registry
from ..core.model import Publication, SourceProblem
from ..core.safe_yaml import load_yaml
from ..sources import frontmatter
from ..sources.layout import CHAPTERS_DIR

TEMPLATES_DIR = Path("contrib") / "templates"


class ScaffoldError(Exception):
    """A chapter that cannot be created; the message says why and what to do."""


def new_chapter(root: Path, publication: Publication, country: str, language: str | None = None) -> Path:
    """Write a chapter skeleton for a member state and return its path; never overwrites.

    When the country's original chapter already exists, the new file is a translation of it
    (``<cc>.<language>.md``) that names the original in ``translation_of``.
    """
    state = registry.member(country)
    if state is None:
        known = registry.states().get(country.upper())
        why = (
            f"{known.name_en} is a CICA observer, not a member state"
            if known
            else f"'{country}' is not a CICA member state"
        )
        raise ScaffoldError(f"{why}; members: {', '.join(s.code for s in registry.members())}")
    primary = state.primary_language
    tag = language or (primary.tag if primary else "en")
    if not registry.is_valid_language_tag(tag):
        raise ScaffoldError(f"'{tag}' is not a valid BCP 47 language tag (e.g. en, ru, zh-Hans, ar, kk-Cyrl)")
    cc = state.code.lower()
    folder = root / CHAPTERS_DIR / publication.value
    original = folder / f"{cc}.md"
    target = original
    if original.exists():
        if _language_of(original) == tag.lower():
            raise ScaffoldError(f"{original} already exists in '{tag}'; edit it, or choose another --language")
        target = folder / f"{cc}.{tag}.md"
        if target.exists():
            raise ScaffoldError(f"{target} already exists; edit it instead")
    template_path = root / TEMPLATES_DIR / publication.template_file
    try:
        template = template_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScaffoldError(f"cannot read the template {template_path}: {exc.strerror}") from None
    text = string.Template(template).safe_substitute(
        country_code=state.code,
        country_name=state.name_en,
        cc=cc,
        cc_file=target.name,
        language=tag,
        data_year=datetime.date.today().year - 1,
        currency=state.currency or "USD",
    )
    if target != original:
        named = f"translation_of:\n  file: {original.name}\n"
        commit = _last_commit(root, original)
        if commit:  # the original as it is now, so that the status board can tell when it changes
            named += f'  commit: "{commit}"\n'
        text = text.replace("\nstatus: draft\n", f"\nstatus: draft\n{named}", 1)
    _write_new(target, text)
    return target


def _last_commit(root: Path, original: Path) -> str | None:
    """The newest commit that changed the original, when it is committed in a repository."""
    from . import history, translations

    repo = history.open_repository(root)
    return translations.original_commit(repo, original) if repo is not None else None


def _language_of(path: Path) -> str | None:
    try:
        source = frontmatter.split(frontmatter.decode(path.read_bytes()))
        meta, _ = load_yaml(source.front_matter or "", source.front_matter_line)
    except (OSError, SourceProblem):
        return None
    value = meta.get("language") if isinstance(meta, dict) else None
    return value.lower() if isinstance(value, str) else None


def _write_new(target: Path, text: str) -> None:
    """Write a file that must not exist yet, completely or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.link(temporary, target)  # fails if target appeared meanwhile: never overwrite
    except FileExistsError:
        raise ScaffoldError(f"{target} already exists; edit it instead") from None
    finally:
        Path(temporary).unlink()
