"""Many visits at once: CSV/XLSX import (device mapping profiles, staging, preview), the import and
rescreen pipelines, and the CSV export of the data dictionary.

May import: `screening.catalogue`, `screening.results`, `screening.visits.services`, `screening.models`.
"""
