"""Forms of the agency and staff pages."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.accounts.models import User
from cchc.org.constants import PROVINCE_WIDE_ROLES, AgencyKind, StaffRole
from cchc.org.models import AdministrativeUnit, Agency, StaffAssignment

from .forms import StyledFormMixin

AGENCY_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,}$")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: models.Model) -> str:
        assert isinstance(obj, AdministrativeUnit)
        label = str(obj)
        if obj.valid_to and obj.valid_to < timezone.localdate():
            label += " — " + str(_("hết hiệu lực %(day)s") % {"day": f"{obj.valid_to:%d/%m/%Y}"})
        return label


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: models.Model) -> str:
        assert isinstance(obj, Agency)
        return f"{obj.code} — {obj.name}"


def descendants(agency: Agency) -> set[int]:
    """Ids of the agencies under ``agency``, at any depth (one query per level)."""
    found: set[int] = set()
    frontier = {agency.pk}
    while frontier:
        frontier = (
            set(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        )
        found |= frontier
    return found


class AgencyForm(StyledFormMixin, forms.ModelForm):
    unit = UnitChoiceField(
        label=_("Địa bàn phục vụ"),
        queryset=AdministrativeUnit.objects.order_by("level", "name", "-valid_from"),
        empty_label=_("— Chọn đơn vị hành chính —"),
    )
    parent = AgencyChoiceField(
        label=_("Cơ quan chủ quản"),
        queryset=Agency.objects.order_by("code"),
        required=False,
        empty_label=_("— Không có —"),
    )

    class Meta:
        model = Agency
        fields = ["code", "name", "short_name", "kind", "unit", "parent", "is_active"]
        help_texts = {
            "code": _(
                "Mã định danh trên Cổng DVC quốc gia, dùng trong mã hồ sơ (ví dụ H60.22). Đổi "
                "mã không đổi mã của các hồ sơ đã tiếp nhận."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [("", _("— Chọn loại cơ quan —")), *AgencyKind.choices]
        if self.instance.pk:
            excluded = descendants(self.instance) | {self.instance.pk}
            parent = self.fields["parent"]
            assert isinstance(parent, forms.ModelChoiceField)
            parent.queryset = Agency.objects.exclude(pk__in=excluded).order_by("code")

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not AGENCY_CODE.match(code):
            raise ValidationError(
                _("Mã chỉ gồm chữ cái không dấu, chữ số và các dấu . _ - (ví dụ H60.22).")
            )
        clash = Agency.objects.filter(code__iexact=code).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("Đã có cơ quan mang mã này."))
        return code

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        unit = data.get("unit")
        unit_changed = "unit" in self.changed_data or self.instance.pk is None
        if (
            unit is not None
            and data.get("is_active")
            and unit_changed
            and unit.valid_to
            and unit.valid_to < timezone.localdate()
        ):
            self.add_error(
                "unit",
                _(
                    "Đơn vị hành chính này đã hết hiệu lực; chọn đơn vị hiện hành hoặc bỏ "
                    "đánh dấu “đang hoạt động”."
                ),
            )
        return data


# --- staff ------------------------------------------------------------------------------------


class AssignmentForm(StyledFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=[("", _("— Chọn vai trò —"))])
    agency = AgencyChoiceField(
        label=_("Cơ quan"),
        queryset=Agency.objects.filter(is_active=True).order_by("code"),
        required=False,
        empty_label=_("— Toàn tỉnh (không gắn cơ quan) —"),
        help_text=_(
            "Bắt buộc, trừ vai trò quản trị cấp tỉnh và lãnh đạo theo dõi (phạm vi toàn tỉnh)."
        ),
    )

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = [("", _("— Chọn vai trò —")), *StaffRole.choices]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        role, agency = data.get("role"), data.get("agency")
        if role and agency is None and role not in PROVINCE_WIDE_ROLES:
            self.add_error("agency", _("Vai trò này phải gắn với một cơ quan."))
        elif (
            role
            and self.user is not None
            and self.user.pk is not None
            # NULL agencies are distinct to the database's unique constraint: check here.
            and StaffAssignment.objects.filter(user=self.user, role=role, agency=agency).exists()
        ):
            raise ValidationError(_("Cán bộ đã có vai trò này tại cơ quan này."))
        return data


class PasswordFieldsMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 8 ký tự, không chỉ gồm chữ số. Báo cho cán bộ qua kênh an toàn."),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def check_passwords(self, user: User) -> None:
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Hai mật khẩu không khớp."))
        elif first:
            try:
                password_validation.validate_password(first, user)
            except ValidationError as exc:
                self.add_error("password1", exc)


class StaffCreateForm(PasswordFieldsMixin, AssignmentForm):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        help_text=_(
            "Chữ thường không dấu, chữ số, dấu . _ - ; ít nhất 3 ký tự (ví dụ nguyen.lan)."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=15,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    field_order = [
        "username",
        "full_name",
        "email",
        "phone",
        "role",
        "agency",
        "password1",
        "password2",
    ]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip().lower()
        if not USERNAME.match(username):
            raise ValidationError(
                _("Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số, dấu . _ - (từ 3 ký tự).")
            )
        if username.isdigit():
            # A number would be read as a CCCD or tax code by the sign-in form.
            raise ValidationError(_("Tên đăng nhập không được chỉ gồm chữ số."))
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("Tên đăng nhập này đã có người dùng."))
        return username

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        self.check_passwords(
            User(
                username=data.get("username", ""),
                full_name=data.get("full_name", ""),
                email=data.get("email", ""),
            )
        )
        return data


class StaffProfileForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "email", "phone"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True  # blank in the model for citizens' accounts


class SetPasswordForm(StyledFormMixin, PasswordFieldsMixin):
    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        self.check_passwords(self.user)
        return data
