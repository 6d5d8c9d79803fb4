"""Accounts of citizens, organisations and staff (one user model; staff roles live in org)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantKind(models.IntegerChoices):
    """LoaiDoiTuong of the national sync format (DOMAIN.md §5)."""

    CITIZEN = 1, _("Công dân")
    ORGANISATION = 2, _("Tổ chức, doanh nghiệp")


class User(AbstractUser):
    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    national_id = models.CharField(
        _("số định danh cá nhân (CCCD)"),
        max_length=12,
        blank=True,
        db_index=True,
        help_text=_("12 chữ số. Dữ liệu cá nhân: chỉ người có thẩm quyền được xem."),
    )
    tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True, db_index=True)
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    applicant_kind = models.PositiveSmallIntegerField(
        _("loại đối tượng"), choices=ApplicantKind.choices, default=ApplicantKind.CITIZEN
    )
    vneid_verified = models.BooleanField(_("đã xác thực VNeID"), default=False)
    # Moved by every change of the user's staff assignments (`cchc.org.signals`): the version
    # of their roles, so each process may keep them without asking again (decision 0009).
    roles_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            # One account per identity: sign-in by CCCD or tax code must find one person.
            models.UniqueConstraint(
                fields=["national_id"],
                condition=~models.Q(national_id=""),
                name="unique_national_id",
            ),
            models.UniqueConstraint(
                fields=["tax_code"], condition=~models.Q(tax_code=""), name="unique_tax_code"
            ),
        ]

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class OneTimeCode(models.Model):
    """A short numeric code sent by SMS/e-mail to reset a password (stored hashed, single use)."""

    class Purpose(models.TextChoices):
        PASSWORD_RESET = "password_reset", _("Đặt lại mật khẩu")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="one_time_codes")
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "purpose", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.purpose} {self.created_at:%Y-%m-%d %H:%M}"
