"""The clinical engine: plain Python, no Django, so it can be read, tested and reused alone.

`RULE_SET_VERSION` names the cut-offs and decision orders in force (DECISIONS.md); every stored result
carries it. Change it with any change to a decision. It is defined before the imports below because the
criteria modules read it while this package is still initialising.
"""

RULE_SET_VERSION = "2026.3"

from screening.clinical.criteria.registry import CRITERIA_SETS, evaluate_all  # noqa: E402
from screening.clinical.measurements import Measurements  # noqa: E402

__all__ = ["CRITERIA_SETS", "RULE_SET_VERSION", "Measurements", "evaluate_all"]
