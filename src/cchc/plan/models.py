"""The reform plan as data: a plan, its areas and its numeric targets (issue 'The plan as data').

Plans are loaded from versioned YAML files in `plans/` (`manage.py load_plan`); several plans
(another province, a revised plan) can live side by side.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import (
    Comparator,
    Frequency,
    MeasurementKind,
    ReportAction,
    ReportStatus,
    ScopeLevel,
)


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


def _evidence_path(instance: ReportEvidence, filename: str) -> str:
    report = instance.version.report
    return f"plan/{report.target.plan_id}/{report.target_id}/{report.period_key}/{filename}"


class Report(models.Model):
    """Báo cáo kết quả thực hiện chỉ tiêu: one reported target, one period, one scope.

    The figures live in its versions; a correction adds a version and never overwrites one.
    This row is what a new version locks (`select_for_update`)."""

    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="reports", verbose_name=_("chỉ tiêu")
    )
    period_key = models.CharField(_("kỳ báo cáo"), max_length=30)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    scope = models.CharField(_("phạm vi"), max_length=40, default="province")
    agency = models.ForeignKey(
        "org.Agency",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_reports",
        verbose_name=_("cơ quan báo cáo"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("báo cáo chỉ tiêu")
        verbose_name_plural = _("báo cáo chỉ tiêu")
        ordering = ["target", "-period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "period_key", "scope"], name="plan_report_target_period_scope"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target.key} {self.period_key} {self.scope}"


class ReportVersion(models.Model):
    """One submitted figure of a report, with its review and approval; never edited after the
    flow has moved on — the latest approved version is the one that counts."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="versions", verbose_name=_("báo cáo")
    )
    number = models.PositiveSmallIntegerField(_("lần báo cáo"))
    value = models.DecimalField(_("giá trị"), max_digits=12, decimal_places=3)
    note = models.TextField(_("giải trình"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ReportStatus.choices, db_index=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    submitted_at = models.DateTimeField(_("gửi lúc"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người thẩm định"),
    )
    reviewed_at = models.DateTimeField(_("thẩm định lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người phê duyệt"),
    )
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến thẩm định, phê duyệt"), blank=True)

    class Meta:
        verbose_name = _("lần báo cáo")
        verbose_name_plural = _("các lần báo cáo")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="plan_report_version")
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


class ReportEvidence(models.Model):
    """Minh chứng: a file attached to a version, checked by size and content like dossier
    documents, stored with its SHA-256."""

    version = models.ForeignKey(
        ReportVersion,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("lần báo cáo"),
    )
    file = models.FileField(_("tệp"), upload_to=_evidence_path, max_length=500)
    name = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["version", "id"]

    def __str__(self) -> str:
        return self.name


class ReportEvent(models.Model):
    """The report's history: who did what to which version, when, and why."""

    version = models.ForeignKey(
        ReportVersion,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("lần báo cáo"),
    )
    action = models.CharField(_("thao tác"), max_length=14, choices=ReportAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    actor_name = models.CharField(_("tên người thực hiện"), max_length=200, blank=True)
    at = models.DateTimeField(_("lúc"))
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("lịch sử báo cáo")
        verbose_name_plural = _("lịch sử báo cáo")
        ordering = ["version", "at", "id"]

    def __str__(self) -> str:
        return f"{self.version} {self.action}"
