"""The reform plan as data: a plan, its areas and its numeric targets (issue 'The plan as data').

Plans are loaded from versioned YAML files in `plans/` (`manage.py load_plan`); several plans
(another province, a revised plan) can live side by side.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Comparator, Frequency, MeasurementKind, ScopeLevel


class Plan(models.Model):
    code = models.SlugField(_("mã kế hoạch"), max_length=80)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    name = models.CharField(_("tên kế hoạch"), max_length=300)
    province = models.CharField(_("mã tỉnh"), max_length=10)
    source = models.CharField(_("nguồn"), max_length=300, blank=True)
    loaded_at = models.DateTimeField(_("nạp lúc"), auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="plan_code_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class PlanArea(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    name = models.CharField(_("tên lĩnh vực"), max_length=200)

    class Meta:
        verbose_name = _("lĩnh vực của kế hoạch")
        verbose_name_plural = _("lĩnh vực của kế hoạch")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_area_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Target(models.Model):
    """One numeric target, with the sentence of the plan it comes from and how it is measured."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    area = models.ForeignKey(PlanArea, on_delete=models.PROTECT, related_name="targets")
    key = models.CharField(_("mã chỉ tiêu"), max_length=120)
    text = models.TextField(_("nội dung trong kế hoạch"))
    metric = models.CharField(_("chỉ số đo"), max_length=300)
    comparator = models.CharField(_("so sánh"), max_length=6, choices=Comparator.choices)
    value = models.DecimalField(_("giá trị"), max_digits=12, decimal_places=3)
    value_max = models.DecimalField(
        _("giá trị tối đa"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    unit = models.CharField(_("đơn vị"), max_length=20)
    year = models.PositiveSmallIntegerField(_("năm mục tiêu"))
    scope_level = models.CharField(_("cấp áp dụng"), max_length=10, choices=ScopeLevel.choices)
    sectors = models.JSONField(_("nhóm ngành"), default=list, blank=True)
    baseline = models.JSONField(_("mốc so sánh"), null=True, blank=True)
    measurement = models.CharField(_("cách đo"), max_length=10, choices=MeasurementKind.choices)
    formula = models.CharField(_("công thức"), max_length=80, blank=True)
    index_766 = models.CharField(_("chỉ số QĐ 766"), max_length=10, blank=True)
    reporting_agency = models.CharField(_("cơ quan báo cáo"), max_length=200, blank=True)
    frequency = models.CharField(
        _("tần suất báo cáo"), max_length=12, choices=Frequency.choices, blank=True
    )
    evidence = models.TextField(_("minh chứng"), blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "area__number", "year", "key"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="plan_target_key")]

    def __str__(self) -> str:
        return self.key
