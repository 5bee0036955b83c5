"""Running the app: health and metrics endpoints, backups (manifest, restore across engines), private
file permissions under var/, and the demo data.

May import: `screening.models`, `screening.results` (bulk writes for demo data), `screening.visits.services`.
"""
