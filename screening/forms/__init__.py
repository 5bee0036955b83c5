from screening.forms.patient import PatientForm, PatientSearchForm
from screening.forms.visit import VisitForm

__all__ = ["PatientForm", "PatientSearchForm", "VisitForm"]
