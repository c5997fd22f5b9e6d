"""Labels of the recommendation box, in the paper's own language where a catalogue has them.

Context "recommendation".
"""

from __future__ import annotations

from .. import i18n

RECOMMENDATION_LABELS: dict[str, str] = {
    "recommendation": "Recommendation",
    "addressee": "Addressee",
    "level": "Level",
    "timeframe": "Timeframe",
    "priority": "Priority",
    "sdg": "SDG 5 targets",
    "cedaw": "CEDAW article",
    "partners": "Partners",
    "actions": "Actions",
    "indicator": "Indicator",
    "baseline": "Baseline",
    "target": "Target",
    "source": "Source",
    "rationale": "Rationale",
    "by": "by {year}",
}
"""Labels of the recommendation box in English; in the paper's own language where a catalogue has them."""


CONTEXT = i18n.context(
    "recommendation",
    RECOMMENDATION_LABELS,
    "the recommendation box, in the paper's own language (core/labels/recommendation.py)",
)


def recommendation_label(language: str, key: str) -> tuple[str, str]:
    """A recommendation-box label and the language it is in (``en`` when ``language`` has no translation)."""
    return i18n.translate(language, "recommendation", key, RECOMMENDATION_LABELS[key])
