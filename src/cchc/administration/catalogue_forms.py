"""Forms of the catalogue pages: a procedure with its fees, documents and process steps."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from cchc.catalogue.constants import Sector
from cchc.catalogue.models import FeeLine, Field, Procedure, ProcessStep, RequiredDocument
from cchc.org.constants import AgencyKind
from cchc.org.models import Agency

from .forms import StyledFormMixin, date_widget

CODE_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]*$")
MAX_DURATION = Decimal(3650)  # the bound the JSON import and the calendar API accept
MAX_IMPORT_BYTES = 10 * 1024 * 1024


def _clean_code(value: str) -> str:
    value = value.strip()
    if not CODE_PATTERN.match(value):
        raise ValidationError(
            _("Mã chỉ gồm chữ cái không dấu, chữ số và các dấu . _ - (ví dụ 1.001193).")
        )
    return value


class AgencyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: models.Model) -> str:
        assert isinstance(obj, Agency)
        return f"{obj.code} — {obj.name}"


class FieldForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Field
        fields = ["code", "name"]

    def clean_code(self) -> str:
        return _clean_code(self.cleaned_data["code"])


class ProcedureForm(StyledFormMixin, forms.ModelForm):
    sectors = forms.MultipleChoiceField(
        label=_("Nhóm ngành"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Dùng cho các chỉ tiêu theo ngành (đất đai, xây dựng, đầu tư…)."),
    )
    agencies = AgencyChoiceField(
        label=_("Cơ quan có thẩm quyền"),
        queryset=Agency.objects.filter(is_active=True).order_by("code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_(
            "Giữ phím Ctrl (Cmd) để chọn nhiều. Để trống với thủ tục cấp xã và chọn loại cơ "
            "quan có thẩm quyền bên dưới."
        ),
    )

    class Meta:
        model = Procedure
        fields = [
            "code",
            "name",
            "field",
            "level",
            "agencies",
            "competent_agency_kind",
            "duration",
            "duration_unit",
            "cutoff_time",
            "service_mode",
            "sectors",
            "paper_result",
            "is_internal",
            "on_national_portal",
            "is_active",
            "decision_date",
            "effective_date",
            "published_date",
            "result_name",
            "applicants",
            "sequence",
            "method",
            "legal_basis",
            "source",
        ]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "cutoff_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "decision_date": date_widget(),
            "effective_date": date_widget(),
            "published_date": date_widget(),
            "applicants": forms.Textarea(attrs={"rows": 2}),
            "sequence": forms.Textarea(attrs={"rows": 4}),
            "method": forms.Textarea(attrs={"rows": 3}),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "source": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "is_active": _("Bỏ chọn khi thủ tục bị bãi bỏ: không nhận hồ sơ mới, ẩn khỏi cổng."),
            "duration": _("Số không âm, tối đa 3650; cho phép số lẻ (0,5 ngày = 4 giờ)."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies, field = self.fields["agencies"], self.fields["field"]
        assert isinstance(agencies, forms.ModelMultipleChoiceField)
        assert isinstance(field, forms.ModelChoiceField)
        if self.instance.pk:
            # An agency closed since keeps its place in the list so saving does not drop it.
            agencies.queryset = (
                Agency.objects.filter(models.Q(is_active=True) | models.Q(procedures=self.instance))
                .distinct()
                .order_by("code")
            )
        field.empty_label = _("— Chọn lĩnh vực —")
        kind = self.fields["competent_agency_kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [("", _("— Không (theo cơ quan đã chọn) —")), *AgencyKind.choices]

    def clean_code(self) -> str:
        return _clean_code(self.cleaned_data["code"])

    def clean_duration(self) -> Decimal:
        value = self.cleaned_data["duration"]
        if value < 0 or value > MAX_DURATION:
            raise ValidationError(_("Thời hạn phải nằm trong khoảng từ 0 đến 3650."))
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "agencies" in data and not data["agencies"] and not data.get("competent_agency_kind"):
            self.add_error(
                "agencies",
                _("Chọn cơ quan có thẩm quyền, hoặc loại cơ quan có thẩm quyền (thủ tục cấp xã)."),
            )
        return data


# --- rows of a procedure ----------------------------------------------------------------------


class PositionMixin(forms.Form):
    """A 1-based position the administrator types; rows are renumbered 0, 1, 2… on saving."""

    position = forms.IntegerField(
        label=_("Thứ tự"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=_("Để trống: xếp cuối."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None:
            self.fields["position"].initial = instance.order + 1


class FeeLineForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = FeeLine
        fields = ["name", "code", "amount", "note"]
        widgets = {"note": forms.TextInput()}


class DocumentForm(StyledFormMixin, PositionMixin, forms.ModelForm):
    class Meta:
        model = RequiredDocument
        fields = ["position", "name", "required", "reusable"]
        widgets = {"name": forms.Textarea(attrs={"rows": 2})}


class StepForm(StyledFormMixin, PositionMixin, forms.ModelForm):
    class Meta:
        model = ProcessStep
        fields = ["position", "name", "role", "agency", "hours"]
        help_texts = {"hours": _("Giờ làm việc dành cho bước này (1 ngày = 8 giờ).")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.empty_label = _("— Cơ quan có thẩm quyền của hồ sơ —")
        agency.label_from_instance = lambda obj: f"{obj.code} — {obj.name}"  # type: ignore[method-assign]

    def clean_hours(self) -> Decimal:
        value = self.cleaned_data["hours"]
        if value <= 0 or value > MAX_DURATION * 8:
            raise ValidationError(_("Thời gian phải lớn hơn 0 và không quá 29200 giờ."))
        return value


def _deleting(form: forms.BaseForm) -> bool:
    return bool(getattr(form, "cleaned_data", {}).get(DELETION_FIELD_NAME))


class OrderedInlineFormSet(BaseInlineFormSet):
    """Saves the kept rows in the order of their `position`, renumbered from 0."""

    renumber_in_place = False  # True when (procedure, order) is unique in the database

    def kept_forms(self) -> list[Any]:
        kept = []
        for index, form in enumerate(self.forms):
            if self.can_delete and _deleting(form):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            position = form.cleaned_data.get("position") if hasattr(form, "cleaned_data") else None
            kept.append((position or 10_000, index, form))
        return [form for _pos, _index, form in sorted(kept, key=lambda row: row[:2])]

    def save_ordered(self, parent: Procedure) -> None:
        self.instance = parent
        for form in self.deleted_forms:
            if form.instance.pk is not None:
                form.instance.delete()
        kept = self.kept_forms()
        if self.renumber_in_place:
            # Free the numbers 0…n first: swapping two steps would otherwise collide.
            assert self.model is not None
            self.model._default_manager.filter(procedure=parent).update(order=F("order") + 1000)
        for order, form in enumerate(kept):
            row = form.save(commit=False)
            row.procedure = parent
            row.order = order
            row.save()


class StepFormSet(OrderedInlineFormSet):
    renumber_in_place = True

    def clean(self) -> None:
        super().clean()
        if any(form.errors for form in self.forms):
            return
        if not self.kept_forms():
            raise ValidationError(_("Quy trình phải có ít nhất một bước."))


class FeeFormSet(BaseInlineFormSet):
    def save_rows(self, parent: Procedure) -> None:
        self.instance = parent
        for form in self.forms:
            if self.can_delete and _deleting(form):
                if form.instance.pk is not None:
                    form.instance.delete()
            elif form.has_changed():
                row = form.save(commit=False)
                row.procedure = parent
                row.save()


FeeFormSetFactory = inlineformset_factory(
    Procedure, FeeLine, form=FeeLineForm, formset=FeeFormSet, extra=2, can_delete=True
)
DocumentFormSetFactory = inlineformset_factory(
    Procedure,
    RequiredDocument,
    form=DocumentForm,
    formset=OrderedInlineFormSet,
    extra=2,
    can_delete=True,
)
StepFormSetFactory = inlineformset_factory(
    Procedure, ProcessStep, form=StepForm, formset=StepFormSet, extra=2, can_delete=True
)


class CatalogueImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp JSON danh mục thủ tục"),
        help_text=_("Lược đồ cchc.catalogue/1, mã hóa UTF-8, tối đa 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/json,.json"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("Tệp lớn hơn 10 MB."))
        return upload
