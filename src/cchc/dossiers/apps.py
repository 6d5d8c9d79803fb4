from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "cchc.dossiers"
    label = "dossiers"
    verbose_name = "Hồ sơ"
