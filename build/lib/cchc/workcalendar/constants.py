"""Choices of the working-calendar app (DOMAIN.md §3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import calendar


class OverrideKind(models.TextChoices):
    """What a province's calendar override makes of a date."""

    DAY_OFF = calendar.KIND_DAY_OFF, _("Ngày nghỉ")
    WORKING_DAY = calendar.KIND_WORKING_DAY, _("Ngày làm việc")


class DurationUnit(models.TextChoices):
    """Units in which a procedure states its processing time (DOMAIN.md §3)."""

    WORKING_DAYS = calendar.WORKING_DAYS, _("Ngày làm việc")
    WORKING_HOURS = calendar.WORKING_HOURS, _("Giờ làm việc")
    CALENDAR_DAYS = calendar.CALENDAR_DAYS, _("Ngày (theo lịch)")


class Timeliness(models.TextChoices):
    """Result of comparing an end time with its due time (DOMAIN.md §2, last rule)."""

    EARLY = calendar.EARLY, _("Trước hạn")
    ON_TIME = calendar.ON_TIME, _("Đúng hạn")
    LATE = calendar.LATE, _("Quá hạn")
