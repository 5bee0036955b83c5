"""Cohort review URLs, included under /staff/cohort/ by sarcopenia/urls.py."""

from django.urls import path

from screening.cohort import views

app_name = "cohort"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("worklists/<slug:kind>/", views.worklist, name="worklist"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
]
