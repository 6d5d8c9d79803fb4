"""Public calendar API: due dates and the year's days off (DOMAIN.md §3).

No authentication: the answers are public information (the legal calendar), useful to the
citizen portal and to integrators. Every bad parameter is a 400 ``invalid_parameter``.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cchc.api.errors import ApiError

from . import calendar as wc
from .constants import DurationUnit
from .selectors import calendar_for, non_working_days

MIN_YEAR = 1990
MAX_YEAR = 2100
MAX_DURATION = Decimal(3650)

# "+07:00" in a query string that was not URL-encoded arrives as " 07:00": put the plus back.
_LOST_PLUS = re.compile(
    r"^(?P<stamp>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (?P<offset>\d{2}:?\d{2})$"
)


class DueResponseSerializer(serializers.Serializer):
    due = serializers.DateTimeField(help_text="Hạn xử lý, ISO 8601 với múi giờ +07:00.")


class NonWorkingDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=[wc.KIND_DAY_OFF, wc.KIND_WORKING_DAY])
    reason = serializers.CharField(
        help_text=(
            "Tên ngày lễ hoặc lý do, theo ngôn ngữ của yêu cầu (Accept-Language: vi mặc định, "
            "en); điều chỉnh do tỉnh nhập giữ nguyên văn."
        )
    )


class NonWorkingDaysResponseSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    days = NonWorkingDaySerializer(many=True)


# Built with inline_serializer: a declared field named "fields" would shadow Serializer.fields.
ErrorSerializer = inline_serializer(
    name="CalendarError",
    fields={
        "code": serializers.CharField(help_text="Mã lỗi, ví dụ invalid_parameter."),
        "message": serializers.CharField(help_text="Thông báo lỗi (tiếng Việt)."),
        "fields": serializers.DictField(
            child=serializers.CharField(), required=False, help_text="Lỗi theo tham số."
        ),
    },
)


def _invalid(param: str, message: str) -> ApiError:
    return ApiError("invalid_parameter", message, status_code=400, fields={param: message})


def _required(request: Request, param: str) -> str:
    value = request.query_params.get(param)
    if value is None or not value.strip():
        raise _invalid(param, _("Thiếu tham số bắt buộc “%(param)s”.") % {"param": param})
    return value.strip()


def _parse_start(text: str) -> datetime:
    repaired = _LOST_PLUS.sub(r"\g<stamp>+\g<offset>", text)
    try:
        value = datetime.fromisoformat(repaired)
    except ValueError:
        raise _invalid(
            "start",
            _(
                "Tham số “start” không phải thời điểm ISO 8601 hợp lệ "
                "(ví dụ 2026-02-13T10:00:00+07:00)."
            ),
        ) from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise _invalid(
            "start",
            _("Tham số “start” phải ghi rõ múi giờ, ví dụ 2026-02-13T10:00:00+07:00."),
        )
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise _invalid(
            "start",
            _("Tham số “start” phải nằm trong các năm %(min)d–%(max)d.")
            % {"min": MIN_YEAR, "max": MAX_YEAR},
        )
    return value


def _parse_duration(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise _invalid("duration", _("Tham số “duration” phải là một số, ví dụ 3 hoặc 0.5."))
    if value < 0 or value > MAX_DURATION:
        raise _invalid(
            "duration",
            _("Tham số “duration” phải nằm trong khoảng từ 0 đến %(max)s.") % {"max": MAX_DURATION},
        )
    return value


def _parse_unit(text: str) -> str:
    if text not in wc.UNITS:
        raise _invalid(
            "unit",
            _("Tham số “unit” phải là một trong: %(units)s.")
            % {"units": ", ".join(DurationUnit.values)},
        )
    return text


def _parse_year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        year = None
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise _invalid(
            "year",
            _("Tham số “year” phải là một năm từ %(min)d đến %(max)d.")
            % {"min": MIN_YEAR, "max": MAX_YEAR},
        )
    return year


class DueDateView(APIView):
    """Hạn xử lý: the due instant of a duration counted from a start (DOMAIN.md §3)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="calendar_due",
        summary="Tính hạn xử lý theo ngày/giờ làm việc",
        description=(
            "Tính thời điểm hết hạn khi cộng một khoảng thời gian vào thời điểm bắt đầu, theo "
            "lịch làm việc của tỉnh (ngày nghỉ lễ, ngày làm bù, giờ hành chính 07:30–11:30, "
            "13:30–17:30). Tiếp nhận ngoài giờ hành chính thì tính từ giờ mở cửa kế tiếp. "
            "Đơn vị calendar_days: hạn rơi vào ngày nghỉ được chuyển sang ngày làm việc kế "
            "tiếp (Bộ luật Dân sự 2015, Điều 148)."
        ),
        parameters=[
            OpenApiParameter(
                "start",
                OpenApiTypes.DATETIME,
                OpenApiParameter.QUERY,
                required=True,
                description="Thời điểm bắt đầu, ISO 8601 có múi giờ (mã hoá dấu + thành %2B).",
                examples=[OpenApiExample("Tết 2026", value="2026-02-13T10:00:00+07:00")],
            ),
            OpenApiParameter(
                "duration",
                OpenApiTypes.DECIMAL,
                OpenApiParameter.QUERY,
                required=True,
                description="Thời hạn, số không âm tối đa 3650; cho phép số lẻ (0.5 ngày = 4 giờ).",
            ),
            OpenApiParameter(
                "unit",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=True,
                enum=list(DurationUnit.values),
                description="Đơn vị: working_days, working_hours hoặc calendar_days.",
            ),
        ],
        responses={200: DueResponseSerializer, 400: ErrorSerializer},
        examples=[
            OpenApiExample(
                "3 ngày làm việc qua Tết 2026",
                value={"due": "2026-02-25T10:00:00+07:00"},
                response_only=True,
            )
        ],
        tags=["calendar"],
    )
    def get(self, request: Request) -> Response:
        start = _parse_start(_required(request, "start"))
        duration = _parse_duration(_required(request, "duration"))
        unit = _parse_unit(_required(request, "unit"))
        calendar = calendar_for(start.astimezone(timezone.get_default_timezone()).date())
        try:
            due = calendar.add(start, duration, unit)
        except (ValueError, OverflowError):
            raise _invalid(
                "duration", _("Không tính được hạn xử lý với tham số “duration” này.")
            ) from None
        return Response({"due": due.astimezone(calendar.tz).isoformat(timespec="seconds")})


class NonWorkingDaysView(APIView):
    """Ngày nghỉ và ngày làm bù của một năm (DOMAIN.md §3)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="calendar_non_working_days",
        summary="Danh sách ngày nghỉ lễ và ngày làm bù trong năm",
        description=(
            "Mọi ngày nghỉ (kind = day_off, kể cả ngày lễ trùng cuối tuần) và ngày làm việc bù "
            "(kind = working_day) của năm: ngày lễ theo Bộ luật Lao động, ngày hoán đổi theo văn "
            "bản của Chính phủ và điều chỉnh của tỉnh (điều chỉnh của tỉnh được ưu tiên). Tên "
            "ngày bằng tiếng Việt, hoặc tiếng Anh khi yêu cầu có Accept-Language: en."
        ),
        parameters=[
            OpenApiParameter(
                "year",
                OpenApiTypes.INT,
                OpenApiParameter.QUERY,
                required=True,
                description="Năm, từ 1990 đến 2100.",
                examples=[OpenApiExample("2026", value=2026)],
            )
        ],
        responses={200: NonWorkingDaysResponseSerializer, 400: ErrorSerializer},
        tags=["calendar"],
    )
    def get(self, request: Request) -> Response:
        year = _parse_year(_required(request, "year"))
        rows = non_working_days(year, language=get_language())
        days = [
            {"date": day.isoformat(), "kind": kind, "reason": reason} for day, kind, reason in rows
        ]
        return Response({"year": year, "days": days})
