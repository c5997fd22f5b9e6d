"""``handbook i18n``: the interface's translations, English in the code and other languages in gettext catalogues."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

locale_dir_option = click.option(
    "--locale-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="HANDBOOK_LOCALE_DIR",
    help="The catalogues' folder (default: the package's locale/; also HANDBOOK_LOCALE_DIR).",
)


@click.group(name="i18n")
def i18n() -> None:
    """The interface's translations: English in the code, other languages in locale/<lang>/LC_MESSAGES/."""


@i18n.command(name="extract")
@locale_dir_option
def i18n_extract(locale_dir: Path | None) -> None:
    """Write locale/handbook.pot, the template of every interface message, from the code."""
    from ..collab import catalogues
    from ..core import i18n as runtime

    click.echo(f"wrote {os.path.relpath(catalogues.extract(locale_dir or runtime.LOCALE_DIR))}")


@i18n.command(name="update")
@click.argument("language", required=False)
@locale_dir_option
def i18n_update(language: str | None, locale_dir: Path | None) -> None:
    """Bring the catalogues (or LANGUAGE's) and the template up to date with the code.

    New messages come in untranslated (fuzzy when close to one whose English changed); removed ones stay as
    obsolete entries at the end of the file.
    """
    from ..collab import catalogues
    from ..core import i18n as runtime

    base = locale_dir or runtime.LOCALE_DIR
    chosen = _catalogue_languages(language, base)
    click.echo(f"wrote {os.path.relpath(catalogues.extract(base))}")
    for name in chosen:
        try:
            path = catalogues.update(name, base)
        except runtime.CatalogueError as error:
            raise click.ClickException(str(error)) from None
        click.echo(f"updated {os.path.relpath(path)}")


@i18n.command(name="check")
@click.argument("language", required=False)
@locale_dir_option
def i18n_check(language: str | None, locale_dir: Path | None) -> None:
    """Report what the catalogues (or LANGUAGE's) lack or get wrong, one `file:line:` finding each.

    Exit status: 0 when complete, 1 when there are findings, 2 on a usage error such as an unknown language.
    """
    import dataclasses

    from ..collab import catalogues
    from ..core import i18n as runtime
    from ..core import registry
    from ..core.words import plural
    from ..validate.report import print_findings

    if language is not None and registry.primary_subtag(language) == runtime.SOURCE_LANGUAGE:
        click.echo(f"{runtime.SOURCE_LANGUAGE}: the source language, in the code: complete by definition")
        return
    base = locale_dir or runtime.LOCALE_DIR
    chosen = _catalogue_languages(language, base)
    findings = [
        dataclasses.replace(finding, path=os.path.relpath(finding.path))
        for name in chosen
        for finding in catalogues.check(name, base)
    ]
    console = print_findings(findings)
    names = ", ".join(chosen)
    if findings:
        console.print(f"checked {names}: {plural(len(findings), 'problem')}", style="bold red")
        sys.exit(1)
    console.print(f"checked {names}: complete", style="green")


@i18n.command(name="init")
@click.argument("language")
@locale_dir_option
def i18n_init(language: str, locale_dir: Path | None) -> None:
    """Start the catalogue of a new LANGUAGE (a BCP 47 primary subtag, e.g. kk), every message untranslated."""
    from ..collab import catalogues
    from ..core import i18n as runtime
    from ..core import registry

    try:
        path = catalogues.init(language, locale_dir or runtime.LOCALE_DIR)
    except runtime.CatalogueError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"wrote {os.path.relpath(path)}")
    click.echo(
        f"next: translate it with a PO editor, then run `handbook i18n check {registry.primary_subtag(language)}`"
    )


def _catalogue_languages(language: str | None, locale_dir: Path) -> tuple[str, ...]:
    """LANGUAGE's primary subtag, or every language with a catalogue; a usage error if there is none."""
    from ..core import i18n as runtime
    from ..core import registry

    known = runtime.languages(locale_dir)
    if language is None:
        if not known:
            raise click.UsageError(f"no catalogues in {os.path.relpath(locale_dir)}")
        return known
    primary = registry.primary_subtag(language)
    if primary == runtime.SOURCE_LANGUAGE:
        raise click.UsageError(f"'{language}' is the source language: its text lives in the code, not in a catalogue")
    if primary not in known:
        listed = ", ".join(known) or "none"
        raise click.UsageError(
            f"no catalogue for '{language}' in {os.path.relpath(locale_dir)} (catalogues: {listed}); "
            f"start one with `handbook i18n init {primary}`"
        )
    return (primary,)
