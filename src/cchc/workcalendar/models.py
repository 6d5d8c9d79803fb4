"""Province-editable calendar overrides, layered over the ``holidays`` package (DOMAIN.md §3)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import OverrideKind


class CalendarOverride(models.Model):
    """Ngày điều chỉnh lịch làm việc: a day off or a working day decided by the authorities.

    Takes precedence over the ``holidays`` package for its date: a day off the package does
    not know yet, or a make-up working day (e.g. a Saturday worked to bridge a holiday).
    """

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=OverrideKind.choices)
    reason = models.CharField(
        _("lý do"),
        max_length=255,
        help_text=_("Căn cứ, ví dụ: Thông báo số …/TB-UBND về lịch nghỉ lễ."),
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("thời điểm cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("Ngày điều chỉnh lịch làm việc")
        verbose_name_plural = _("Ngày điều chỉnh lịch làm việc")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}: {self.reason}"
