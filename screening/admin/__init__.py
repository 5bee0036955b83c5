"""The Django admin: registrations for sites, patients, visits, cohorts, import profiles, the access log
and API tokens, with their list filters, paging and actions.

Importing this package registers everything (Django's admin autodiscovery imports `screening.admin.registrations`).
May import any job package's services and selectors; nothing imports the admin.
"""

from screening.admin import api_tokens, registrations  # noqa: F401  (registers the model admins)
