from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "screening"
    verbose_name = _("Sarcopenia screening")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from screening.accounts import access_log  # noqa: F401  (connects the login signals)

        connection_created.connect(_private_sqlite, dispatch_uid="screening-private-sqlite")


def _private_sqlite(sender, connection, **kwargs) -> None:
    """The SQLite database file is readable by the app's user only (see screening.ops.private_files)."""
    if connection.vendor == "sqlite":
        from screening.ops.private_files import tighten_sqlite

        name = str(connection.settings_dict.get("NAME") or "")
        if name and not name.startswith(":memory:") and "mode=memory" not in name:
            tighten_sqlite(name)
