"""Per-visit take-home reports: context (plain data) -> HTML -> PDF, with a content fingerprint.

context.py builds the data, html.py renders templates/report/visit_report.html, pdf.py runs WeasyPrint
with a fetcher that reads only static files; service.py ties them to the PDF cache (cache.py),
batch.py streams many reports as one ZIP, verify.py answers "which visit does this fingerprint belong
to, and does it still match?". Import from the submodules: this package imports nothing itself, so
reading the context or the wording does not load WeasyPrint.
"""
