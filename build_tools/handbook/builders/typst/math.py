"""Math for the PDF: LaTeX-style formulas drawn as SVG with matplotlib's mathtext.

Typst has its own math syntax, and converting LaTeX needs a package from the internet; mathtext
covers the TeX subset chapters use (fractions, sub- and superscripts, Greek, operators).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path


class MathRenderer:
    """Writes each formula once, as ``math/<hash>.svg`` under the output folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def render(self, latex: str, inline: bool) -> str:
        """The output-relative path of the formula's SVG."""
        expression = latex.strip()
        name = hashlib.sha256(f"{inline}:{expression}".encode()).hexdigest()[:16] + ".svg"
        target = self.folder / name
        if not target.is_file():
            self.folder.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_svg(expression, 10.5 if inline else 12.0))
        return f"math/{name}"


def _svg(expression: str, size: float) -> bytes:
    """The formula drawn with mathtext (matplotlib is imported only when a book has math)."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "handbook", "mathtext.fontset": "dejavuserif"}):
        figure = Figure(figsize=(0.01, 0.01))
        figure.text(0, 0, f"${expression}$", fontproperties=FontProperties(size=size))
        buffer = io.BytesIO()
        figure.savefig(
            buffer, format="svg", bbox_inches="tight", pad_inches=0.02, transparent=True, metadata={"Date": None}
        )
    return buffer.getvalue()
