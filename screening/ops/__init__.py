"""Running the app: health and metrics endpoints, backups (manifest, restore across engines), private
file permissions under var/, the demo data, and the warm-up of a server process.

May import: `screening.models`, `screening.results` (bulk writes for demo data), `screening.visits.services`;
`screening.visits.forms` and `screening.reports.pdf` (the warm-up renders a form and loads the report fonts).
"""
