"""Sarcopenia criteria sets: one module per set, a shared base, the registry, case finding, comparison."""

from screening.clinical.criteria.registry import CRITERIA_SETS, evaluate, evaluate_all, ordered_codes, primary_set

__all__ = ["CRITERIA_SETS", "evaluate", "evaluate_all", "ordered_codes", "primary_set"]
