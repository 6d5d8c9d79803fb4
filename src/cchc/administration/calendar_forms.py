"""Form of a province calendar override (a day off or a make-up working day)."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cchc.workcalendar.constants import OverrideKind
from cchc.workcalendar.models import CalendarOverride
from cchc.workcalendar.selectors import FIRST_YEAR, LAST_YEAR

from .forms import StyledFormMixin, date_widget


class OverrideForm(StyledFormMixin, forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("Ngày này là"),
        choices=OverrideKind.choices,  # no blank radio button
        widget=forms.RadioSelect,
        help_text=_(
            "Ngày nghỉ: không tính vào thời hạn giải quyết. Ngày làm việc: làm bù, kể cả "
            "khi rơi vào thứ Bảy, Chủ nhật."
        ),
    )

    class Meta:
        model = CalendarOverride
        fields = ["date", "kind", "reason"]
        widgets = {"date": date_widget()}
        error_messages = {
            "date": {"unique": _("Ngày này đã có điều chỉnh; hãy sửa điều chỉnh đó.")},
        }

    def clean_date(self) -> datetime.date:
        day = self.cleaned_data["date"]
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValidationError(
                _("Chỉ điều chỉnh được các năm %(first)s–%(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return day
