from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "cchc.api"
    label = "api"

    def ready(self) -> None:
        from . import signals  # noqa: F401
