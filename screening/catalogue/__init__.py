"""What a visit measures: every field described once, its units, its validation (shared by the form and
the import), the data dictionary's columns, and the adapter from stored rows to the engine's inputs.

May import: `screening.clinical` and `screening.models`; no views, no other job package.
"""
