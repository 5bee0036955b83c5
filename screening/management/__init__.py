"""Command-line jobs (manage.py ...): import, export, rescreen, reports, backups, demo data; each a thin
wrapper over the service of its job package."""
