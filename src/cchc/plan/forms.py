"""The report entry form (data entry by the responsible agency)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .periods import Period


class ReportForm(forms.Form):
    period = forms.ChoiceField(label=_("Kỳ báo cáo"))
    value = forms.DecimalField(
        label=_("Giá trị"), max_digits=12, decimal_places=3, min_value=0, localize=False
    )
    note = forms.CharField(
        label=_("Giải trình, cách tính"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence = forms.FileField(
        label=_("Tệp minh chứng (PDF, JPEG, PNG)"),
        help_text=_("Báo cáo, quyết định hoặc bảng số liệu làm căn cứ cho giá trị."),
    )

    def __init__(self, *args: Any, periods: list[Period], unit: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        period = self.fields["period"]
        assert isinstance(period, forms.ChoiceField)
        period.choices = [(p.key, p.label) for p in periods]
        if unit:
            self.fields["value"].label = _("Giá trị (%(unit)s)") % {"unit": unit}


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Ý kiến (bắt buộc khi trả lại)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
