from django.urls import path

from screening import views

app_name = "screening"

urlpatterns = [
    path("", views.patient_list, name="patient_list"),
    path("patients/new/", views.patient_create, name="patient_create"),
    path("patients/<uuid:pk>/", views.patient_detail, name="patient_detail"),
    path("patients/<uuid:pk>/edit/", views.patient_edit, name="patient_edit"),
    path("patients/<uuid:patient_pk>/visits/new/", views.visit_create, name="visit_create"),
    path("visits/<uuid:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<uuid:pk>/edit/", views.visit_edit, name="visit_edit"),
]
