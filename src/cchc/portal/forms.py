"""Forms of the citizens' portal (messages in Vietnamese)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.accounts.identity import validate_phone
from cchc.dossiers.models import SatisfactionLevel
from cchc.org.constants import AgencyKind
from cchc.org.models import Agency

_INPUT = {"class": "form-control"}
# What the file pickers offer; HEIC/HEIF phone photos are converted to JPEG on arrival.
ACCEPT = (
    ".pdf,.jpg,.jpeg,.png,.heic,.heif,application/pdf,image/jpeg,image/png,image/heic,image/heif"
)


class ApplicantForm(forms.Form):
    name = forms.CharField(
        label=_("Họ và tên người nộp (hoặc tên tổ chức)"),
        max_length=255,
        widget=forms.TextInput(attrs={**_INPUT, "autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        max_length=20,
        widget=forms.TextInput(attrs={**_INPUT, "inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử (không bắt buộc)"),
        required=False,
        widget=forms.EmailInput(attrs={**_INPUT, "autocomplete": "email"}),
    )
    address = forms.CharField(
        label=_("Địa chỉ liên hệ"),
        max_length=500,
        widget=forms.TextInput(attrs={**_INPUT, "autocomplete": "street-address"}),
    )
    summary = forms.CharField(
        label=_("Nội dung yêu cầu (không bắt buộc)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={**_INPUT, "rows": 3}),
    )
    commune_unit_id = forms.TypedChoiceField(
        label=_("Xã, phường nơi giải quyết"),
        coerce=int,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, commune_level: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commune_level = commune_level
        if commune_level:
            agencies = (
                Agency.objects.filter(kind=AgencyKind.COMMUNE_COMMITTEE, is_active=True)
                .select_related("unit")
                .order_by("unit__name")
            )
            choices: list[tuple[Any, Any]] = [("", _("— Chọn xã, phường —"))]
            choices += [(a.unit_id, a.unit.name) for a in agencies if a.unit_id]
            field = self.fields["commune_unit_id"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices
            self.fields["commune_unit_id"].required = True
        else:
            del self.fields["commune_unit_id"]

    def clean_phone(self) -> str:
        return validate_phone(self.cleaned_data["phone"])


class UploadForm(forms.Form):
    required_document = forms.IntegerField(widget=forms.HiddenInput, required=False)
    file = forms.FileField(
        label=_("Chọn tệp (PDF, JPEG, PNG)"),
        widget=forms.ClearableFileInput(
            attrs={
                "class": "form-control",
                "accept": ACCEPT,
            }
        ),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do rút hồ sơ"),
        max_length=1000,
        widget=forms.Textarea(attrs={**_INPUT, "rows": 2}),
    )


class RatingForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Ông/bà đánh giá thế nào về việc giải quyết hồ sơ này?"),
        choices=SatisfactionLevel.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Góp ý (không bắt buộc)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={**_INPUT, "rows": 3}),
    )
