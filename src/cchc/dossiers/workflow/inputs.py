"""The inputs actions take: one Django form (officers' pages) and one serializer (API) per
shape. Field names are the same in both, so a spec's `apply` reads one `data` dict."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

TEXT = {"class": "form-control"}


def _reason(label: Any, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        widget=forms.Textarea(attrs={**TEXT, "rows": 3}),
    )


# --- pages ------------------------------------------------------------------------------------


class NoteForm(forms.Form):
    note = _reason(_("Ghi chú"), required=False)


class ReasonForm(forms.Form):
    note = _reason(_("Lý do"))


class SendBackForm(forms.Form):
    note = _reason(_("Lý do trả lại"))


class SupplementForm(forms.Form):
    note = _reason(_("Nội dung cần bổ sung, hoàn thiện"))


class PaymentRequestForm(forms.Form):
    amount = forms.IntegerField(
        label=_("Số tiền (đồng)"),
        min_value=0,
        max_value=10**12,
        required=False,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric"}),
        help_text=_("Để trống: theo mức thu của danh mục thủ tục."),
    )
    note = _reason(_("Ghi chú (bắt buộc nếu số tiền khác mức của danh mục)"), required=False)


class ExemptionForm(forms.Form):
    note = _reason(_("Căn cứ miễn phí, lệ phí"))


class CompleteSupplementForm(forms.Form):
    note = _reason(_("Ghi chú"), required=False)
    file = forms.FileField(
        label=_("Tài liệu bổ sung (PDF, JPEG, PNG; không bắt buộc)"),
        required=False,
        widget=forms.FileInput(attrs={**TEXT, "accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class ApologiseForm(forms.Form):
    """Form 04: the new due date must be after the current one (checked by the spec)."""

    new_due = forms.DateTimeField(
        label=_("Ngày, giờ hẹn trả mới"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(
            attrs={**TEXT, "type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    note = _reason(_("Lý do chậm, xin lỗi"))

    def clean_new_due(self) -> datetime.datetime:
        value: datetime.datetime = self.cleaned_data["new_due"]
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value


class ResultForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp kết quả (PDF, JPEG, PNG)"),
        widget=forms.FileInput(attrs={**TEXT, "accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    result_code = forms.CharField(
        label=_("Số, ký hiệu giấy tờ kết quả (không bắt buộc)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs=TEXT),
    )


# --- API --------------------------------------------------------------------------------------


class ActionInput(serializers.Serializer):
    """Every action: an optional note and the optimistic lock."""

    note = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    expected_version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="Phiên bản hồ sơ người gọi đã đọc; khác phiên bản hiện tại → 409 conflict.",
    )


class ReasonInput(ActionInput):
    note = serializers.CharField(max_length=5000, help_text="Lý do (bắt buộc).")


class ApologyInput(ActionInput):
    new_due = serializers.DateTimeField(help_text="Ngày, giờ hẹn trả mới (ISO 8601, có múi giờ).")
    note = serializers.CharField(max_length=5000, help_text="Lý do chậm, xin lỗi (bắt buộc).")

    def validate_new_due(self, value: datetime.datetime) -> datetime.datetime:
        return timezone.localtime(value)


class PaymentInput(ActionInput):
    amount = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=10**12,
        help_text="Số tiền (đồng); không gửi: theo mức thu của danh mục. Khác mức của danh mục "
        "thì note (lý do) là bắt buộc.",
    )
