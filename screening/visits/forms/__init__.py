"""The patient and visit forms: parsing and validation only (the layout is in visit_layout)."""

from screening.visits.forms.patient import PatientForm, PatientSearchForm
from screening.visits.forms.visit import VisitForm

__all__ = ["PatientForm", "PatientSearchForm", "VisitForm"]
