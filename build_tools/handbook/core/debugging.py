"""Whether the user asked to see tracebacks: ``HANDBOOK_DEBUG=1``."""

from __future__ import annotations

import os


def debugging() -> bool:
    """True when HANDBOOK_DEBUG is set: internal errors then show their original traceback."""
    return os.environ.get("HANDBOOK_DEBUG", "") not in ("", "0")
