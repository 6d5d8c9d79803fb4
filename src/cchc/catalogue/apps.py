from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "cchc.catalogue"
    label = "catalogue"
    verbose_name = "Thủ tục hành chính"

    def ready(self) -> None:
        from . import signals  # noqa: F401
