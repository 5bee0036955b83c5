"""Interoperability: labelled SPSS/Stata exports, FHIR R4 bundles in and out.

Holds the per-column codes and UCUM units (`codes`), the statistical writers (`stats`) and the FHIR
builders. May import the data dictionary, the exporter, models, stored results, services and
validation, the engine's registry, and the report service (PDFs and the print log); nothing outside this package imports it except views,
management commands and URLs.
"""
