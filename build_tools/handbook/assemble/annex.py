"""The comparative annex of the SME handbook: one chart and one table per catalogue indicator.

The page is MyST Markdown; the charts are SVG files drawn with matplotlib. Both are a pure function of the
chapters' ``indicators`` front matter: the same input gives the same text and the same SVG bytes.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from ..core import cldr, i18n, registry
from ..core.labels.annex import WORDING
from ..sources.myst import escape, option_value

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text


@dataclass(frozen=True)
class CountryIndicators:
    """What one chapter contributes to the annex."""

    country: str
    """ISO 3166-1 alpha-2 code in upper case, e.g. ``KZ``."""
    name: str
    """The country's name in the annex language."""
    chapter_label: str
    """The label of the chapter's first section, which the table links to, e.g. ``kz-key-messages``."""
    indicators: tuple[dict[str, Any], ...]
    """The chapter's front-matter ``indicators`` entries, as loaded."""


@dataclass(frozen=True)
class _Wording:
    """The annex's words in one language."""

    language: str
    """The language they are in: the annex's, or English when it has no translation (numbers follow it)."""
    text: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.text[key]


def _wording(language: str) -> _Wording:
    used = i18n.interface_language(language, "annex")
    text = {key: i18n.translate(used, "annex", key, english)[0] for key, english in WORDING.items()}
    return _Wording(used, text)


_DASH = "—"
_TABLE_WIDTHS = "20 14 8 58"

_BAR_COLOUR = "#1f5f8b"
_CM = 1 / 2.54
_CHART_WIDTH_CM = 16.0
_CHART_BASE_CM = 1.2
_CHART_BAR_CM = 0.75
_LABEL_PADDING_PT = 3
_LABEL_MARGIN = 0.03
"""Share of the axes' width kept free beyond the longest label."""
_CHART_STYLE: dict[str, Any] = {
    "svg.hashsalt": "cica-handbook-annex",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "text.parse_math": False,
    "hatch.linewidth": 0.8,
}
"""On top of matplotlib's defaults, never the local matplotlibrc: charts come out the same on every machine.
DejaVu Sans ships with matplotlib; text is drawn as paths, so readers need no fonts."""
_SVG_METADATA: dict[str, str | None] = {"Date": None, "Creator": None, "Format": None, "Type": None}
"""No date, version or link in the file, so that it is reproducible and refers to nothing outside itself."""
_SVG_DOCTYPE = re.compile(rb"<!DOCTYPE[^>]*>\s*")

_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_SAFE_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")


@dataclass(frozen=True)
class _Observation:
    """One country's usable value of one indicator in one year."""

    value: int | float
    year: int
    source: str
    illustrative: bool


def annex_page(
    countries: Sequence[CountryIndicators], figures_dir: Path, figures_href: str, language: str = "en"
) -> str:
    """MyST Markdown of the annex; writes one SVG chart per indicator into figures_dir.

    Indicators come in catalogue order, countries in the order given. A chart file is rewritten only when its
    bytes change. ``figures_href`` is how the page refers to ``figures_dir``.
    """
    wording = _wording(language)
    sources = next(s for s in registry.sections("sme") if s.key == "sources")
    sources_name = sources.name_ru if wording.language == "ru" else sources.name_en
    figures_dir.mkdir(parents=True, exist_ok=True)
    sections: list[str] = []
    for indicator in registry.indicators().values():
        rows = [(country, _observations(country, indicator)) for country in countries]
        if any(observations for _, observations in rows):
            sections += _section(indicator, rows, figures_dir, figures_href.rstrip("/"), wording)
    intro = ["(annex)=", f"# {wording['title']}", "", wording["intro"].format(sources=sources_name), ""]
    return "\n".join(intro + (sections or [wording["nothing_reported"], ""]))


def _section(
    indicator: registry.Indicator,
    rows: list[tuple[CountryIndicators, list[_Observation]]],
    figures_dir: Path,
    figures_href: str,
    wording: _Wording,
) -> list[str]:
    """The indicator's heading, chart and table; writes the chart."""
    slug = indicator.id.replace("_", "-")
    label = indicator.label(wording.language)
    latest = [(_name(country), observations[0]) for country, observations in rows if observations]
    bars = sorted(latest, key=lambda bar: -bar[1].value)
    missing = [_name(country) for country, observations in rows if not observations]
    one_year = len({seen.year for _, seen in bars}) == 1
    bar_texts = [_value_text(seen, indicator, wording) + ("" if one_year else f" ({seen.year})") for _, seen in bars]
    file_name = f"annex-{indicator.id}.svg"
    _write_chart(figures_dir / file_name, bars, bar_texts)
    lines = [
        f"(annex-{slug})=",
        f"## {escape(label)}",
        "",
        f":::{{figure}} {figures_href}/{file_name}",
        f":alt: {option_value(_alt_text(label, bars, missing, indicator, wording))}",
        f":name: annex-fig-{slug}",
        "",
        escape(" ".join(_caption(label, bars, missing, one_year, wording))),
        ":::",
        "",
    ]
    return lines + _table(label, rows, indicator, wording)


def _value_text(seen: _Observation, indicator: registry.Indicator, wording: _Wording) -> str:
    """The value with its unit, marked † when illustrative."""
    return _format_value(seen.value, indicator.unit, wording) + (" †" if seen.illustrative else "")


def _write_chart(chart: Path, bars: list[tuple[str, _Observation]], bar_texts: list[str]) -> None:
    """Draws the bar chart into ``chart`` unless the file already holds this drawing."""
    stamp = f"<!-- drawn from {_chart_key(bars, bar_texts)} -->\n".encode()
    if not (chart.is_file() and chart.read_bytes().endswith(stamp)):
        chart.write_bytes(_chart_svg(bars, bar_texts) + stamp)


def _caption(
    label: str, bars: list[tuple[str, _Observation]], missing: list[str], one_year: bool, wording: _Wording
) -> list[str]:
    """The chart's caption: the year(s) shown, the hatching, the countries without data."""
    caption = [
        wording["caption_one_year"].format(label=label, year=bars[0][1].year)
        if one_year
        else wording["caption_latest_year"].format(label=label)
    ]
    if any(seen.illustrative for _, seen in bars):
        caption.append(wording["hatched"])
    if missing:
        caption.append(wording["no_data_list"].format(names=", ".join(missing)))
    return caption


def _alt_text(
    label: str,
    bars: list[tuple[str, _Observation]],
    missing: list[str],
    indicator: registry.Indicator,
    wording: _Wording,
) -> str:
    """The chart told in words, every bar with its value and year, for readers who cannot see it."""
    described = [
        f"{name} {_format_value(seen.value, indicator.unit, wording)} ({seen.year}"
        + (f", {wording['illustrative']})" if seen.illustrative else ")")
        for name, seen in bars
    ]
    alt = wording["alt"].format(label=label, label_in_sentence=_in_sentence(label), bars=", ".join(described))
    return alt + (f"; {wording['alt_no_data'].format(names=', '.join(missing))}." if missing else ".")


def _table(
    label: str,
    rows: list[tuple[CountryIndicators, list[_Observation]]],
    indicator: registry.Indicator,
    wording: _Wording,
) -> list[str]:
    """Every country's values of the indicator as a list table, latest year first."""
    lines = [
        f":::{{list-table}} {escape(label)}",
        ":header-rows: 1",
        f":widths: {_TABLE_WIDTHS}",
        "",
    ]
    lines += _table_row([wording[f"header_{column}"] for column in ("country", "value", "year", "source")])
    for country, observations in rows:
        link = _country_link(country)
        if not observations:
            lines += _table_row((link, wording["no_data"], _DASH, _DASH))
        for seen in observations:
            lines += _table_row(
                (link, _value_text(seen, indicator, wording), str(seen.year), escape(seen.source) or _DASH)
            )
    return [*lines, ":::", ""]


def _observations(country: CountryIndicators, indicator: registry.Indicator) -> list[_Observation]:
    """The country's usable values of the indicator, latest year first, the first one given for each year.

    Values that are not numbers, years that are not integers and other units are left out: the validator
    reports them, and the annex must not show them as figures.
    """
    by_year: dict[int, _Observation] = {}
    for item in country.indicators:
        if not isinstance(item, dict) or item.get("id") != indicator.id:
            continue
        value, year, source = item.get("value"), item.get("year"), item.get("source")
        if not _is_number(value) or not isinstance(year, int) or isinstance(year, bool):
            continue
        if item.get("unit", indicator.unit) != indicator.unit:
            continue
        text = source if isinstance(source, str) else ""
        by_year.setdefault(year, _Observation(value, year, text, item.get("illustrative") is True))
    return [by_year[year] for year in sorted(by_year, reverse=True)]


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _format_value(value: int | float, unit: str, wording: _Wording) -> str:
    """``36.5%``, ``12,345``, ``1.8 pp`` in English; ``36,5 %``, ``12 345``, ``1,8 п. п.`` in Russian."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    number = f"{value:,}" if isinstance(value, int) else format(Decimal(repr(value)), ",f")
    number = cldr.with_number_marks(number, wording.language).replace("-", "\u2212")
    if unit == "%":
        return wording["percent"].format(number)
    if unit == "percentage points":
        return wording["points"].format(number)
    return number


def _in_sentence(label: str) -> str:
    """The label as it reads inside a sentence: ``Interest rate spread`` -> ``interest rate spread``, ``SME``
    unchanged."""
    return label[0].lower() + label[1:] if label[1:2].islower() else label


def _country_link(country: CountryIndicators) -> str:
    """The country's name, linked to its chapter when name and label can be written in a ``{ref}`` role."""
    name = _name(country)
    if _SAFE_LABEL.match(country.chapter_label) and not any(c in name for c in "`<>\\"):
        return f"{{ref}}`{name} <{country.chapter_label}>`"
    return escape(name)


def _name(country: CountryIndicators) -> str:
    """The country's name on one line; its code if the name is empty."""
    return _LINE_BREAKS.sub(" ", country.name).strip() or country.country


def _table_row(cells: Sequence[str]) -> list[str]:
    first, *others = cells
    return [f"* - {first}", *(f"  - {cell}" for cell in others)]


def _chart_key(bars: Sequence[tuple[str, _Observation]], texts: Sequence[str]) -> str:
    """What a chart is drawn from: its data, this module and matplotlib's version (drawing takes a second)."""
    from importlib.metadata import version

    digest = hashlib.sha256(repr((list(bars), list(texts), version("matplotlib"))).encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def _chart_svg(bars: Sequence[tuple[str, _Observation]], texts: Sequence[str]) -> bytes:
    """A horizontal bar chart, largest value on top; illustrative values hatched. Deterministic SVG bytes."""
    import matplotlib.style
    from matplotlib.figure import Figure

    values = [seen.value for _, seen in bars]
    positions = range(len(bars))
    with matplotlib.style.context(["default", _CHART_STYLE]):
        height = _CHART_BASE_CM + _CHART_BAR_CM * len(bars)
        figure = Figure(figsize=(_CHART_WIDTH_CM * _CM, height * _CM), layout="constrained")
        axes = figure.add_subplot()
        container = axes.barh(positions, values, height=0.6, color=_BAR_COLOUR, edgecolor=_BAR_COLOUR, linewidth=0.8)
        for patch, (_, seen) in zip(container.patches, bars, strict=True):
            if seen.illustrative:
                patch.set_facecolor("white")
                patch.set_hatch("////")
        labels = axes.bar_label(container, labels=list(texts), padding=_LABEL_PADDING_PT)
        axes.set_yticks(positions, [name for name, _ in bars])
        axes.invert_yaxis()
        axes.axvline(0, color="#333333", linewidth=0.8)
        axes.xaxis.set_visible(False)
        axes.tick_params(axis="y", length=0)
        for spine in axes.spines.values():
            spine.set_visible(False)
        _fit_value_axis(figure, axes, labels, values)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata=_SVG_METADATA)
    return _SVG_DOCTYPE.sub(b"", buffer.getvalue(), count=1)


def _fit_value_axis(figure: Figure, axes: Axes, labels: Sequence[Text], values: Sequence[float]) -> None:
    """Set the value axis from zero (or the lowest value) so that each bar's label fits beyond the bar's end.

    A label takes a fixed share ``f`` of the axes' width, so a positive bar needs ``high >= value + f * span``
    and a negative one ``low <= value - f * span``; ``span`` grows until both hold.
    """
    figure.draw_without_rendering()
    width = axes.get_window_extent().width
    pad = _LABEL_PADDING_PT * figure.dpi / 72
    shares = [(label.get_window_extent().width + pad) / width + _LABEL_MARGIN for label in labels]
    low, high = min(0, *values), max(0, *values)
    span = float(high - low) or 1.0
    for _ in range(50):
        high = max([0.0, *(v + f * span for v, f in zip(values, shares, strict=True) if v >= 0)])
        low = min([0.0, *(v - f * span for v, f in zip(values, shares, strict=True) if v < 0)])
        if high - low <= span:
            break
        span = high - low
    axes.set_xlim(low, low + span)
