"""The baselines: the same Markdown built by plain Sphinx (myst-parser only) and by pandoc.

Run as ``python -m handbook.bench.baselines typst OUT.pdf FILE...`` it converts the files with
pandoc to Typst and compiles that with the ``typst`` package, as one measured command.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..sources.myst import MYST_EXTENSIONS

PLAIN = "plain"
"""The plain Sphinx project's folder in the corpus."""


def plain_project(root: Path, chapters: list[Path]) -> Path:
    """A Sphinx project with only myst-parser over ``chapters`` (linked, not copied)."""
    project = root / PLAIN
    project.mkdir()
    (project / "sme").symlink_to(chapters[0].parent, target_is_directory=True)
    (project / "conf.py").write_text(
        "project = 'Benchmark'\n"
        "extensions = ['myst_parser']\n"
        f"myst_enable_extensions = {sorted(MYST_EXTENSIONS)!r}\n"
        "numfig = True\n"
        "exclude_patterns = ['_build']\n",
        encoding="utf-8",
    )
    toctree = "\n".join(f"sme/{path.stem}" for path in chapters)
    (project / "index.md").write_text(f"# Benchmark\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8")
    return project


def sphinx_command(python: Path, builder: str, root: Path) -> list[str]:
    out = root / "_build" / PLAIN
    return [
        str(python), "-m", "sphinx", "-b", builder, "-q", "-E",
        "-d", str(out / f"doctrees-{builder}"), str(root / PLAIN), str(out / builder),
    ]  # fmt: skip


def pandoc_epub_command(root: Path, chapters: list[Path]) -> list[str]:
    import pypandoc

    return [
        pypandoc.get_pandoc_path(), "--from", "markdown", "--to", "epub3",
        "--resource-path", str(chapters[0].parent), "--metadata", "title=Benchmark",
        "--output", str(root / "_build" / PLAIN / "pandoc.epub"), *map(str, chapters),
    ]  # fmt: skip


def pandoc_typst_command(python: Path, root: Path, chapters: list[Path]) -> list[str]:
    pdf = root / "_build" / PLAIN / "pandoc.pdf"
    return [str(python), "-m", "handbook.bench.baselines", "typst", str(pdf), *map(str, chapters)]


def _pandoc_typst(pdf: Path, chapters: list[str]) -> None:
    """pandoc Markdown to Typst, then Typst to PDF with the same fonts as the handbook."""
    import subprocess
    import tempfile

    import pypandoc
    import typst

    from ..core import fonts

    pdf.parent.mkdir(parents=True, exist_ok=True)
    source = pdf.with_suffix(".typ")
    subprocess.run(
        [pypandoc.get_pandoc_path(), "--from", "markdown", "--to", "typst", "--standalone",
         "--metadata", "title=Benchmark", "--variable", 'keywords="benchmark"',  # pandoc puts keywords unquoted
         "--output", str(source), *chapters],
        check=True,
    )  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        font_folder = fonts.font_dir(Path(folder) / "fonts")
        pdf.write_bytes(typst.compile(str(source), font_paths=[str(font_folder)], ignore_system_fonts=True))


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] != "typst":
        sys.exit("usage: python -m handbook.bench.baselines typst OUT.pdf FILE...")
    os.environ.setdefault("LC_ALL", "C.UTF-8")
    _pandoc_typst(Path(sys.argv[2]), sys.argv[3:])
