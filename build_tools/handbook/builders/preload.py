"""Imported by the fork server before it forks any worker (see :data:`handbook.builders.workers.PRELOAD`): the
work every worker would otherwise do again, done once while the build validates its chapters.

Today that is the code points the configured fonts cover, which the Typst translator checks every
character against: 1.7 s of reading font tables, in every new worker before.
"""

from __future__ import annotations

import contextlib

from ..core import fonts

with contextlib.suppress(fonts.FontsMissing):  # said, with what to install, by the build that needs them
    fonts.coverage()
