"""Sphinx's warnings as findings at the contributor's file and line (the assembled project mirrors the repository)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..assemble.project import Assembly
from ..core.model import Finding, Severity
from ..sources.layout import display_path

_WARNING = re.compile(
    r"^(?P<path>.*?):(?P<line>\d+)?:? ?(?:\(?(?P<level>WARNING|ERROR|CRITICAL)\)?): "
    r"(?P<message>.*?)(?: \[(?P<type>[\w.-]+)\])?$"
)


def parse_warnings(text: str, assembly: Assembly) -> list[Finding]:
    """Sphinx's warnings as findings at the contributor's file and line.

    A warning may run over several lines (Typst's diagnostics do); they stay one finding.
    """
    findings: list[Finding] = []
    for line in text.splitlines():
        match = _WARNING.match(line.strip())
        if match is None:
            if findings and line.strip():
                last = findings[-1]
                findings[-1] = replace(last, message=f"{last.message}\n    {line.rstrip()}")
            elif line.strip():
                findings.append(Finding("(sphinx)", 1, 1, Severity.ERROR, "sphinx", line.strip(), ""))
            continue
        findings.append(_warning_finding(match, assembly))
    return findings


def _warning_finding(match: re.Match[str], assembly: Assembly) -> Finding:
    path = match["path"]
    shown = path or "(sphinx)"
    try:
        relative = Path(path).resolve().relative_to(assembly.srcdir.resolve()).as_posix() if path else None
    except ValueError:
        relative = None
    if relative is not None:
        origin = assembly.origins.get(relative)
        shown = display_path(origin, Path.cwd()) if origin else display_path(assembly.srcdir / relative, Path.cwd())
    kind = match["type"] or "warning"
    return Finding(
        shown,
        int(match["line"] or 1),
        1,
        Severity.ERROR,
        f"sphinx-{kind.replace('.', '-')}",
        match["message"],
        "fix the chapter at this line; the book is built only without warnings",
    )
