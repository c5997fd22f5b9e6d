"""The source date: when the sources were last changed, which dates the EPUB and the PDF (reproducible builds)."""

from __future__ import annotations

import calendar
import time
from collections.abc import Mapping

VARIABLE = "SOURCE_DATE_EPOCH"
"""The environment variable of https://reproducible-builds.org/specs/source-date-epoch/."""


class SourceDateError(ValueError):
    """SOURCE_DATE_EPOCH is set to something that is not a time."""


def from_environment(environ: Mapping[str, str]) -> int | None:
    """SOURCE_DATE_EPOCH from ``environ``: seconds since 1970, or None when it is not set."""
    value = environ.get(VARIABLE, "")
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise SourceDateError(f"{VARIABLE} must be a number of seconds since 1970, not {value!r}") from None


def from_iso_date(date: str) -> int:
    """Midnight UTC of a ``YYYY-MM-DD`` date, in seconds since 1970."""
    return calendar.timegm(time.strptime(date, "%Y-%m-%d"))
