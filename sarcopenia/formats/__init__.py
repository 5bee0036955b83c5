"""Date formats: ISO 8601 (2026-12-07) in both languages, on pages, in the admin and in reports."""
