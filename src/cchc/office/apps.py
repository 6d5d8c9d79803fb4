from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    """The officers' back office: counter intake, work queues, the dossier page, the register."""

    name = "cchc.office"
    verbose_name = _("Một cửa điện tử")
