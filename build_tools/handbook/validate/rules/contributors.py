"""Rules on the contributor registry, contrib/contributors.yml."""

from __future__ import annotations

from ...core.model import Severity
from .rulebook import rule

REGISTRY = rule(
    "contributors-registry",
    Severity.ERROR,
    "contrib/contributors.yml exists, is a mapping, and names member states only.",
    "contributors",
)
