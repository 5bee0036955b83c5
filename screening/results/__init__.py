"""Storing and reading engine results: the compact codec, the exact-JSON model field, the visit's result
columns, and bulk writes (COPY on PostgreSQL) used by imports, rescreens and demo data.

May import: `screening.clinical`, `screening.catalogue`, `screening.models`; no views.
"""
