"""A deterministic benchmark corpus: every member state's SME chapter and gender paper, in its language.

The text is drawn from :file:`phrases.yml` (real sentences in each language and script, written for
the benchmark) with a random generator seeded by the country code, so the same scale always gives
the same bytes. Every chapter passes ``handbook validate`` with no error.

``scale`` multiplies the number of chapters' worth of text: a book holds one chapter per member
state, so at scale N each chapter carries N times the sections, tables, figures, footnotes,
cross-references and recommendations of scale 1 (the volume of 28 x N chapters).
"""

from __future__ import annotations

import functools
import json
import random
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..core import registry
from ..core.safe_yaml import DATA_FILE, load_yaml
from ..core.words import count_words

SME_WORDS = 5000
"""Words of an SME chapter at scale 1."""
PAPER_WORDS = 2000
"""Words of a gender-dialogue paper at scale 1."""
FOOTNOTES = 10
RECOMMENDATIONS = 5
EPOCH = 1_790_000_000
"""The commit time of the corpus (2026-09-22), so history and dates never depend on the clock."""

_ADDRESSEES = ("national-government", "private-sector", "civil-society", "cica-business-council", "cica-secretariat")
_SDG = ("5.1", "5.4", "5.5", "5.a", "5.b", "5.c")


@dataclass(frozen=True)
class Corpus:
    """A generated book repository."""

    root: Path
    scale: int
    chapters: int
    words: int

    @property
    def sme_chapters(self) -> list[Path]:
        return sorted((self.root / "chapters" / "sme").glob("*.md"))


@functools.cache
def phrases() -> dict[str, dict[str, Any]]:
    """The benchmark's sentences, headings and words, by language tag."""
    text = resources.files("handbook.bench").joinpath("phrases.yml").read_text(encoding="utf-8")
    data: dict[str, dict[str, Any]] = load_yaml(text, 1, what="the benchmark's phrases", limits=DATA_FILE)[0]
    return data


def write_corpus(root: Path, book: Path, scale: int = 1) -> Corpus:
    """Write the corpus into ``root`` (a new folder) with the publications of ``book``, and commit it."""
    root.mkdir(parents=True, exist_ok=False)
    shutil.copytree(book, root / "book")
    codes = [state.code for state in registry.members()]
    words = 0
    for index, state in enumerate(registry.members()):
        language = state.languages[0].tag
        neighbour = codes[(index + 1) % len(codes)].lower()

        def writer(code: str = state.code, language: str = language, neighbour: str = neighbour) -> _Writer:
            return _Writer(code, language, random.Random(f"{code}/{scale}"), neighbour)

        sme = _fitted(lambda factor: writer().sme_chapter(scale, factor), SME_WORDS * scale)
        paper = _fitted(lambda factor: writer().paper(scale, factor), PAPER_WORDS * scale)
        _write(root / "chapters" / "sme" / f"{state.code.lower()}.md", sme)
        _write(root / "chapters" / "sme" / state.code.lower() / "sectors.svg", writer().figure())
        _write(root / "chapters" / "gender" / f"{state.code.lower()}.md", paper)
        words += count_words(sme) + count_words(paper)
    _commit(root)
    return Corpus(root, scale, 2 * len(codes), words)


def _fitted(make: Callable[[float], str], words: int) -> str:
    """``make(factor)``, the factor adjusted until the body (after the front matter) has about ``words`` words."""
    factor = 1.0
    for _ in range(5):
        text = make(factor)
        found = count_words(text.split("\n---\n", 1)[1])
        if abs(found - words) <= 0.03 * words:
            break
        factor *= words / found
    return text


def edit_chapter(path: Path, round_: int) -> None:
    """An editor's one-paragraph fix: a sentence added to the chapter's key messages."""
    text = path.read_text(encoding="utf-8")
    marker = "\n## "
    first = text.index(marker) + len(marker)
    end = text.index("\n\n", first)
    language = _language_of(text)
    sentence = phrases()[language]["sentences"][round_ % 16]
    path.write_text(f"{text[:end]}\n\n{sentence}{text[end:]}", encoding="utf-8")


def _language_of(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("language: "):
            return line.split(": ", 1)[1].strip()
    raise ValueError("no language in the front matter")


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _commit(root: Path) -> None:
    import git

    repo = git.Repo.init(root)
    repo.index.add(
        [p.relative_to(root).as_posix() for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts]
    )
    actor = git.Actor("Benchmark", "bench@example.org")
    date = f"{EPOCH} +0000"
    repo.index.commit("Benchmark corpus", author=actor, committer=actor, author_date=date, commit_date=date)


class _Writer:
    """Writes one country's chapter and paper."""

    def __init__(self, code: str, language: str, rng: random.Random, neighbour: str) -> None:
        self.code = code
        self.cc = code.lower()
        self.language = language
        self.text = phrases()[language]
        self.rng = rng
        self.neighbour = neighbour
        self.country = self.text["countries"][code]
        self.footnote = 0

    # -- text ---------------------------------------------------------------------------------

    def sentence(self) -> str:
        return str(self.rng.choice(self.text["sentences"]))

    def words(self, count: int) -> list[str]:
        return [str(w) for w in self.rng.sample(self.text["words"], count)]

    def paragraph(self, words: int) -> str:
        out: list[str] = []
        total = 0
        while total < words:
            sentence = self.sentence()
            length = count_words(sentence)
            if out and total + length / 2 > words:
                break
            out.append(sentence)
            total += length
        return " ".join(out)

    def paragraphs(self, words: int, per: int = 90) -> Iterator[str]:
        while words > 0:
            yield self.paragraph(min(per, words))
            words -= per

    def note(self) -> str:
        """A footnote reference; the footnote's text is written in the sources section."""
        self.footnote += 1
        return f"[^{self.footnote}]"

    def footnotes(self) -> str:
        return "\n\n".join(
            f"[^{n}]: {self.sentence()} https://example.org/{self.cc}/{n}" for n in range(1, self.footnote + 1)
        )

    # -- the SME chapter ---------------------------------------------------------------------

    def sme_chapter(self, scale: int, factor: float = 1.0) -> str:
        sections = registry.sections("sme")
        body_sections = [s for s in sections if s.key not in ("key-messages", "sources")]
        per_section = int(factor * (SME_WORDS - 400) / len(body_sections))
        parts = [self.sme_front_matter(), self.key_messages()]
        for round_ in range(scale):
            for section in body_sections:
                parts.append(self.sme_section(section.key, round_, per_section))
        parts.append(f"({self.cc}-sources)=\n## {self.heading()}\n\n{self.paragraph(60)}\n\n{self.footnotes()}\n")
        return "\n".join(parts)

    def heading(self) -> str:
        return str(self.rng.choice(self.text["headings"]))

    def key_messages(self) -> str:
        items = "\n".join(f"- {self.paragraph(40)}" for _ in range(5))
        return f"({self.cc}-key-messages)=\n## {self.heading()}\n\n{items}\n"

    def sme_section(self, key: str, round_: int, words: int) -> str:
        """A section with a footnote (ten a round), cross-references, and its figure or table."""
        suffix = f"-{round_ + 1}" if round_ else ""
        out = [f"({self.cc}-{key}{suffix})=", f"## {self.heading()}", ""]
        for index, text in enumerate(self.paragraphs(words)):
            if index == 0 and self.footnote < FOOTNOTES * (round_ + 1):
                text = f"{text}{self.note()}"
            out += [text, ""]
            if index == 1:
                out += [self.reference(key, suffix), ""]
        if key == "context":
            out += [self.figure_block(suffix), ""]
        elif key in ("landscape", "programmes"):
            out += [self.table(7 if key == "programmes" else 4), ""]
        return "\n".join(out)

    def reference(self, key: str, suffix: str) -> str:
        """Cross-references: to the figure, to a section of this chapter and of the next country's."""
        if key == "context":
            return f"{{numref}}`{self.cc}-fig-sectors{suffix}` {self.sentence()}"
        if key == "finance":
            return f"{self.sentence()} {{ref}}`{self.neighbour}-finance{suffix}`"
        return f"{self.sentence()} {{ref}}`{self.cc}-context{suffix}`"

    def figure_block(self, suffix: str) -> str:
        return (
            f":::{{figure}} {self.cc}/sectors.svg\n:alt: {self.text['alt']}\n:name: {self.cc}-fig-sectors{suffix}\n\n"
            f"{self.text['caption']}\n:::"
        )

    def table(self, columns: int) -> str:
        header = "| " + " | ".join(self.words(columns)) + " |"
        rule = "|" + "---|" * columns
        rows = ["| " + " | ".join(self.words(columns)) + " |" for _ in range(6)]
        return "\n".join([header, rule, *rows])

    def figure(self) -> str:
        """A bar chart of five sectors, with its text alternative in the chapter."""
        bars = "".join(
            f'<rect x="{20 + 60 * i}" y="{180 - h}" width="40" height="{h}" fill="#2b6f8e"/>'
            for i, h in enumerate(self.rng.randint(30, 160) for _ in range(5))
        )
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200">'
            f'<line x1="10" y1="180" x2="310" y2="180" stroke="#333"/>{bars}</svg>\n'
        )

    def sme_front_matter(self) -> str:
        state = registry.member(self.code)
        assert state is not None
        indicators = "\n".join(
            f'  - id: {name}\n    value: {value}\n    unit: "{unit}"\n    year: 2023\n'
            f'    source: "National statistics office of {state.name_en}"\n    illustrative: true'
            for name, value, unit in (
                ("sme_share_gdp", self.rng.randint(20, 60), "%"),
                ("sme_share_employment", self.rng.randint(30, 80), "%"),
                ("sme_share_enterprises", 99, "%"),
            )
        )
        return (
            "---\n"
            f"title: {_quoted(self.text['title'].format(country=self.country))}\n"
            f"{self._people(state.name_en)}"
            f"abstract: {_quoted(self.paragraph(120))}\n"
            f"keywords: [{', '.join(_quoted(w) for w in self.words(4))}]\n"
            "license: CC-BY-4.0\nstatus: draft\ndata_year: 2023\n"
            f"currency: {state.currency}\nindicators:\n{indicators}\n---\n"
        )

    def _people(self, country: str) -> str:
        institution = f"Benchmark Institute of {country} (synthetic)"
        return (
            f"country: {self.code}\nlanguage: {self.language}\n"
            f'institution:\n  name: "{institution}"\n'
            f'authors:\n  - name: "Author {self.code} One"\n    affiliation: "{institution}"\n'
            f'    email: "author.{self.cc}@example.org"\n    corresponding: true\n'
            "    roles: [conceptualization, writing-original-draft]\n"
        )

    # -- the gender-dialogue paper -------------------------------------------------------------

    def paper(self, scale: int, factor: float = 1.0) -> str:
        self.footnote = 0
        state = registry.member(self.code)
        assert state is not None
        front = (
            "---\n"
            f"title: {_quoted(self.text['paper_title'].format(country=self.country))}\n"
            f"{self._people(state.name_en)}"
            f"abstract: {_quoted(self.paragraph(120))}\n"
            f"keywords: [{', '.join(_quoted(w) for w in self.words(4))}]\n"
            "license: CC-BY-4.0\nstatus: draft\n---\n"
        )
        situation = "\n\n".join(self.paragraphs(int(factor * 500 * scale)))
        summary = "\n\n".join(self.paragraphs(int(factor * 200 * scale)))
        blocks = "\n".join(self.recommendation(n) for n in range(1, RECOMMENDATIONS * scale + 1))
        return (
            f"{front}\n({self.cc}-summary)=\n## {self.heading()}\n\n{summary}{self.note()}\n\n"
            f"({self.cc}-situation)=\n## {self.heading()}\n\n{situation}{self.note()}\n\n"
            f"({self.cc}-recommendations)=\n## {self.heading()}\n\n{blocks}\n"
            f"({self.cc}-sources)=\n## {self.heading()}\n\n{self.footnotes()}\n"
        )

    def recommendation(self, number: int) -> str:
        titles = self.text["recommendation"]
        return (
            f":::{{recommendation}} {titles[(number - 1) % len(titles)]}\n"
            f":id: GE-{self.code}-{number:02d}\n"
            f":addressee: {_ADDRESSEES[number % len(_ADDRESSEES)]}\n"
            f":level: {'cica-wide' if number % 5 == 4 else 'national'}\n"
            f":timeframe: {2026 + number % 4}\n"
            f":priority: {('high', 'medium', 'low')[number % 3]}\n"
            f":sdg: {_SDG[number % len(_SDG)]}\n"
            f":partners: {self.sentence()}\n"
            f":action-1: {self.sentence()}\n"
            f":action-2: {self.sentence()}\n"
            f":indicator-1: {self.sentence()}\n"
            f":baseline-1: {self.sentence()}\n"
            f":target-1: {self.sentence()}\n"
            f":source-1: {self.sentence()}\n\n"
            f"{self.paragraph(150)}\n:::\n"
        )
