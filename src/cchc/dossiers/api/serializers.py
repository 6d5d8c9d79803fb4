"""Serializers of the dossier API. Personal identifiers are masked for readers not entitled."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..constants import DocumentKind, Status
from ..models import Dossier, DossierDocument, DossierEvent
from ..selectors import mask, may_see_personal_data, sees_as_applicant
from ..services import allowed_actions


class EventSerializer(serializers.ModelSerializer):
    from_agency = serializers.CharField(source="from_agency.code", default=None)
    to_agency = serializers.CharField(source="to_agency.code", default=None)

    class Meta:
        model = DossierEvent
        fields = [
            "seq",
            "action",
            "actor_name",
            "at",
            "from_status",
            "to_status",
            "from_step",
            "to_step",
            "from_agency",
            "to_agency",
            "step_due_at",
            "step_result",
            "due_at",
            "note",
        ]


class DossierDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = DossierDocument
        fields = [
            "id",
            "kind",
            "name",
            "content_type",
            "size",
            "sha256",
            "digitised",
            "from_national_store",
            "result_code",
            "required_document",
            "uploaded_at",
        ]


class DossierListSerializer(serializers.ModelSerializer):
    procedure = serializers.CharField(source="procedure.code")
    procedure_name = serializers.CharField(source="procedure.name")
    status_label = serializers.CharField(source="get_status_display")
    processing_agency = serializers.CharField(source="processing_agency.code")
    current_agency = serializers.CharField(source="current_agency.code")

    class Meta:
        model = Dossier
        fields = [
            "code",
            "procedure",
            "procedure_name",
            "applicant_name",
            "status",
            "status_label",
            "step_name",
            "channel",
            "processing_agency",
            "current_agency",
            "received_at",
            "due_at",
            "finished_at",
            "returned_at",
            "version",
        ]


# What an applicant may see of the dossier's papers (the portal's rule): the result once
# issued, and every form but the internal control slip (06).
RESULT_ISSUED = (Status.FINISHED, Status.RETURNED)
INTERNAL_FORMS = ("06",)


class DossierDetailSerializer(DossierListSerializer):
    applicant_national_id = serializers.SerializerMethodField()
    applicant_phone = serializers.SerializerMethodField()
    intake_agency = serializers.CharField(source="intake_agency.code")
    allowed_actions = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    forms = serializers.SerializerMethodField()

    class Meta(DossierListSerializer.Meta):
        fields = [
            *DossierListSerializer.Meta.fields,
            "applicant_kind",
            "applicant_national_id",
            "applicant_phone",
            "summary",
            "intake_agency",
            "submitted_at",
            "original_due_at",
            "step_due_at",
            "supplement_count",
            "apology_count",
            "paid_online",
            "vneid_authenticated",
            "has_digitised_component",
            "result_code",
            "refusal_reason",
            "imported",
            "allowed_actions",
            "forms",
            "events",
            "documents",
        ]

    def _entitled(self, obj: Dossier) -> bool:
        return may_see_personal_data(obj, self.context["request"].user)

    def get_applicant_national_id(self, obj: Dossier) -> str:
        return obj.applicant_national_id if self._entitled(obj) else mask(obj.applicant_national_id)

    def get_applicant_phone(self, obj: Dossier) -> str:
        return obj.applicant_phone if self._entitled(obj) else mask(obj.applicant_phone)

    def get_allowed_actions(self, obj: Dossier) -> list[str]:
        return allowed_actions(obj, self.context["request"].user)

    def _as_applicant(self, obj: Dossier) -> bool:
        return sees_as_applicant(obj, self.context["request"].user)

    @extend_schema_field(EventSerializer(many=True))
    def get_events(self, obj: Dossier) -> list[dict[str, Any]]:
        """The applicant sees what the portal shows (issue 15 §1): no officer names, and a
        note only where the citizen's timeline shows it."""
        from ..workflow import timeline_text

        events = obj.events.select_related("from_agency", "to_agency").order_by("seq")
        rows: list[dict[str, Any]] = list(EventSerializer(events, many=True).data)
        if not self._as_applicant(obj):
            return rows
        for row, event in zip(rows, events, strict=True):
            row["actor_name"] = ""
            row["note"] = timeline_text(event, obj)[1]
        return rows

    @extend_schema_field(DossierDocumentSerializer(many=True))
    def get_documents(self, obj: Dossier) -> list[dict[str, Any]]:
        """No result file before the result is issued for the applicant."""
        documents = obj.documents.order_by("id")
        if self._as_applicant(obj) and obj.status not in RESULT_ISSUED:
            documents = documents.exclude(kind=DocumentKind.RESULT)
        return list(DossierDocumentSerializer(documents, many=True).data)

    def get_forms(self, obj: Dossier) -> list[str]:
        from ..forms.pdf import available_forms

        forms = available_forms(obj)
        if self._as_applicant(obj):
            return [n for n in forms if n not in INTERNAL_FORMS]
        return forms


class DossierStateSerializer(serializers.Serializer):
    """The answer to a submission or an action: where the dossier stands now and what the user
    may do next. Built by `state_payload` (a plain dict: this answer is on the hot path);
    the class documents it in the OpenAPI schema."""

    code = serializers.CharField()
    status = serializers.IntegerField()
    status_label = serializers.CharField()
    step_name = serializers.CharField()
    current_agency = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    received_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    step_due_at = serializers.DateTimeField(allow_null=True)
    supplement_count = serializers.IntegerField()
    version = serializers.IntegerField()
    allowed_actions = serializers.ListField(child=serializers.CharField())


def _iso(value: Any) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def state_payload(dossier: Dossier, user: Any) -> dict[str, Any]:
    return {
        "code": dossier.code,
        "status": dossier.status,
        "status_label": str(Status(dossier.status).label),
        "step_name": dossier.step_name,
        "current_agency": dossier.current_agency.code,
        "submitted_at": _iso(dossier.submitted_at),
        "received_at": _iso(dossier.received_at),
        "due_at": _iso(dossier.due_at),
        "step_due_at": _iso(dossier.step_due_at),
        "supplement_count": dossier.supplement_count,
        "version": dossier.version,
        "allowed_actions": allowed_actions(dossier, user),
    }


class ApplicantInput(serializers.Serializer):
    name = serializers.CharField(max_length=255, required=False)
    national_id = serializers.RegexField(
        r"^(\d{12}|\d{10}(-\d{3})?)$", required=False, allow_blank=True
    )
    phone = serializers.RegexField(r"^\+?\d{9,15}$", required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=500, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=[1, 2], required=False, default=1)


class SubmitInput(serializers.Serializer):
    procedure = serializers.CharField(max_length=40)
    commune = serializers.CharField(
        max_length=10,
        required=False,
        allow_blank=True,
        help_text="Mã xã/phường nơi giải quyết (thủ tục cấp xã)",
    )
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    applicant = ApplicantInput(required=False)


class CounterInput(SubmitInput):
    intake_agency = serializers.CharField(max_length=40, help_text="Mã trung tâm phục vụ tiếp nhận")
    applicant = ApplicantInput()
    documents = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=200,
        help_text="Mã (id) các thành phần hồ sơ đã kiểm tra. Nếu gửi, hồ sơ thiếu thành phần bắt "
        "buộc không được tiếp nhận (409 incomplete_dossier). Không gửi: cán bộ xác nhận hồ sơ "
        "đầy đủ.",
    )
    conditions_apply = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=200,
        help_text="Thành phần có điều kiện mà điều kiện đúng với người nộp (khi đó là bắt buộc).",
    )


class UploadInput(serializers.Serializer):
    file = serializers.FileField()
    kind = serializers.ChoiceField(choices=["submitted", "supplement"], default="submitted")
    required_document = serializers.IntegerField(required=False)


class ResultInput(serializers.Serializer):
    file = serializers.FileField()
    result_code = serializers.CharField(max_length=100, required=False, allow_blank=True)


class LookupSerializer(serializers.ModelSerializer):
    """Public lookup: no personal data at all."""

    procedure_name = serializers.CharField(source="procedure.name")
    status_label = serializers.CharField(source="get_status_display")
    agency = serializers.CharField(source="processing_agency.name")

    class Meta:
        model = Dossier
        fields = [
            "code",
            "procedure_name",
            "status",
            "status_label",
            "agency",
            "received_at",
            "due_at",
            "finished_at",
            "returned_at",
        ]
