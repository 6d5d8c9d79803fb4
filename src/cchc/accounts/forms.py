"""Forms of sign-in, registration and password reset (messages in Vietnamese)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .identity import validate_national_id, validate_phone, validate_tax_code
from .models import ApplicantKind, User


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Số CCCD, mã số thuế hoặc tên đăng nhập"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "class": "form-control"}
        ),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "class": "form-control"}
        ),
    )
    error_messages = {
        "invalid_login": _("Số CCCD/tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


class RegisterForm(forms.Form):
    applicant_kind = forms.TypedChoiceField(
        label=_("Bạn đăng ký với tư cách"),
        choices=ApplicantKind.choices,
        coerce=int,
        initial=ApplicantKind.CITIZEN,
        widget=forms.RadioSelect,
    )
    full_name = forms.CharField(
        label=_("Họ và tên (hoặc tên tổ chức)"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": "form-control"}),
    )
    national_id = forms.CharField(
        label=_("Số định danh cá nhân (CCCD, 12 chữ số)"),
        max_length=20,
        required=False,
        help_text=_(
            "Công dân đăng nhập bằng số này. Tổ chức nhập số CCCD của người đại diện (không bắt buộc)."
        ),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "form-control"}
        ),
    )
    tax_code = forms.CharField(
        label=_("Mã số thuế (tổ chức, doanh nghiệp)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "form-control"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        max_length=20,
        help_text=_("Dùng để nhận thông báo và mã đặt lại mật khẩu."),
        widget=forms.TextInput(
            attrs={"inputmode": "tel", "autocomplete": "tel", "class": "form-control"}
        ),
    )
    email = forms.EmailField(
        label=_("Thư điện tử (không bắt buộc)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "form-control"}),
    )
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        help_text=_("Ít nhất 8 ký tự, không chỉ gồm chữ số, không quá giống thông tin cá nhân."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "class": "form-control"}),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "class": "form-control"}),
    )

    def clean_national_id(self) -> str:
        value = self.cleaned_data["national_id"].strip()
        if not value:
            return ""
        number = validate_national_id(value)
        if User.objects.filter(national_id=number).exists():
            raise forms.ValidationError(
                _("Số CCCD này đã có tài khoản. Hãy đăng nhập hoặc đặt lại mật khẩu.")
            )
        return number

    def clean_tax_code(self) -> str:
        value = self.cleaned_data["tax_code"].strip()
        if not value:
            return ""
        code = validate_tax_code(value)
        if User.objects.filter(tax_code=code).exists():
            raise forms.ValidationError(_("Mã số thuế này đã có tài khoản."))
        return code

    def clean_phone(self) -> str:
        return validate_phone(self.cleaned_data["phone"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("applicant_kind")
        if (
            kind == ApplicantKind.CITIZEN
            and not data.get("national_id")
            and "national_id" not in self.errors
        ):
            self.add_error("national_id", _("Công dân cần nhập số CCCD."))
        if (
            kind == ApplicantKind.ORGANISATION
            and not data.get("tax_code")
            and "tax_code" not in self.errors
        ):
            self.add_error("tax_code", _("Tổ chức, doanh nghiệp cần nhập mã số thuế."))
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Hai mật khẩu không khớp."))
        if p1 and not self.errors.get("password1"):
            probe = User(
                username=data.get("national_id") or data.get("tax_code") or "",
                full_name=data.get("full_name", ""),
                email=data.get("email", ""),
            )
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data

    def save(self) -> User:
        data = self.cleaned_data
        login = (
            data["national_id"]
            if data["applicant_kind"] == ApplicantKind.CITIZEN
            else data["tax_code"]
        )
        user = User(
            username=login,
            full_name=data["full_name"],
            national_id=data["national_id"],
            tax_code=data["tax_code"],
            phone=data["phone"],
            email=data["email"],
            applicant_kind=data["applicant_kind"],
        )
        user.set_password(data["password1"])
        user.save()
        return user


class ResetRequestForm(forms.Form):
    login = forms.CharField(
        label=_("Số CCCD hoặc mã số thuế"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "username", "class": "form-control"}
        ),
    )


class ResetConfirmForm(forms.Form):
    code = forms.RegexField(
        label=_("Mã xác nhận (6 chữ số)"),
        regex=r"^\d{6}$",
        error_messages={"invalid": _("Mã xác nhận gồm 6 chữ số.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "class": "form-control"}
        ),
    )
    password1 = forms.CharField(
        label=_("Mật khẩu mới"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "class": "form-control"}),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu mới"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "class": "form-control"}),
    )

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Hai mật khẩu không khớp."))
        elif p1:
            try:
                password_validation.validate_password(p1, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
