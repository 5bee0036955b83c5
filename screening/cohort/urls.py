"""Cohort review URLs, included under /staff/cohort/ by sarcopenia/urls.py."""

from django.urls import path

from screening.cohort import views
from screening.interop import views as interop_views

app_name = "cohort"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("worklists/<slug:kind>/", views.worklist, name="worklist"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("export.<slug:fmt>", interop_views.export_statistical, name="export_statistical"),
    path("fhir-bundle.json", interop_views.cohort_fhir, name="export_fhir"),
    path("codebook.html", interop_views.codebook, name="codebook"),
]
