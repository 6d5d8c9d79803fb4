from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdministrationConfig(AppConfig):
    """The province administrator's pages: catalogue, calendar overrides, agencies, staff."""

    name = "cchc.administration"
    verbose_name = _("Quản trị hệ thống")
