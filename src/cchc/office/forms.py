"""HTML forms of the back office. They validate input only; the pages call the services."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cchc.accounts.models import ApplicantKind
from cchc.catalogue.models import Procedure, RequiredDocument
from cchc.dossiers.constants import Status
from cchc.org.constants import UnitLevel
from cchc.org.models import AdministrativeUnit, Agency

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
# <input type="date"> always speaks ISO dates, whatever the page language.
ISO_DATE = ["%Y-%m-%d", "%d/%m/%Y"]
DATE_WIDGET = forms.DateInput(attrs={**TEXT, "type": "date"}, format="%Y-%m-%d")


def _text(label: Any, *, required: bool = True, max_length: int = 255, **attrs: Any) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.TextInput(attrs={**TEXT, **attrs}),
    )


def _reason(label: Any, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        widget=forms.Textarea(attrs={**TEXT, "rows": 3}),
    )


def clean_identity_number(value: str) -> str:
    """A CCCD (12 digits) or a tax code (10 digits, or 10-3 for a branch), spaces removed."""
    number = re.sub(r"\s+", "", value or "")
    if number and not re.fullmatch(r"\d{12}|\d{10}(-\d{3})?", number):
        raise ValidationError(
            _("Số CCCD gồm 12 chữ số; mã số thuế gồm 10 chữ số (chi nhánh: 10-3 chữ số).")
        )
    return number


# --- counter intake -----------------------------------------------------------------------------


class ProcedureSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm thủ tục (mã hoặc tên, gõ không dấu được)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={**TEXT, "type": "search", "autocomplete": "off", "autofocus": True}
        ),
    )


class ApplicantLookupForm(forms.Form):
    cccd = forms.CharField(
        label=_("Số CCCD hoặc mã số thuế của người nộp"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_cccd(self) -> str:
        return clean_identity_number(self.cleaned_data["cccd"])


class Decision:
    RECEIVE = "receive"
    # An incomplete dossier is not received: the applicant gets guidance (form 02).
    SUPPLEMENT = "supplement"
    REFUSE = "refuse"


class CounterIntakeForm(forms.Form):
    """A paper dossier at the counter: the applicant, the components checked (one box and one
    optional scan per required document; for a conditional one, whether its condition applies),
    and the officer's decision: receive it (complete only), give guidance on what to add
    (form 02, nothing received), or refuse it (form 03) — DOMAIN.md §2."""

    intake_agency = forms.ModelChoiceField(
        label=_("Nơi tiếp nhận"),
        queryset=Agency.objects.none(),
        empty_label=None,
        widget=forms.Select(attrs=SELECT),
    )
    commune = forms.ModelChoiceField(
        label=_("Xã, phường nơi giải quyết"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    applicant_kind = forms.TypedChoiceField(
        label=_("Loại người nộp"),
        choices=ApplicantKind.choices,
        coerce=int,
        initial=ApplicantKind.CITIZEN,
        widget=forms.Select(attrs=SELECT),
    )
    applicant_national_id = _text(
        _("Số CCCD (hoặc mã số thuế)"),
        required=False,
        max_length=20,
        inputmode="numeric",
        autocomplete="off",
    )
    applicant_name = _text(_("Họ và tên người nộp (hoặc tên tổ chức)"), autocomplete="off")
    applicant_phone = _text(
        _("Số điện thoại"), required=False, max_length=20, inputmode="tel", autocomplete="off"
    )
    applicant_email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        widget=forms.EmailInput(attrs={**TEXT, "autocomplete": "off"}),
    )
    applicant_address = _text(_("Địa chỉ"), required=False, max_length=500, autocomplete="off")
    summary = _reason(_("Trích yếu nội dung hồ sơ"), required=False)
    reason = _reason(_("Nội dung cần bổ sung hoặc lý do từ chối"), required=False)

    def __init__(
        self,
        *args: Any,
        procedure: Procedure,
        intake_agencies: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        cast(forms.ModelChoiceField, self.fields["intake_agency"]).queryset = intake_agencies
        if procedure.competent_agency_kind:
            self.fields["commune"].required = True
            cast(
                forms.ModelChoiceField, self.fields["commune"]
            ).queryset = AdministrativeUnit.objects.filter(
                level=UnitLevel.COMMUNE, valid_to__isnull=True
            ).order_by("name")
        else:
            del self.fields["commune"]
        self.documents: list[tuple[RequiredDocument, str, str]] = []
        for doc in procedure.documents.all():
            check, scan = f"doc_{doc.pk}", f"scan_{doc.pk}"
            label = doc.name if doc.required else _("%(name)s (nếu có)") % {"name": doc.name}
            if doc.is_conditional:
                self.fields[f"cond_{doc.pk}"] = forms.BooleanField(
                    label=_("Điều kiện “%(condition)s” đúng với người nộp")
                    % {"condition": doc.condition[:200]},
                    required=False,
                    widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
                )
            self.fields[check] = forms.BooleanField(
                label=label,
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
            self.fields[scan] = forms.FileField(
                label=_("Bản quét: %(name)s") % {"name": doc.name[:80]},
                required=False,
                widget=forms.FileInput(
                    attrs={**TEXT, "accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/*"}
                ),
            )
            self.documents.append((doc, check, scan))

    def document_rows(self) -> list[tuple[RequiredDocument, Any, Any, Any]]:
        """(document, its check box, its scan input, its condition box or None) for the
        checklist, in catalogue order."""
        return [
            (doc, self[check], self[scan], self[f"cond_{doc.pk}"] if doc.is_conditional else None)
            for doc, check, scan in self.documents
        ]

    def conditions_apply(self) -> list[int]:
        """Conditional components whose condition the officer says applies (then required)."""
        return [
            doc.pk
            for doc, _c, _s in self.documents
            if doc.is_conditional and self.cleaned_data.get(f"cond_{doc.pk}")
        ]

    def clean_applicant_national_id(self) -> str:
        return clean_identity_number(self.cleaned_data["applicant_national_id"])

    def checked_documents(self) -> list[RequiredDocument]:
        """Components present: ticked, or scanned (a scan proves the paper was there)."""
        return [
            doc
            for doc, check, scan in self.documents
            if self.cleaned_data.get(check) or self.cleaned_data.get(scan)
        ]

    def scans(self) -> list[tuple[RequiredDocument, Any]]:
        return [
            (doc, self.cleaned_data[scan])
            for doc, _check, scan in self.documents
            if self.cleaned_data.get(scan)
        ]

    def missing_documents(self) -> list[RequiredDocument]:
        from cchc.dossiers.services.intake import missing_documents

        present = {doc.pk for doc in self.checked_documents()}
        return missing_documents(self.procedure, present, self.conditions_apply())

    def check_decision(self, decision: str) -> bool:
        """Decision-dependent rules: a refusal needs its reason, guidance says what to add; a
        dossier is received only with every required component (else guidance or refusal,
        DOMAIN.md §2)."""
        if decision == Decision.SUPPLEMENT:
            if not (self.cleaned_data.get("reason") or "").strip() and not self.missing_documents():
                self.add_error("reason", _("Vui lòng nêu nội dung cần bổ sung."))
        elif decision == Decision.REFUSE:
            if not (self.cleaned_data.get("reason") or "").strip():
                self.add_error("reason", _("Vui lòng nêu lý do từ chối."))
        elif decision == Decision.RECEIVE:
            missing = self.missing_documents()
            if missing:
                self.add_error(
                    None,
                    _(
                        "Hồ sơ còn thiếu thành phần bắt buộc: %(names)s. Hồ sơ chưa đầy đủ "
                        "không được tiếp nhận: chọn “Hướng dẫn bổ sung (mẫu 02)” để in phiếu "
                        "cho người nộp, hoặc “Từ chối tiếp nhận”."
                    )
                    % {"names": "; ".join(doc.name for doc in missing)},
                )
        else:
            self.add_error(None, _("Vui lòng chọn thao tác."))
        return not self.errors


# --- queues --------------------------------------------------------------------------------------


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm theo mã hồ sơ, người nộp, số CCCD hoặc thủ tục"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={**TEXT, "type": "search", "autocomplete": "off"}),
    )
    status = forms.TypedChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả trạng thái")), *Status.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    procedure = forms.ModelChoiceField(
        label=_("Thủ tục"),
        queryset=Procedure.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("Tất cả thủ tục"),
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args: Any, procedures: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if procedures is not None:
            cast(forms.ModelChoiceField, self.fields["procedure"]).queryset = procedures


# The dossier actions' forms are declared with their actions: cchc.dossiers.workflow.inputs.


# --- register ------------------------------------------------------------------------------------


class RegisterForm(forms.Form):
    """Form 07 for one agency over at most a year of receipt dates."""

    co_quan = forms.ModelChoiceField(
        label=_("Cơ quan"),
        queryset=Agency.objects.none(),
        to_field_name="code",
        empty_label=None,
        widget=forms.Select(attrs=SELECT),
    )
    tu_ngay = forms.DateField(label=_("Từ ngày"), input_formats=ISO_DATE, widget=DATE_WIDGET)
    den_ngay = forms.DateField(label=_("Đến ngày"), input_formats=ISO_DATE, widget=DATE_WIDGET)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["co_quan"]).queryset = agencies

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end:
            if end < start:
                self.add_error("den_ngay", _("Ngày kết thúc phải không trước ngày bắt đầu."))
            elif (end - start).days > 366:
                self.add_error("den_ngay", _("Mỗi lần xuất tối đa một năm."))
        return data
