"""URL wiring only: the screening app, accounts, language switching and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from screening.accounts import views as account_views
from screening.ops import views as ops_views

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", account_views.set_language, name="set_language"),
    path("health/", ops_views.health, name="health"),
    path("metrics", ops_views.metrics, name="metrics"),
    path("admin/", admin.site.urls),
    path("fhir/", include("screening.interop.api")),
    path("staff/cohort/", include("screening.cohort.urls")),
    path("", include("screening.urls")),
]
