"""The validator's rules, one module per family; importing this package declares them all.

The rule table lists the families in the order they are imported here, each rule in the order its
module declares it.
"""

# isort: off
from . import source  # noqa: F401 - each module declares its rules and checks as it is imported
from . import schema  # noqa: F401
from . import metadata  # noqa: F401
from . import structure  # noqa: F401
from . import markup  # noqa: F401
from . import media  # noqa: F401
from . import collection  # noqa: F401
from . import recommendations  # noqa: F401
from . import publication  # noqa: F401
from . import contributors  # noqa: F401

# isort: on
from .rulebook import CHAPTER_CHECKS, PROJECT_CHECKS, RULES, Rule, problem_finding

__all__ = ["CHAPTER_CHECKS", "PROJECT_CHECKS", "RULES", "Rule", "problem_finding"]
