"""REST API of the statistics: the Decision 766 index and its ranking (issue 4 §3).

Who may read: staff with a province-wide role (monitor, province administrator) for every
scope; other staff for the agencies they work in. Rankings compare peers, so any staff
member may read them.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cchc.api.errors import ApiError
from cchc.org.models import Agency
from cchc.org.permissions import agency_ids_with_role, is_staff_member, sees_all_agencies

from .index766 import index_766, ranking
from .query import Scope, ScopeNotFound


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    percent = serializers.FloatField(allow_null=True, help_text="null = N/A (mẫu số bằng 0)")
    threshold = serializers.FloatField()
    score = serializers.FloatField(allow_null=True)
    max = serializers.FloatField()


class GroupSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    score = serializers.FloatField()
    max = serializers.FloatField()
    indicators = IndicatorSerializer(many=True)


class IndexSerializer(serializers.Serializer):
    scope = serializers.CharField()
    total = serializers.FloatField()
    max = serializers.FloatField()
    groups = GroupSerializer(many=True)

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["from"] = serializers.DateField()
        fields["to"] = serializers.DateField()
        return fields


class RankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField(allow_null=True)
    code = serializers.CharField()
    name = serializers.CharField()
    total = serializers.FloatField()
    max = serializers.FloatField()
    percent = serializers.FloatField(allow_null=True)


class RankingSerializer(serializers.Serializer):
    level = serializers.CharField(help_text="agency | unit")
    results = RankingRowSerializer(many=True)

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["from"] = serializers.DateField()
        fields["to"] = serializers.DateField()
        return fields


def _period(request: Request) -> tuple[datetime.date, datetime.date]:
    values = {}
    for name in ("from", "to"):
        text = request.query_params.get(name, "")
        try:
            values[name] = datetime.date.fromisoformat(text)
        except ValueError:
            raise ApiError(
                "invalid",
                _("Tham số không hợp lệ."),
                fields={name: [_("Ngày phải có dạng YYYY-MM-DD.")]},
            ) from None
    if values["from"] > values["to"]:
        raise ApiError(
            "invalid",
            _("Tham số không hợp lệ."),
            fields={"from": [_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")]},
        )
    return values["from"], values["to"]


def _require_staff(request: Request) -> None:
    if not (request.user.is_superuser or is_staff_member(request.user)):
        raise ApiError(
            "permission_denied", _("Chỉ cán bộ được xem chỉ số phục vụ."), status_code=403
        )


def _may_read(user: Any, scope: Scope) -> bool:
    if user.is_superuser or sees_all_agencies(user):
        return True
    if scope.kind != "agency":
        return False
    own = agency_ids_with_role(user)
    return Agency.objects.filter(pk__in=own, code=scope.code).exists()


_PERIOD = [
    OpenApiParameter("from", datetime.date, required=True, description="YYYY-MM-DD"),
    OpenApiParameter("to", datetime.date, required=True, description="YYYY-MM-DD (included)"),
]


class Index766(APIView):
    """Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg) of a scope and period."""

    @extend_schema(
        summary="Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)",
        parameters=[
            *_PERIOD,
            OpenApiParameter(
                "scope",
                str,
                description="province | agency:<mã cơ quan> | unit:<mã đơn vị hành chính>",
            ),
        ],
        responses={200: IndexSerializer},
    )
    def get(self, request: Request) -> Response:
        _require_staff(request)
        start, end = _period(request)
        try:
            scope = Scope.parse(request.query_params.get("scope", "province"))
        except ValueError:
            raise ApiError(
                "invalid",
                _("Tham số không hợp lệ."),
                fields={"scope": [_("Phạm vi phải là province, agency:<mã> hoặc unit:<mã>.")]},
            ) from None
        if not _may_read(request.user, scope):
            raise ApiError(
                "permission_denied",
                _("Bạn chỉ được xem chỉ số của cơ quan mình."),
                status_code=403,
            )
        try:
            return Response(index_766(start, end, scope))
        except ScopeNotFound as exc:
            raise ApiError("not_found", str(exc), status_code=404) from None


class Index766Ranking(APIView):
    """Rank of every agency, or every commune, of the province on the 766 index."""

    @extend_schema(
        summary="Xếp hạng chỉ số QĐ 766 giữa các cơ quan hoặc các xã",
        parameters=[
            *_PERIOD,
            OpenApiParameter("level", str, enum=["agency", "unit"], default="agency"),
        ],
        responses={200: RankingSerializer},
    )
    def get(self, request: Request) -> Response:
        _require_staff(request)
        start, end = _period(request)
        level = request.query_params.get("level", "agency")
        if level not in ("agency", "unit"):
            raise ApiError(
                "invalid",
                _("Tham số không hợp lệ."),
                fields={"level": [_("Chỉ nhận agency hoặc unit.")]},
            )
        rows = ranking(start, end, level)  # type: ignore[arg-type]
        return Response(
            {"level": level, "from": start.isoformat(), "to": end.isoformat(), "results": rows}
        )
