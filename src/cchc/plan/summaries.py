"""Targets as plain data — for the API, the dashboard and its exports alike."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .constants import MeasurementKind
from .forecast import LEVEL, Status
from .models import Plan, Target
from .periods import Period, PeriodKind
from .permissions import AgencyDirectory
from .values import PlanValues, Value

STATUS_LABELS = {
    Status.ON_TRACK: lambda: _("Đúng hướng"),
    Status.AT_RISK: lambda: _("Có nguy cơ"),
    Status.OFF_TRACK: lambda: _("Chệch hướng"),
    Status.NO_DATA: lambda: _("Chưa đủ dữ liệu"),
}
# A symbol beside the colour, so the status does not rest on colour alone.
STATUS_SYMBOLS = {
    Status.ON_TRACK: "✓",
    Status.AT_RISK: "!",
    Status.OFF_TRACK: "✗",
    Status.NO_DATA: "–",
}
BASIS_LABELS = {
    "forecast": lambda: _("theo dự báo"),
    "actual": lambda: _("theo kết quả năm mục tiêu"),
    "current": lambda: _("theo giá trị hiện tại"),
    "none": lambda: "",
}


def status_label(status: str) -> str:
    return str(STATUS_LABELS[Status(status)]())


def default_plan() -> Plan | None:
    return Plan.objects.order_by("code", "-version").first()


def plan_targets(plan: Plan) -> QuerySet[Target]:
    return plan.targets.select_related("area").order_by("area__number", "key")


def family_key(target: Target) -> str:
    """The key without its year: 2025 and 2030 targets of one metric share it."""
    for suffix in ("-2025", "-2030"):
        if target.key.endswith(suffix):
            return target.key[: -len(suffix)]
    return target.key


def comparator_text(target: Target) -> str:
    if target.comparator == "range":
        return f"{_fmt(target.value)}–{_fmt(target.value_max)}"
    symbol = {">=": "≥", "<=": "≤"}.get(target.comparator, target.comparator)
    return f"{symbol} {_fmt(target.value)}"


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    text = f"{float(value):.3f}".rstrip("0").rstrip(".")
    return text


def value_dict(value: Value | None) -> dict[str, Any] | None:
    if value is None or value.value is None:
        return None
    as_of = value.as_of
    return {
        "value": round(value.value, 2),
        "period": value.period.key,
        "period_label": value.period.label,
        "as_of": as_of.isoformat() if as_of is not None else None,
    }


def measurement_dict(target: Target, directory: AgencyDirectory) -> dict[str, Any]:
    if target.measurement == MeasurementKind.COMPUTED:
        return {
            "kind": "computed",
            "formula": target.formula,
            "index_766": target.index_766 or None,
        }
    agency = directory.resolve(target.reporting_agency)
    return {
        "kind": "reported",
        "agency": target.reporting_agency,
        "agency_code": agency.code if agency else None,
        "frequency": target.frequency,
        "evidence": target.evidence,
    }


def summary(
    target: Target,
    values: PlanValues,
    directory: AgencyDirectory,
    scope: str = "province",
) -> dict[str, Any]:
    """Everything the list API says about a target, at `scope`."""
    assessment = values.assess(target, scope)
    projection = assessment.projection
    return {
        "id": target.key,
        "area": {"number": target.area.number, "name": target.area.name},
        "text": target.text,
        "metric": target.metric,
        "year": target.year,
        "comparator": target.comparator,
        "value": float(target.value),
        "value_max": float(target.value_max) if target.value_max is not None else None,
        "unit": target.unit,
        "scope_level": target.scope_level,
        "measurement": measurement_dict(target, directory),
        "current": value_dict(values.current(target, scope)),
        "forecast": None
        if projection is None
        else {
            "year": target.year,
            "value": projection.value,
            "low": projection.low,
            "high": projection.high,
            "level": LEVEL,
            "method": "ols",
            "grid": assessment.grid.value if assessment.grid else None,
            "points": projection.n,
        },
        "status": assessment.status.value,
        "status_basis": assessment.basis,
    }


def series_rows(values: list[Value]) -> list[dict[str, Any]]:
    return [
        {
            "period": v.period.key,
            "period_label": v.period.label,
            "start": v.period.start.isoformat(),
            "end": v.period.end.isoformat(),
            "scope": v.scope,
            "value": None if v.value is None else round(v.value, 2),
            "numerator": v.numerator,
            "denominator": v.denominator,
        }
        for v in values
    ]


def default_grid(target: Target) -> PeriodKind:
    if target.measurement == MeasurementKind.REPORTED:
        from .periods import FREQUENCY_PERIOD

        return FREQUENCY_PERIOD.get(target.frequency, PeriodKind.YEAR)
    return PeriodKind.QUARTER


def ytd(today: datetime.date) -> Period:
    return Period.year_to_date(today)
