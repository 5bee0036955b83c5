"""Patient and visit entry and pages: the views, the visit and patient forms, the writes (versioned
saves, warning confirmation), and the presenters that turn stored results into rows for templates.

May import: `screening.catalogue`, `screening.results`, `screening.clinical`, `screening.models`.
"""
