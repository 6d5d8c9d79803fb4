"""Administrative units with validity dates, agencies, and staff roles (DOMAIN.md §1)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import SERVICE_CENTRE_KINDS, AgencyKind, StaffRole, UnitLevel


class AdministrativeUnitQuerySet(models.QuerySet["AdministrativeUnit"]):
    def valid_on(self, day: datetime.date) -> AdministrativeUnitQuerySet:
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class AdministrativeUnit(models.Model):
    """Đơn vị hành chính. A national code may be reused by a successor unit, so the key is
    (code, valid_from): the pre-2025 commune 02269 and the merged commune 02269 are two rows."""

    code = models.CharField(_("mã đơn vị hành chính"), max_length=10, db_index=True)
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(
        _("loại"), max_length=30, help_text=_("tỉnh, huyện, thành phố, xã, phường…")
    )
    level = models.CharField(_("cấp"), max_length=10, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    source = models.CharField(_("căn cứ"), max_length=300, blank=True)

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="unit_code_valid_from")
        ]
        ordering = ["level", "code"]

    def __str__(self) -> str:
        return f"{self.kind.capitalize()} {self.name} ({self.code})"

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class UnitSuccession(models.Model):
    """What a unit was merged into, and when; `partial` when only part of it went there."""

    predecessor = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.CASCADE,
        related_name="successions",
        verbose_name=_("đơn vị cũ"),
    )
    successor = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.CASCADE,
        related_name="formed_from",
        verbose_name=_("đơn vị mới"),
    )
    effective_on = models.DateField(_("ngày sắp xếp"))
    partial = models.BooleanField(_("một phần"), default=False)
    legal_basis = models.CharField(_("căn cứ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("sắp xếp đơn vị hành chính")
        verbose_name_plural = _("sắp xếp đơn vị hành chính")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unit_succession_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_id} → {self.successor_id}"


class Agency(models.Model):
    """Cơ quan, đơn vị: a department, a service centre or a People's Committee."""

    code = models.CharField(
        _("mã đơn vị trên Cổng DVC quốc gia"),
        max_length=40,
        unique=True,
        help_text=_("Mã định danh dùng trong mã hồ sơ, ví dụ H60.22."),
    )
    name = models.CharField(_("tên cơ quan"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    kind = models.CharField(_("loại cơ quan"), max_length=30, choices=AgencyKind.choices)
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("địa bàn phục vụ"),
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan chủ quản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)
    # The row's version: per-process memos of agencies key on it (decision 0009).
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_service_centre(self) -> bool:
        return self.kind in SERVICE_CENTRE_KINDS


class StaffAssignment(models.Model):
    """A role a person holds in an agency. Province-wide roles may have no agency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("cán bộ"),
    )
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="staff",
        verbose_name=_("cơ quan"),
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=StaffRole.choices)

    class Meta:
        verbose_name = _("phân công cán bộ")
        verbose_name_plural = _("phân công cán bộ")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="staff_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.agency or '*'}"
