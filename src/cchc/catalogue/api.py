"""REST API of the catalogue: list, detail, import and export (issue 'Catalogue')."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cchc.api.errors import ApiError
from cchc.api.permissions import IsProvinceAdmin

from .constants import ProcedureLevel, Sector, ServiceMode
from .exchange import CatalogueError, export_catalogue, import_catalogue
from .models import FeeLine, Procedure, ProcessStep, RequiredDocument
from .selectors import paying_fee_lines, search


class AgencyRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class ProcedureListSerializer(serializers.ModelSerializer):
    field = serializers.CharField(source="field.name")
    has_fee = serializers.BooleanField(source="has_fee_annotated", read_only=True)
    duration = serializers.FloatField()
    agency = serializers.SerializerMethodField()
    demo = serializers.BooleanField(source="is_demo")

    class Meta:
        model = Procedure
        fields = [
            "code",
            "name",
            "field",
            "level",
            "service_mode",
            "has_fee",
            "paper_result",
            "duration",
            "duration_unit",
            "sectors",
            "agency",
            "demo",
        ]

    def get_agency(self, obj: Procedure) -> dict[str, Any] | None:
        agencies = list(obj.agencies.all())
        if agencies:
            return {"code": agencies[0].code, "name": agencies[0].name}
        if obj.competent_agency_kind:
            return {"code": None, "name": obj.get_competent_agency_kind_display()}
        return None


class FeeSerializer(serializers.ModelSerializer):
    # `note` is the cataloguer's working note (where an amount was found, doubts about it): the
    # province administrator's pages and the catalogue export show it, the public never does.
    class Meta:
        model = FeeLine
        fields = ["name", "code", "amount"]


class RequiredDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequiredDocument
        fields = ["id", "name", "required", "reusable", "condition", "copy_kind", "quantity"]


class StepSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code", allow_null=True, default=None)
    hours = serializers.FloatField()

    class Meta:
        model = ProcessStep
        fields = ["order", "name", "role", "agency", "hours"]


class ProcedureDetailSerializer(ProcedureListSerializer):
    """What anybody may read about a procedure: its publication, never the cataloguer's
    internal notes (fee notes, the record's `source`), which only the administrator sees."""

    agencies = AgencyRefSerializer(many=True)
    fees = FeeSerializer(many=True)
    documents = RequiredDocumentSerializer(many=True)
    steps = StepSerializer(many=True)

    class Meta(ProcedureListSerializer.Meta):
        fields = [
            *ProcedureListSerializer.Meta.fields,
            "agencies",
            "competent_agency_kind",
            "cutoff_time",
            "is_internal",
            "on_national_portal",
            "sequence",
            "method",
            "applicants",
            "legal_basis",
            "result_name",
            "decision_date",
            "effective_date",
            "published_date",
            "assumed_fields",
            "fees",
            "documents",
            "steps",
        ]


def _procedures() -> QuerySet[Procedure]:
    # has_fee is annotated so a page of 200 needs no query per row; agencies are prefetched
    # for the `agency` column.
    paying = paying_fee_lines().filter(procedure=OuterRef("pk"))
    return (
        Procedure.objects.filter(is_active=True)
        .select_related("field")
        .prefetch_related(Prefetch("agencies"))
        .annotate(has_fee_annotated=Exists(paying))
        .order_by("code")
    )


class ProcedureList(generics.ListAPIView):
    """Thủ tục hành chính — public, searchable without diacritics."""

    permission_classes = [AllowAny]
    serializer_class = ProcedureListSerializer

    @extend_schema(
        summary="Danh sách thủ tục hành chính",
        parameters=[
            OpenApiParameter(
                "q", str, description="Tìm theo mã, tên (không phân biệt dấu, thứ tự từ)"
            ),
            OpenApiParameter("level", str, enum=ProcedureLevel.values),
            OpenApiParameter("service_mode", str, enum=ServiceMode.values),
            OpenApiParameter("sector", str, enum=Sector.values),
            OpenApiParameter("field", str, description="Mã lĩnh vực"),
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Procedure]:
        qs = _procedures()
        params = self.request.query_params
        qs = search(qs, params.get("q", ""))
        for name, choices in (("level", ProcedureLevel), ("service_mode", ServiceMode)):
            value = params.get(name)
            if value:
                if value not in choices.values:
                    raise ApiError(
                        "invalid_parameter", _("Tham số %(p)s không hợp lệ.") % {"p": name}
                    )
                qs = qs.filter(**{name: value})
        sector = params.get("sector")
        if sector:
            if sector not in Sector.values:
                raise ApiError(
                    "invalid_parameter", _("Tham số %(p)s không hợp lệ.") % {"p": "sector"}
                )
            # JSON list membership, portable between SQLite and PostgreSQL.
            qs = qs.filter(sectors__icontains=f'"{sector}"')
        if params.get("field"):
            qs = qs.filter(field__code=params["field"])
        return qs


class ProcedureDetail(generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    serializer_class = ProcedureDetailSerializer
    lookup_field = "code"
    lookup_url_kwarg = "code"

    def get_queryset(self) -> QuerySet[Procedure]:
        return _procedures().prefetch_related("fees", "documents", "steps__agency")

    @extend_schema(summary="Chi tiết thủ tục hành chính")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class CatalogueExport(APIView):
    """The whole catalogue in the exchange format, internal notes included: for the province
    administrator (the public reads `procedures` and `procedures/<code>`)."""

    permission_classes = [IsProvinceAdmin]

    @extend_schema(
        summary="Xuất danh mục thủ tục (JSON, lược đồ cchc.catalogue/1; quản trị cấp tỉnh)",
        responses={
            200: inline_serializer(
                "CatalogueDocument",
                {"schema": serializers.CharField(), "procedures": serializers.ListField()},
            )
        },
    )
    def get(self, request: Request) -> Response:
        return Response(export_catalogue())


class CatalogueImport(APIView):
    permission_classes = [IsProvinceAdmin]

    @extend_schema(
        summary="Nhập danh mục thủ tục (quản trị cấp tỉnh)",
        request=inline_serializer(
            "CatalogueImportRequest",
            {"schema": serializers.CharField(), "procedures": serializers.ListField()},
        ),
        responses={
            200: inline_serializer(
                "CatalogueImportResult",
                {
                    "created": serializers.IntegerField(),
                    "updated": serializers.IntegerField(),
                    "errors": serializers.ListField(),
                },
            )
        },
    )
    def post(self, request: Request) -> Response:
        try:
            return Response(import_catalogue(request.data))
        except CatalogueError as exc:
            raise ApiError("invalid", exc.message, 400, {exc.field: exc.message}) from exc
