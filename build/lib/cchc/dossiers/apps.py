from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "cchc.dossiers"
    label = "dossiers"
    verbose_name = "Hồ sơ"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects domain-event subscribers)
