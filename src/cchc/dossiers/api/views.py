"""REST API of the dossier engine. Views translate HTTP into service calls; they never write
models themselves."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
    inline_serializer,
)
from rest_framework import generics, serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cchc.api.errors import ApiError
from cchc.api.permissions import IsProvinceAdmin
from cchc.catalogue.models import Procedure
from cchc.org.constants import UnitLevel
from cchc.org.models import AdministrativeUnit, Agency
from cchc.org.permissions import agency_ids_with_role, is_staff_member, sees_all_agencies

from .. import documents, services
from ..constants import DocumentKind
from ..models import Dossier, DossierDocument
from ..national import export_record, import_records
from ..selectors import (
    as_seen_by,
    record_staff_access,
    search_dossiers,
    sees_agency_personal_data,
    sees_as_applicant,
    visible_dossiers,
)
from ..workflow import API_ACTIONS, SPECS, run_action
from . import serializers as s
from .pagination import BoundedPagination


def _dossier_for(request: Request, code: str, what: str) -> Dossier:
    dossier = get_object_or_404(
        visible_dossiers(request.user).select_related(
            "procedure__field", "processing_agency", "intake_agency", "current_agency"
        ),
        code=code,
    )
    record_staff_access(dossier, request.user, what)
    return dossier


def _applicant_data(user: Any, data: dict[str, Any], summary: str) -> services.ApplicantData:
    applicant: dict[str, Any] = data or {}
    name = applicant.get("name") or getattr(user, "display_name", "")
    if not name:
        raise ApiError(
            "invalid", _("Thiếu họ tên chủ hồ sơ."), 400, {"applicant.name": _("Trường bắt buộc.")}
        )
    return services.ApplicantData(
        name=name,
        national_id=str(
            applicant.get("national_id")
            or getattr(user, "national_id", "")
            or getattr(user, "tax_code", "")
        ),
        phone=str(applicant.get("phone") or getattr(user, "phone", "")),
        email=str(applicant.get("email") or getattr(user, "email", "")),
        address=str(applicant.get("address", "")),
        kind=int(applicant.get("kind") or getattr(user, "applicant_kind", 1) or 1),
        summary=summary,
        vneid_authenticated=bool(getattr(user, "vneid_verified", False)),
    )


def _procedure(code: str) -> Procedure:
    procedure = Procedure.objects.filter(code=code, is_active=True).first()
    if procedure is None:
        raise ApiError(
            "invalid",
            _("Không có thủ tục mã %(c)s.") % {"c": code},
            400,
            {"procedure": _("Không tồn tại.")},
        )
    return procedure


def _commune_id(code: str | None) -> int | None:
    if not code:
        return None
    unit = AdministrativeUnit.objects.filter(
        code=code, level=UnitLevel.COMMUNE, valid_to__isnull=True
    ).first()
    if unit is None:
        raise ApiError(
            "invalid",
            _("Không có xã, phường mã %(c)s.") % {"c": code},
            400,
            {"commune": _("Không tồn tại.")},
        )
    return unit.pk


class DossierListCreate(generics.ListAPIView):
    serializer_class = s.DossierListSerializer
    pagination_class = BoundedPagination

    def get_queryset(self) -> QuerySet[Dossier]:
        qs = visible_dossiers(self.request.user).select_related(
            "procedure", "processing_agency", "current_agency"
        )
        params = self.request.query_params
        if params.get("status"):
            try:
                qs = qs.filter(status=int(params["status"]))
            except ValueError:
                raise ApiError("invalid_parameter", _("Tham số status phải là số 1–10.")) from None
        if params.get("procedure"):
            # The catalogue first: a join would keep PostgreSQL from the procedure index.
            ids = Procedure.objects.filter(code=params["procedure"]).values_list("pk", flat=True)
            qs = qs.filter(procedure_id__in=list(ids))
        if params.get("q"):
            qs = search_dossiers(qs, params["q"])
        if params.get("late") == "1":
            qs = qs.filter(
                due_at__isnull=False,
                finished_at__isnull=True,
                closed_at__isnull=True,
                due_at__lt=datetime.datetime.now(datetime.UTC),
            )
        return (
            qs.order_by("due_at", "id")
            if is_staff_member(self.request.user)
            else qs.order_by("-id")
        )

    @extend_schema(
        summary="Hồ sơ tôi được xem",
        parameters=[
            OpenApiParameter("status", int),
            OpenApiParameter("procedure", str),
            OpenApiParameter("q", str),
            OpenApiParameter("late", str, enum=["1"]),
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Nộp hồ sơ trực tuyến",
        request=s.SubmitInput,
        responses={201: s.DossierStateSerializer},
    )
    def post(self, request: Request) -> Response:
        data = s.SubmitInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        procedure = _procedure(v["procedure"])
        dossier = services.submit_online(
            request.user,
            procedure,
            _applicant_data(request.user, v.get("applicant"), v.get("summary", "")),
            commune_unit_id=_commune_id(v.get("commune")),
        )
        return Response(s.state_payload(dossier, request.user), status=201)


class CounterIntake(APIView):
    @extend_schema(
        summary="Tiếp nhận hồ sơ trực tiếp tại bộ phận một cửa",
        request=s.CounterInput,
        responses={201: s.DossierStateSerializer},
    )
    def post(self, request: Request) -> Response:
        data = s.CounterInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        intake = Agency.objects.filter(code=v["intake_agency"]).first()
        if intake is None:
            raise ApiError(
                "invalid", _("Không có cơ quan mã %(c)s.") % {"c": v["intake_agency"]}, 400
            )
        dossier = services.intake_at_counter(
            request.user,
            intake,
            _procedure(v["procedure"]),
            _applicant_data(None, v["applicant"], v.get("summary", "")),
            commune_unit_id=_commune_id(v.get("commune")),
            documents_present=v.get("documents"),
            conditions_apply=v.get("conditions_apply") or (),
        )
        return Response(s.state_payload(dossier, request.user), status=201)


class DossierDetail(APIView):
    @extend_schema(summary="Chi tiết hồ sơ", responses={200: s.DossierDetailSerializer})
    def get(self, request: Request, code: str) -> Response:
        dossier = _dossier_for(request, code, "view")
        return Response(s.DossierDetailSerializer(dossier, context={"request": request}).data)


class DossierAction(APIView):
    @extend_schema(
        summary="Thực hiện một thao tác trên hồ sơ",
        description="action: " + ", ".join(API_ACTIONS) + ". 409 khi trạng thái hoặc quy định "
        "không cho phép (mã: invalid_transition, supplement_limit, supplement_too_late, "
        "apology_limit, apology_too_late, fee_unpaid…) hoặc hồ sơ đã bị người khác thay đổi "
        "(expected_version → conflict).",
        request=PolymorphicProxySerializer(
            component_name="DossierActionInput",
            serializers={a: SPECS[a].api_input for a in API_ACTIONS},  # type: ignore[misc]
            resource_type_field_name=None,
        ),
        responses={200: s.DossierStateSerializer},
    )
    def post(self, request: Request, code: str, action: str) -> Response:
        spec = SPECS.get(action)
        if spec is None or spec.api_input is None:
            raise ApiError(
                "unknown_action", _("Thao tác “%(a)s” không tồn tại.") % {"a": action}, 404
            )
        data = spec.api_input(data=request.data)
        data.is_valid(raise_exception=True)
        # The door locks the dossier and answers 404 if the user may not see it;
        # expected_version is compared under that lock. The action itself is recorded as an
        # event, so no separate access-log row is written.
        target = services.DossierRef(code, request.user)
        dossier = run_action(spec, target, request.user, dict(data.validated_data))
        return Response(s.state_payload(dossier, request.user))


class DossierDocuments(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Tải lên thành phần hồ sơ (PDF, JPEG, PNG)",
        request=s.UploadInput,
        responses={201: s.DossierDocumentSerializer},
    )
    def post(self, request: Request, code: str) -> Response:
        data = s.UploadInput(data=request.data)
        data.is_valid(raise_exception=True)
        dossier = _dossier_for(request, code, "upload")
        doc = documents.add_document(
            dossier,
            request.user,
            data.validated_data["file"],
            kind=data.validated_data["kind"],
            required_document_id=data.validated_data.get("required_document"),
        )
        return Response(s.DossierDocumentSerializer(doc).data, status=201)


class DossierResult(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Cập nhật kết quả giải quyết (tệp điện tử)",
        request=s.ResultInput,
        responses={201: s.DossierDocumentSerializer},
    )
    def post(self, request: Request, code: str) -> Response:
        data = s.ResultInput(data=request.data)
        data.is_valid(raise_exception=True)
        dossier = _dossier_for(request, code, "result")
        doc = documents.attach_result(
            dossier,
            request.user,
            data.validated_data["file"],
            result_code=data.validated_data.get("result_code", ""),
        )
        return Response(s.DossierDocumentSerializer(doc).data, status=201)


class DossierDocumentDownload(APIView):
    @extend_schema(
        summary="Tải tệp của hồ sơ", responses={(200, "application/octet-stream"): bytes}
    )
    def get(self, request: Request, code: str, pk: int) -> FileResponse:
        dossier = _dossier_for(request, code, f"download:{pk}")
        doc = get_object_or_404(DossierDocument, dossier=dossier, pk=pk)
        if (
            doc.kind == DocumentKind.RESULT
            and dossier.status not in s.RESULT_ISSUED
            and sees_as_applicant(dossier, request.user)
        ):
            raise ApiError("not_found", _("Kết quả chưa được ban hành."), 404)
        if not doc.file:
            raise ApiError(
                "not_found", _("Tệp này chỉ có đường dẫn ngoài: %(u)s") % {"u": doc.url}, 404
            )
        return FileResponse(
            doc.file.open("rb"),
            content_type=doc.content_type,
            filename=doc.name,
            as_attachment=False,
        )


class DossierForm(APIView):
    @extend_schema(
        summary="Biểu mẫu 01–06 (PDF) theo Thông tư 03/2025/TT-VPCP",
        responses={(200, "application/pdf"): bytes},
    )
    def get(self, request: Request, code: str, number: str) -> HttpResponse:
        from ..forms.pdf import FORM_TITLES, render_form

        if number not in FORM_TITLES:
            raise ApiError("not_found", _("Không có mẫu số %(n)s.") % {"n": number}, 404)
        dossier = _dossier_for(request, code, f"form:{number}")
        if number in s.INTERNAL_FORMS and sees_as_applicant(dossier, request.user):
            raise ApiError("not_found", _("Không có mẫu số %(n)s.") % {"n": number}, 404)
        pdf = render_form(as_seen_by(dossier, request.user), number)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{code}-mau-{number}.pdf"'
        return response


class DossierNationalExport(APIView):
    @extend_schema(
        summary="Hồ sơ theo định dạng đồng bộ Cổng DVC quốc gia",
        responses={200: inline_serializer("NationalRecord", {"MaHoSo": serializers.CharField()})},
    )
    def get(self, request: Request, code: str) -> Response:
        dossier = _dossier_for(request, code, "export")
        return Response(export_record(as_seen_by(dossier, request.user)))


class DossierImport(APIView):
    permission_classes = [IsProvinceAdmin]

    @extend_schema(
        summary="Nhập lịch sử hồ sơ theo định dạng Cổng DVC quốc gia (quản trị cấp tỉnh)",
        request=inline_serializer("NationalImport", {"records": serializers.ListField()}),
        responses={
            200: inline_serializer(
                "NationalImportResult",
                {
                    "created": serializers.IntegerField(),
                    "updated": serializers.IntegerField(),
                    "errors": serializers.ListField(),
                },
            )
        },
    )
    def post(self, request: Request) -> Response:
        records = request.data
        if not isinstance(records, list):
            raise ApiError("invalid", _("Nội dung phải là một danh sách JSON các hồ sơ."), 400)
        if len(records) > 10000:
            raise ApiError("too_large", _("Mỗi lần nhập tối đa 10.000 hồ sơ."), 413)
        return Response(import_records(records))


class PublicLookup(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Tra cứu tình trạng hồ sơ (công khai, không có dữ liệu cá nhân)",
        responses={200: s.LookupSerializer},
    )
    def get(self, request: Request, code: str) -> Response:
        # Any letter case, spaces around the code ignored: as typed from a paper receipt.
        from django.http import Http404

        from ..views_public import find_for_lookup

        dossier = find_for_lookup(code)
        if dossier is None:
            raise Http404
        return Response(s.LookupSerializer(dossier).data)


class AgencyRegister(APIView):
    @extend_schema(
        summary="Sổ theo dõi hồ sơ (mẫu 07, xlsx)",
        parameters=[
            OpenApiParameter("from", datetime.date, required=True),
            OpenApiParameter("to", datetime.date, required=True),
        ],
        responses={
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): bytes
        },
    )
    def get(self, request: Request, code: str) -> HttpResponse:
        from ..forms.register import register_xlsx

        agency = get_object_or_404(Agency, code=code)
        if not (sees_all_agencies(request.user) or agency.pk in agency_ids_with_role(request.user)):
            raise ApiError(
                "permission_denied", _("Bạn không có quyền xem sổ của cơ quan này."), 403
            )
        try:
            start = datetime.date.fromisoformat(request.query_params.get("from", ""))
            end = datetime.date.fromisoformat(request.query_params.get("to", ""))
        except ValueError:
            raise ApiError(
                "invalid_parameter", _("Tham số from, to phải có dạng YYYY-MM-DD.")
            ) from None
        if end < start or (end - start).days > 366:
            raise ApiError("invalid_parameter", _("Khoảng thời gian không hợp lệ (tối đa 1 năm)."))
        masked = not sees_agency_personal_data(request.user, agency.pk)
        content = register_xlsx(agency, start, end, masked=masked)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="so-theo-doi-{code}-{start}-{end}.xlsx"'
        )
        return response
