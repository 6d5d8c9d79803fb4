from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "cchc.stats"
    label = "stats"
    verbose_name = "Thống kê, chỉ số phục vụ"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the dossier signals)
