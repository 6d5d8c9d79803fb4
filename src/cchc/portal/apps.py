from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The citizens' and businesses' pages: find a procedure, apply, follow, rate."""

    name = "cchc.portal"
    verbose_name = _("Cổng dịch vụ công")
