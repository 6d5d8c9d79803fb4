from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkCalendarConfig(AppConfig):
    name = "cchc.workcalendar"
    label = "workcalendar"
    verbose_name = _("Lịch làm việc")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the cache invalidation)
