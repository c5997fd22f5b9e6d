"""The ``handbook`` command line: a thin click group over the library."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .core.model import Publication

_PUBLICATIONS = click.Choice([p.value for p in Publication])


def _root(option: Path | None, hint_paths: tuple[Path, ...] = ()) -> Path:
    """The book repository: --root, or the nearest folder above the paths or cwd with chapters/."""
    from .sources.layout import find_root

    if option is not None:
        return option
    for start in (*hint_paths, Path.cwd()):
        found = find_root(start)
        if found is not None:
            return found
    raise click.UsageError("no chapters/ folder here or above; run inside the book repository or pass --root")


root_option = click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The book repository (default: the nearest folder with chapters/).",
)
edition_option = click.option(
    "--edition",
    metavar="LANG",
    help="One language edition (a BCP 47 tag from the publication's editions, e.g. ru; default: every edition).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cica-handbook")
def cli() -> None:
    """Publishing pipeline of the CICA Think Tank Forum."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@root_option
def validate(paths: tuple[Path, ...], fmt: str, root: Path | None) -> None:
    """Check chapters (all of them when no PATH is given).

    Exit status: 0 when no errors, 1 when there are errors, 2 on a usage error.
    """
    from .validate.report import print_text, to_json
    from .validate.runner import validate as run

    report = run(_root(root, paths), list(paths) or None)
    if fmt == "json":
        click.echo(to_json(report))
    else:
        print_text(report)
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.argument("publication", type=_PUBLICATIONS)
@click.option("--country", required=True, help="ISO 3166-1 alpha-2 code of a member state, e.g. KZ.")
@click.option("--language", help="BCP 47 tag (default: the country's primary language).")
@root_option
def new(publication: str, country: str, language: str | None, root: Path | None) -> None:
    """Start a chapter from the template in contrib/templates/."""
    from .collab.scaffold import ScaffoldError, new_chapter

    base = _root(root)
    try:
        path = new_chapter(base, Publication(publication), country, language)
    except ScaffoldError as error:
        raise click.ClickException(str(error)) from None
    shown = os.path.relpath(path)
    click.echo(f"wrote {shown}")
    click.echo(f"next: replace every TODO, then run `handbook validate {shown}`")


@cli.command()
@click.argument("publications", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "epub", "pdf", "all"]),
    default="all",
    show_default=True,
    help="Which output to build.",
)
@click.option("--chapter", metavar="CC", help="Build one chapter as an offprint (country code, e.g. KZ).")
@edition_option
@click.option("--no-check", is_flag=True, help="Skip EPUBCheck (for quick previews; never for release).")
@root_option
def build(
    publications: tuple[str, ...], fmt: str, chapter: str | None, edition: str | None, no_check: bool, root: Path | None
) -> None:
    """Validate, merge and build PUBLICATIONS (ids under book/; default: all) into _build/<id>/<edition>/."""
    from .core.model import BuildError
    from .pipeline import FORMATS
    from .progress import build_with_progress
    from .validate.report import print_findings

    base = _root(root)
    formats = FORMATS if fmt == "all" else (fmt,)
    for publication, language in _editions(base, publications, edition):
        try:
            result = build_with_progress(base, publication, formats, not no_check, chapter, language)
        except BuildError as error:
            print_findings(error.findings)
            raise click.ClickException(f"{publication} ({language}): {error}") from None
        for name, path in result.outputs.items():
            click.echo(f"{publication} {language} {name}: {os.path.relpath(path)} ({result.seconds[name]:.1f} s)")


@cli.command()
@click.argument("publications", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["html", "epub", "pdf", "all"]), default="pdf", show_default=True)
@edition_option
@click.option("--no-check", is_flag=True, help="Skip EPUBCheck.")
@root_option
def offprints(publications: tuple[str, ...], fmt: str, edition: str | None, no_check: bool, root: Path | None) -> None:
    """Build every chapter of PUBLICATIONS (default: all) on its own, into _build/<id>/<edition>/offprints/."""
    from .core.model import BuildError
    from .pipeline import FORMATS, chapter_codes
    from .progress import build_with_progress
    from .validate.report import print_findings

    base = _root(root)
    formats = FORMATS if fmt == "all" else (fmt,)
    for publication, language in _editions(base, publications, edition):
        try:
            for code in chapter_codes(base, publication):
                result = build_with_progress(base, publication, formats, not no_check, code, language)
                for name, path in result.outputs.items():
                    shown = f"{publication} {language} {code} {name}"
                    click.echo(f"{shown}: {os.path.relpath(path)} ({result.seconds[name]:.1f} s)")
        except BuildError as error:
            print_findings(error.findings)
            raise click.ClickException(f"{publication} ({language}): {error}") from None


def _editions(base: Path, publications: tuple[str, ...], edition: str | None) -> list[tuple[str, str]]:
    """(publication, edition) pairs to build: every edition, or only ``edition`` of those that have it."""
    from .core.model import BuildError
    from .pipeline import editions
    from .sources.publications import definition_files
    from .validate.report import print_findings

    chosen = publications or tuple(p.parent.name for p in definition_files(base))
    if not chosen:
        raise click.UsageError("no publications: add book/<id>/publication.yml")
    pairs: list[tuple[str, str]] = []
    for publication in chosen:
        try:
            languages = editions(base, publication)
        except BuildError as error:
            print_findings(error.findings)
            raise click.ClickException(f"{publication}: {error}") from None
        if edition is not None and edition not in languages:
            if publications:
                raise click.UsageError(f"{publication} has no '{edition}' edition (editions: {', '.join(languages)})")
            continue
        pairs += [(publication, language) for language in languages if edition in (None, language)]
    if not pairs:
        raise click.UsageError(f"no publication has a '{edition}' edition")
    return pairs


@cli.command("check-ownership")
@click.option("--base", required=True, help="The revision the change starts from (e.g. origin/main).")
@click.option("--head", default="HEAD", show_default=True, help="The last revision of the change.")
@root_option
def check_ownership(base: str, head: str, root: Path | None) -> None:
    """Fail when a commit changes another country's chapter, or build files without being an editor."""
    from .collab.ownership import OwnershipError, check
    from .validate.contributors import load
    from .validate.report import print_findings

    base_dir = _root(root)
    registry, problems = load(base_dir)
    if registry is None:
        print_findings(problems)
        raise click.ClickException("the contributor registry has errors")
    try:
        commits, findings = check(base_dir, base, head, registry)
    except OwnershipError as error:
        raise click.ClickException(str(error)) from None
    console = print_findings(findings)
    console.print(f"checked {commits} commit(s): {len(findings)} change(s) not allowed")
    sys.exit(1 if findings else 0)


@cli.command()
@click.option("--check", "check_only", is_flag=True, help="Only report whether .github/CODEOWNERS is current.")
@root_option
def codeowners(check_only: bool, root: Path | None) -> None:
    """Write .github/CODEOWNERS from the contributor registry."""
    from .collab import codeowners as owners
    from .validate.contributors import load
    from .validate.report import print_findings

    base_dir = _root(root)
    registry, problems = load(base_dir)
    if registry is None:
        print_findings(problems)
        raise click.ClickException("the contributor registry has errors")
    target = base_dir / owners.CODEOWNERS_FILE
    if check_only:
        if not owners.is_current(base_dir, registry):
            raise click.ClickException(f"{target} is out of date; run `handbook codeowners`")
        click.echo(f"{os.path.relpath(target)} is current")
        return
    click.echo(f"wrote {os.path.relpath(owners.write(base_dir, registry))}")


@cli.command()
@click.option("--publication", type=_PUBLICATIONS, help="One kind of chapter only.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "html"]), default="table", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write there instead of printing.")
@root_option
def status(publication: str | None, fmt: str, output: Path | None, root: Path | None) -> None:
    """The editors' board: every member state, submitted or missing, status, words, validation, history."""
    import dataclasses
    import json

    from rich.console import Console
    from rich.table import Table

    from .publish.status import board, cells, columns, to_html

    chosen = (Publication(publication),) if publication else tuple(Publication)
    rows = board(_root(root), chosen)
    if fmt == "table" and output is None:
        table = Table(*columns(), title="Chapters by member state")
        for row in rows:
            table.add_row(*cells(row), style=None if row.submitted else "dim")
        console = Console()
        console.print(table, width=None if console.is_terminal else 220)
        return
    if fmt == "html":
        text = to_html(rows, "Editorial status")
    else:
        text = json.dumps([dataclasses.asdict(r) for r in rows], ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {os.path.relpath(output)}")


@cli.command()
@click.option("--since", required=True, help="The tag (or revision) of the previous edition.")
@click.option("--until", default="HEAD", show_default=True, help="The revision of this edition.")
@root_option
def changelog(since: str, until: str, root: Path | None) -> None:
    """What changed in each chapter between two editions."""
    from rich.console import Console
    from rich.markup import escape

    from .collab import history

    repo = history.open_repository(_root(root))
    if repo is None:
        raise click.ClickException("not a git repository with commits")
    try:
        changes = history.changelog(repo, since, until)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    console = Console(highlight=False, soft_wrap=True)
    for change in changes:
        moved = f" (from {change.old_path})" if change.old_path != change.path else ""
        console.print(f"[bold]{escape(change.path)}[/]: {change.status}{escape(moved)}")
        for subject in change.subjects:
            console.print(f"  - {escape(subject)}")
    console.print(f"{len(changes)} chapter file(s) changed from {escape(since)} to {escape(until)}")


@cli.command(name="import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--publication", type=_PUBLICATIONS, required=True, help="sme or gender.")
@click.option("--country", required=True, help="ISO 3166-1 alpha-2 code of a member state, e.g. KZ.")
@click.option("--language", help="BCP 47 tag (default: the Word file's language, else the country's first).")
@click.option("--force", is_flag=True, help="Replace an existing chapter and its figures.")
@root_option
def import_(source: Path, publication: str, country: str, language: str | None, force: bool, root: Path | None) -> None:
    """Convert a Word file (.docx) into chapters/<publication>/<cc>.md, figures into its folder."""
    from .collab.word import DocxError, import_docx

    try:
        result = import_docx(_root(root), source, Publication(publication), country, force=force, language=language)
    except DocxError as error:
        raise click.ClickException(str(error)) from None
    shown = os.path.relpath(result.path)
    click.echo(f"wrote {shown}" + (f" and {len(result.media)} figure(s)" if result.media else ""))
    if result.notes:
        click.echo("still to do before the chapter validates cleanly:")
    for note in result.notes:
        click.echo(f"  - {note}")
    click.echo(f"next: run `handbook validate {shown}`")


@cli.command()
@click.argument("country")
@click.option("--publication", type=_PUBLICATIONS, required=True, help="sme or gender.")
@click.option("--to", "target_format", type=click.Choice(["docx"]), default="docx", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: _build/docx/<pub>-<cc>.docx.")
@root_option
def export(country: str, publication: str, target_format: str, output: Path | None, root: Path | None) -> None:
    """Write COUNTRY's chapter as a Word file for reviewers (headings, tables, footnotes, images)."""
    from .collab.word import DocxError, export_docx

    try:
        path = export_docx(_root(root), country, Publication(publication), output)
    except DocxError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote {os.path.relpath(path)}")


@cli.command(name="assemble")
@click.argument("publication")
@edition_option
@root_option
def assemble_(publication: str, edition: str | None, root: Path | None) -> None:
    """Validate PUBLICATION and write an edition's Sphinx project to _build/<id>/<edition>/source/ (no build)."""
    from .core.model import BuildError
    from .pipeline import prepare
    from .validate.report import print_findings

    try:
        assembly = prepare(_root(root), publication, edition)
    except BuildError as error:
        print_findings(error.findings)
        raise click.ClickException(f"{publication}: {error}") from None
    click.echo(f"assembled {os.path.relpath(assembly.srcdir)}")


@cli.command()
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), help="Default: _build/site/.")
@root_option
def site(output: Path | None, root: Path | None) -> None:
    """Gather every built publication into one folder for a static host: pages, OPDS feed, checksums."""
    from .publish.site import SiteError, build_site

    try:
        target = build_site(_root(root), output, report=lambda message: click.echo(f"note: {message}", err=True))
    except SiteError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"site: {os.path.relpath(target)}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List the validation rules."""
    from .validate.report import rules_markdown

    if fmt == "markdown":
        click.echo(rules_markdown(), nl=False)
        click.echo()
        return
    from rich.console import Console
    from rich.table import Table

    from .validate.rules import RULES

    table = Table("rule", "severity", "what it checks", title="Validation rules")
    for item in RULES.values():
        table.add_row(item.id, str(item.severity), item.summary)
    Console().print(table)


@cli.command()
def members() -> None:
    """List the member states with their languages and scripts."""
    from rich.console import Console
    from rich.table import Table

    from .core import registry

    table = Table("code", "member state", "Russian", "languages", "script", "direction", title="CICA member states")
    for state in registry.members():
        table.add_row(
            state.code,
            state.name_en,
            state.name_ru,
            ", ".join(lang.tag for lang in state.languages),
            ", ".join(dict.fromkeys(lang.script for lang in state.languages)),
            ", ".join(dict.fromkeys(lang.direction for lang in state.languages)),
        )
    Console().print(table)


@cli.command()
@click.option("--scale", default=1, show_default=True, type=click.IntRange(1, 100), help="Chapters' worth of text x N.")
@click.option("--runs", default=3, show_default=True, type=click.IntRange(1, 50), help="Runs of each measurement.")
@click.option(
    "--scaling",
    default=10,
    show_default=True,
    type=click.IntRange(1, 100),
    help="Also build a corpus this many times larger, cold (1: do not).",
)
@click.option("--keep", is_flag=True, help="Keep the generated corpora (their folder is printed).")
@root_option
def bench(scale: int, runs: int, scaling: int, keep: bool, root: Path | None) -> None:
    """Time validation and builds against plain Sphinx and pandoc on a generated corpus.

    Writes _build/bench/results.json and the commands' output to _build/bench/commands.log.
    """
    import shutil
    import tempfile

    from rich.console import Console

    from .bench.measure import CommandFailed
    from .bench.report import print_results, write_json
    from .bench.suite import run_bench

    base = _root(root)
    out = base / "_build" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    log = out / "commands.log"
    log.write_text("", encoding="utf-8")
    work = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    console = Console(stderr=True)
    try:
        with console.status("benchmark") as status:
            results = run_bench(base, work, log, scale, runs, scaling, lambda s: status.update(f"benchmark: {s}"))
    except CommandFailed as failure:
        raise click.ClickException(f"{failure}") from None
    finally:
        if keep:
            console.print(f"corpora kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print_results(results, Console())
    write_json(results, out / "results.json")
    click.echo(f"wrote {os.path.relpath(out / 'results.json')}")
    sys.exit(0 if all(t.ok for t in results.targets) else 1)


# -- translations of the interface ------------------------------------------------------------------------------

locale_dir_option = click.option(
    "--locale-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="HANDBOOK_LOCALE_DIR",
    help="The catalogues' folder (default: the package's locale/; also HANDBOOK_LOCALE_DIR).",
)


@cli.group(name="i18n")
def i18n_group() -> None:
    """The interface's translations: English in the code, other languages in locale/<lang>/LC_MESSAGES/."""


@i18n_group.command(name="extract")
@locale_dir_option
def i18n_extract(locale_dir: Path | None) -> None:
    """Write locale/handbook.pot, the template of every interface message, from the code."""
    from .collab import catalogues
    from .core import i18n

    click.echo(f"wrote {os.path.relpath(catalogues.extract(locale_dir or i18n.LOCALE_DIR))}")


@i18n_group.command(name="update")
@click.argument("language", required=False)
@locale_dir_option
def i18n_update(language: str | None, locale_dir: Path | None) -> None:
    """Bring the catalogues (or LANGUAGE's) and the template up to date with the code.

    New messages come in untranslated (fuzzy when close to one whose English changed); removed ones stay as
    obsolete entries at the end of the file.
    """
    from .collab import catalogues
    from .core import i18n

    base = locale_dir or i18n.LOCALE_DIR
    chosen = _catalogue_languages(language, base)
    click.echo(f"wrote {os.path.relpath(catalogues.extract(base))}")
    for name in chosen:
        try:
            path = catalogues.update(name, base)
        except i18n.CatalogueError as error:
            raise click.ClickException(str(error)) from None
        click.echo(f"updated {os.path.relpath(path)}")


@i18n_group.command(name="check")
@click.argument("language", required=False)
@locale_dir_option
def i18n_check(language: str | None, locale_dir: Path | None) -> None:
    """Report what the catalogues (or LANGUAGE's) lack or get wrong, one `file:line:` finding each.

    Exit status: 0 when complete, 1 when there are findings, 2 on a usage error such as an unknown language.
    """
    import dataclasses

    from .collab import catalogues
    from .core import i18n, registry
    from .core.words import plural
    from .validate.report import print_findings

    if language is not None and registry.primary_subtag(language) == i18n.SOURCE_LANGUAGE:
        click.echo(f"{i18n.SOURCE_LANGUAGE}: the source language, in the code: complete by definition")
        return
    base = locale_dir or i18n.LOCALE_DIR
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


@i18n_group.command(name="init")
@click.argument("language")
@locale_dir_option
def i18n_init(language: str, locale_dir: Path | None) -> None:
    """Start the catalogue of a new LANGUAGE (a BCP 47 primary subtag, e.g. kk), every message untranslated."""
    from .collab import catalogues
    from .core import i18n, registry

    try:
        path = catalogues.init(language, locale_dir or i18n.LOCALE_DIR)
    except i18n.CatalogueError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"wrote {os.path.relpath(path)}")
    click.echo(
        f"next: translate it with a PO editor, then run `handbook i18n check {registry.primary_subtag(language)}`"
    )


def _catalogue_languages(language: str | None, locale_dir: Path) -> tuple[str, ...]:
    """LANGUAGE's primary subtag, or every language with a catalogue; a usage error if there is none."""
    from .core import i18n, registry

    known = i18n.languages(locale_dir)
    if language is None:
        if not known:
            raise click.UsageError(f"no catalogues in {os.path.relpath(locale_dir)}")
        return known
    primary = registry.primary_subtag(language)
    if primary == i18n.SOURCE_LANGUAGE:
        raise click.UsageError(f"'{language}' is the source language: its text lives in the code, not in a catalogue")
    if primary not in known:
        listed = ", ".join(known) or "none"
        raise click.UsageError(
            f"no catalogue for '{language}' in {os.path.relpath(locale_dir)} (catalogues: {listed}); "
            f"start one with `handbook i18n init {primary}`"
        )
    return (primary,)


def main() -> None:
    """Entry point: no Python traceback reaches the user unless HANDBOOK_DEBUG is set."""
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("HANDBOOK_DEBUG"):
            raise
        click.echo(f"handbook: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("please report this; set HANDBOOK_DEBUG=1 to see the traceback", err=True)
        sys.exit(70)
