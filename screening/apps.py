from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "screening"
    verbose_name = _("Sarcopenia screening")

    def ready(self) -> None:
        from screening import access_log  # noqa: F401  (connects the login signals)
