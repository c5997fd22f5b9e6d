"""Running one Sphinx builder on an assembled project, with progress and every warning as a finding."""

from __future__ import annotations

import io
from pathlib import Path

from ..assemble.project import Assembly
from ..core.config import BuildOptions
from ..core.model import BuildError, Progress
from .diagnostics import parse_warnings
from .incremental import structure_digest


def run_sphinx(
    assembly: Assembly, builder: str, outdir: Path, doctrees: Path, options: BuildOptions, report: Progress
) -> str:
    """Run one Sphinx builder with this build's ``options``; returns the book's structure digest.

    Any warning is a BuildError.
    """
    from sphinx import locale
    from sphinx.application import Sphinx
    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    nocolor()
    # Sphinx merges each new app's message catalogues into those of the apps before it in the same
    # process: after a Russian edition, an English one would read Sphinx's labels in Russian (and its
    # workers, which start clean, would find the configuration changed and read everything again).
    locale.translators.clear()

    warnings = io.StringIO()
    log = (outdir.parent.parent / f"sphinx-{builder}.log").open("w", encoding="utf-8")
    try:
        with patch_docutils(assembly.srcdir), docutils_namespace():
            app = Sphinx(
                srcdir=assembly.srcdir,
                confdir=assembly.srcdir,
                outdir=outdir,
                doctreedir=doctrees,
                buildername=builder,
                status=log,
                warning=warnings,
                freshenv=False,
                keep_going=True,
                confoverrides={"handbook_build": options},
            )
            _follow(app, builder, report)
            app.build()
            structure = structure_digest(app.env)
    finally:
        log.close()
    findings = parse_warnings(warnings.getvalue(), assembly)
    if findings:
        # Sphinx keeps what it read, warnings and all; forget it, so that the next build reads the
        # documents again and reports the same problems instead of passing them by.
        (doctrees / "environment.pickle").unlink(missing_ok=True)
        raise BuildError(f"Sphinx reported {len(findings)} problem(s) building {builder}", findings)
    return structure


def _follow(app: object, builder: str, report: Progress) -> None:
    """Report reading and writing progress from Sphinx's events."""
    from sphinx.application import Sphinx

    assert isinstance(app, Sphinx)
    state = {"read": 0, "write": 0, "total": 0}

    def before_read(app: Sphinx, env: object, docnames: list[str]) -> None:
        state["total"] = len(docnames)
        report(f"{builder}: reading", 0, max(len(docnames), 1))

    def source_read(app: Sphinx, docname: str, source: list[str]) -> None:
        state["read"] += 1
        report(f"{builder}: reading {docname}", state["read"], max(state["total"], 1))

    def resolved(app: Sphinx, doctree: object, docname: str) -> None:
        state["write"] += 1
        report(f"{builder}: writing {docname}", state["write"], len(app.env.found_docs))

    app.connect("env-before-read-docs", before_read)
    app.connect("source-read", source_read)
    app.connect("doctree-resolved", resolved)
