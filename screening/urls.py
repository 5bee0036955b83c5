from django.urls import path

from screening.batch import views as staff_views
from screening.interop import views as interop_views
from screening.reports import views as report_views
from screening.visits import views, void_views

app_name = "screening"

urlpatterns = [
    path("", views.patient_list, name="patient_list"),
    path("patients/new/", views.patient_create, name="patient_create"),
    path("patients/<uuid:pk>/", views.patient_detail, name="patient_detail"),
    path("patients/<uuid:pk>/edit/", views.patient_edit, name="patient_edit"),
    path("patients/<uuid:patient_pk>/visits/new/", views.visit_create, name="visit_create"),
    path("visits/<uuid:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<uuid:pk>/edit/", views.visit_edit, name="visit_edit"),
    path("visits/<uuid:pk>/confirm/", views.visit_confirm, name="visit_confirm"),
    path("visits/<uuid:pk>/void/", void_views.void, name="visit_void"),
    path("visits/<uuid:pk>/restore/", void_views.restore, name="visit_restore"),
    path("patients/<uuid:patient_pk>/visits/preview/", views.visit_preview, name="visit_preview"),
    path("visits/<uuid:pk>/report.pdf", report_views.report_pdf, name="report_pdf"),
    path("visits/<uuid:pk>/fhir.json", interop_views.visit_fhir, name="visit_fhir"),
    path("patients/<uuid:pk>/fhir.json", interop_views.patient_fhir, name="patient_fhir"),
    path("visits/<uuid:pk>/take-home.pdf", report_views.take_home_pdf, name="take_home_pdf"),
    path("reports/verify/", report_views.report_verify, name="report_verify"),
    path("staff/reports.zip", report_views.reports_zip, name="reports_zip"),
    path("mechanisms/", views.mechanisms_background, name="mechanisms_background"),
    path("staff/import/", staff_views.import_visits, name="import_visits"),
    path("staff/import/mapping/", staff_views.import_mapping, name="import_mapping"),
    path("staff/import/confirm/", staff_views.import_confirm, name="import_confirm"),
    path("staff/import/fhir/", interop_views.import_fhir, name="import_fhir"),
    path("staff/export.csv", staff_views.export_visits, name="export_visits"),
]
