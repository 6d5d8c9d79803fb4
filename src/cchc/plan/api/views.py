"""REST API of the plan: targets with current value, forecast and status; reported figures."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cchc.api.errors import ApiError

from .. import reports as services
from ..constants import MeasurementKind, ReportStatus
from ..models import Plan, ReportEvent, ReportVersion, Target
from ..periods import Period, PeriodKind
from ..permissions import AgencyDirectory, may_report, sees_dashboard
from ..scopes import BREAKDOWNS, ScopeError, breakdown_options, check_scope
from ..summaries import default_grid, default_plan, plan_targets, series_rows, summary
from ..values import PlanValues
from . import serializers as s

PLAN_PARAM = OpenApiParameter(
    "plan", str, description="plan code (default: the first plan loaded)", required=False
)
SCOPE_PARAM = OpenApiParameter(
    "scope", str, description="province | agency:<code> | unit:<code>", required=False
)


class SeesPlan(BasePermission):
    """Leadership: monitors, province administrators, approvers of provincial agencies."""

    def has_permission(self, request: Any, view: Any) -> bool:
        return sees_dashboard(request.user)


def _plan(request: Request) -> Plan:
    code = request.query_params.get("plan")
    plan = Plan.objects.filter(code=code).order_by("-version").first() if code else default_plan()
    if plan is None:
        raise ApiError("not_found", _("Không tìm thấy kế hoạch."), 404)
    return plan


def _scope(request: Request) -> str:
    try:
        return check_scope(request.query_params.get("scope", "province"))
    except ScopeError:
        raise ApiError(
            "invalid_parameter",
            _("Tham số scope phải là province, agency:<mã> hoặc unit:<mã>."),
        ) from None


def _target(request: Request, key: str) -> Target:
    return get_object_or_404(Target.objects.select_related("area"), plan=_plan(request), key=key)


def _date(request: Request, name: str, default: datetime.date | None) -> datetime.date | None:
    raw = request.query_params.get(name)
    if not raw:
        return default
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise ApiError(
            "invalid_parameter", _("Tham số %(n)s phải có dạng YYYY-MM-DD.") % {"n": name}
        ) from None


class TargetList(APIView):
    permission_classes = [SeesPlan]

    @extend_schema(
        summary="Chỉ tiêu của kế hoạch, giá trị hiện tại, dự báo và trạng thái",
        parameters=[PLAN_PARAM, SCOPE_PARAM],
        responses={200: s.TargetSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        plan, scope = _plan(request), _scope(request)
        values, directory = PlanValues(), AgencyDirectory()
        return Response([summary(t, values, directory, scope) for t in plan_targets(plan)])


class TargetDetail(APIView):
    permission_classes = [SeesPlan]

    @extend_schema(
        summary="Một chỉ tiêu, với chuỗi giá trị theo kỳ và theo phạm vi",
        parameters=[
            PLAN_PARAM,
            SCOPE_PARAM,
            OpenApiParameter(
                "granularity",
                str,
                enum=["month", "quarter", "half", "year"],
                description="grid of the series (default: quarter; a reported target: its frequency)",
            ),
            OpenApiParameter("from", datetime.date, description="first day of the series"),
            OpenApiParameter("to", datetime.date, description="last day (default: today)"),
            OpenApiParameter(
                "breakdown",
                str,
                enum=sorted(BREAKDOWNS),
                description="also the value of every agency, commune or (before 7/2025) district",
            ),
            OpenApiParameter(
                "period", str, description="period of the breakdown (default: this year to date)"
            ),
        ],
        responses={200: s.TargetDetailSerializer},
    )
    def get(self, request: Request, key: str) -> Response:
        target, scope = _target(request, key), _scope(request)
        values, directory = PlanValues(), AgencyDirectory()
        params = request.query_params
        try:
            grid = PeriodKind(params.get("granularity") or default_grid(target))
            if grid == PeriodKind.YTD:
                raise ValueError(grid)
        except ValueError:
            raise ApiError(
                "invalid_parameter", _("granularity phải là month, quarter, half hoặc year.")
            ) from None
        last = _date(request, "to", values.today)
        first = _date(request, "from", None)
        if first is not None and last is not None and first > last:
            raise ApiError("invalid_parameter", _("Ngày bắt đầu sau ngày kết thúc."))
        if first is not None and last is not None and (last - first).days > 366 * 12:
            raise ApiError("invalid_parameter", _("Khoảng thời gian quá dài."))
        body = summary(target, values, directory, scope)
        body.update(
            scope=scope,
            granularity=grid.value,
            series=series_rows(values.series(target, grid, scope, first=first, last=last)),
            breakdown_period=None,
            breakdown=[],
        )
        kind = params.get("breakdown")
        if kind:
            if kind not in BREAKDOWNS:
                raise ApiError(
                    "invalid_parameter", _("breakdown phải là agencies, communes hoặc districts.")
                )
            try:
                period = Period.parse(params["period"]) if params.get("period") else None
            except ValueError:
                raise ApiError("invalid_parameter", _("Kỳ không hợp lệ.")) from None
            period = period or Period.year_to_date(values.today)
            rows = []
            for option in breakdown_options(kind, period):
                found = values.value(target, period, option.key)
                rows.append(
                    {
                        "scope": option.key,
                        "name": option.name,
                        "kind": option.kind,
                        "value": None if found.value is None else round(found.value, 2),
                        "numerator": found.numerator,
                        "denominator": found.denominator,
                    }
                )
            body.update(breakdown_period=period.key, breakdown=rows)
        return Response(body)


def _versions() -> QuerySet[ReportVersion]:
    # The serializer prints each version's evidence and events: fetch them in two queries.
    return ReportVersion.objects.select_related("report__target", "submitted_by").prefetch_related(
        "evidence", Prefetch("events", queryset=ReportEvent.objects.order_by("at", "id"))
    )


def _counting(versions: list[ReportVersion]) -> dict[int, int]:
    counting: dict[int, int] = {}
    for v in sorted(versions, key=lambda v: v.number):
        if v.status == ReportStatus.APPROVED:
            counting[v.report_id] = v.pk
    return counting


class TargetReports(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Các lần báo cáo của một chỉ tiêu (mọi phiên bản, kể cả bản đã sửa)",
        parameters=[PLAN_PARAM],
        responses={200: s.ReportVersionSerializer(many=True)},
    )
    def get(self, request: Request, key: str) -> Response:
        target = _target(request, key)
        if not (sees_dashboard(request.user) or may_report(request.user, target)):
            raise ApiError("permission_denied", _("Bạn không có quyền xem báo cáo này."), 403)
        versions = list(_versions().filter(report__target=target).order_by("report", "-number"))
        context = {"counting": _counting(versions)}
        return Response(s.ReportVersionSerializer(versions, many=True, context=context).data)

    @extend_schema(
        summary="Gửi số liệu một kỳ (lần đầu hoặc bản sửa), kèm minh chứng",
        parameters=[PLAN_PARAM],
        request={"multipart/form-data": s.ReportSubmitSerializer},
        responses={201: s.ReportVersionSerializer},
    )
    def post(self, request: Request, key: str) -> Response:
        target = _target(request, key)
        if target.measurement != MeasurementKind.REPORTED:
            raise ApiError("invalid", _("Chỉ tiêu này được tính tự động, không nhập báo cáo."))
        payload: Any = request.data
        data = s.ReportSubmitSerializer(
            data={
                **{k: payload.get(k) for k in ("period", "value", "note", "scope") if k in payload},
                "evidence": request.FILES.getlist("evidence"),
            }
        )
        data.is_valid(raise_exception=True)
        try:
            period = Period.parse(data.validated_data["period"])
        except ValueError:
            raise ApiError(
                "invalid", _("Kỳ báo cáo không hợp lệ."), 400, {"period": _("Không hợp lệ.")}
            ) from None
        try:
            scope = check_scope(data.validated_data["scope"])
        except ScopeError:
            raise ApiError("invalid", _("Phạm vi không hợp lệ."), 400) from None
        version = services.submit_report(
            target,
            request.user,
            period,
            data.validated_data["value"],
            data.validated_data["evidence"],
            note=data.validated_data["note"],
            scope=scope,
        )
        version = _versions().get(pk=version.pk)
        return Response(s.ReportVersionSerializer(version, context={"counting": {}}).data, 201)


def _version(request: Request, pk: int) -> ReportVersion:
    version = get_object_or_404(_versions(), pk=pk)
    target = version.report.target
    if not (sees_dashboard(request.user) or may_report(request.user, target)):
        raise ApiError("permission_denied", _("Bạn không có quyền xem báo cáo này."), 403)
    return version


class ReportAction(APIView):
    @extend_schema(
        summary="Thẩm định (review), phê duyệt (approve) hoặc trả lại (return) một lần báo cáo",
        request=s.ReportActionSerializer,
        responses={200: s.ReportVersionSerializer},
    )
    def post(self, request: Request, pk: int, action: str) -> Response:
        version = _version(request, pk)
        if action not in ("review", "approve", "return"):
            raise ApiError("not_found", _("Không có thao tác %(a)s.") % {"a": action}, 404)
        data = s.ReportActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.act(version, request.user, action, note=data.validated_data["note"])
        version = _versions().get(pk=pk)
        counting = _counting(list(version.report.versions.all()))
        return Response(s.ReportVersionSerializer(version, context={"counting": counting}).data)


class ReportEvidenceUpload(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Bổ sung minh chứng cho lần báo cáo đang chờ thẩm định",
        request={"multipart/form-data": s.EvidenceUploadSerializer},
        responses={201: s.EvidenceSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        version = _version(request, pk)
        upload = request.FILES.get("file")
        if upload is None:
            raise ApiError("invalid", _("Thiếu tệp minh chứng."), 400, {"file": _("Bắt buộc.")})
        evidence = services.add_evidence(version, request.user, upload)
        return Response(s.EvidenceSerializer(evidence).data, 201)
