"""The leadership dashboard as data: areas, target families (2025 and 2030), charts, the 766
index, its ranking and the latest procedures — one builder for the page and both exports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from cchc.stats.cache import cached

from .forecast import Status
from .models import Plan, Target
from .periods import Period
from .permissions import AgencyDirectory
from .scopes import agencies, communes, districts, scope_name
from .service_index import index_766, ranking, worst_procedures
from .summaries import (
    BASIS_LABELS,
    STATUS_SYMBOLS,
    comparator_text,
    family_key,
    plan_targets,
    status_label,
    summary,
)
from .values import PlanValues

STATUS_TONES = {
    Status.ON_TRACK: "success",
    Status.AT_RISK: "warning",
    Status.OFF_TRACK: "danger",
    Status.NO_DATA: "secondary",
}


def grid_label(kind: str) -> str:
    labels = {"year": _("năm"), "half": _("6 tháng"), "quarter": _("quý"), "month": _("tháng")}
    return str(labels.get(kind, kind))


@dataclass
class TargetCell:
    key: str
    year: int
    goal: str
    goal_value: float
    unit: str
    status: str
    status_label: str
    symbol: str
    tone: str
    basis: str
    forecast: dict[str, Any] | None


@dataclass
class Family:
    key: str
    metric: str
    unit: str
    measurement: str
    current: dict[str, Any] | None
    targets: dict[int, TargetCell]
    chart_id: str = ""
    grid: str = ""
    chart: dict[str, Any] | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def t2025(self) -> TargetCell | None:
        return self.targets.get(2025)

    @property
    def t2030(self) -> TargetCell | None:
        return self.targets.get(2030)


@dataclass
class AreaBlock:
    number: int
    name: str
    families: list[Family]


def _cell(target: Target, data: dict[str, Any]) -> TargetCell:
    status = Status(data["status"])
    return TargetCell(
        key=target.key,
        year=target.year,
        goal=comparator_text(target),
        goal_value=float(target.value),
        unit=target.unit,
        status=status.value,
        status_label=status_label(status),
        symbol=STATUS_SYMBOLS[status],
        tone=STATUS_TONES[status],
        basis=str(BASIS_LABELS[data["status_basis"]]()),
        forecast=data["forecast"],
    )


def _chart(family: Family, target: Target, values: PlanValues, scope: str) -> None:
    """Observed values on the trend grid, the targets, and the projection with its band."""
    grid, points = values.trend_points(target, scope)
    if len(points) < 2:
        return
    labels = [p.period.label for p in points]
    observed: list[float | None] = [round(p.value or 0, 2) for p in points]
    low: list[float | None] = [None] * len(points)
    high: list[float | None] = [None] * len(points)
    projected: list[float | None] = [None for _p in points[:-1]]
    projected.append(observed[-1])
    forecast = None
    for year in (2025, 2030):
        cell = family.targets.get(year)
        if cell and cell.forecast and year > values.today.year - 1:
            forecast = cell.forecast
    if forecast:
        labels.append(_("Dự báo %(y)s") % {"y": forecast["year"]})
        observed.append(None)
        projected.append(forecast["value"])
        low.append(forecast["low"])
        high.append(forecast["high"])
    goals = {str(y): c.goal_value for y, c in family.targets.items()}
    family.chart = {
        "labels": labels,
        "observed": observed,
        "projected": projected,
        "low": low,
        "high": high,
        "goals": goals,
        "unit": family.unit,
        "names": {
            "observed": _("Giá trị thực tế"),
            "projected": _("Dự báo"),
            "low": _("Cận dưới dự báo"),
            "high": _("Cận trên dự báo"),
            "goal": _("Mục tiêu %(y)s"),
        },
    }
    family.rows = [{"label": p.period.label, "value": round(p.value or 0, 2)} for p in points]
    if forecast:
        family.rows.append(
            {
                "label": _("Dự báo %(y)s") % {"y": forecast["year"]},
                "value": forecast["value"],
                "low": forecast["low"],
                "high": forecast["high"],
                "forecast": True,
            }
        )
    family.chart_id = "chart-" + "".join(c if c.isalnum() else "-" for c in family.key)
    family.grid = grid_label(grid.value) if grid else ""


def build_cached(plan: Plan, scope: str = "province") -> dict[str, Any]:
    """The dashboard's data, computed at most once a minute per process and scope (the same
    short cache as the indicators it reads, `cchc.stats.cache`; none in debug mode). Building
    it reads every target's values, series and forecast — about a second on a province of
    3 million dossiers — so the page would otherwise cost that on every view."""
    from django.utils import translation

    key = f"plan-dashboard:{plan.pk}:{scope}:{datetime.date.today()}:{translation.get_language()}"
    return cached(key, lambda: build(plan, scope), depends=("province", "plan"))


def build(
    plan: Plan, scope: str = "province", today: datetime.date | None = None
) -> dict[str, Any]:
    values = PlanValues(today)
    directory = AgencyDirectory()
    period = Period.year_to_date(values.today)
    areas: list[AreaBlock] = []
    counts = {s.value: 0 for s in Status}
    by_area: dict[int, dict[str, Family]] = {}
    area_names: dict[int, str] = {}
    last_target: dict[str, Target] = {}
    for target in plan_targets(plan):
        data = summary(target, values, directory, scope)
        counts[data["status"]] += 1
        area_names[target.area.number] = target.area.name
        families = by_area.setdefault(target.area.number, {})
        key = family_key(target)
        family = families.get(key)
        if family is None:
            family = families[key] = Family(
                key=key,
                metric=target.metric,
                unit=target.unit,
                measurement=target.measurement,
                current=data["current"],
                targets={},
            )
        family.targets[target.year] = _cell(target, data)
        last_target[key] = target
    for number in sorted(by_area):
        for key, family in by_area[number].items():
            _chart(family, last_target[key], values, scope)
        areas.append(AreaBlock(number, area_names[number], list(by_area[number].values())))
    index = index_766(period.start, period.end, scope)
    agency_options = agencies()
    return {
        "plan": plan,
        "scope": scope,
        "scope_name": scope_name(scope),
        "today": values.today,
        "period": period,
        "areas": areas,
        "counts": [
            {
                "status": s.value,
                "label": status_label(s),
                "symbol": STATUS_SYMBOLS[s],
                "tone": STATUS_TONES[s],
                "count": counts[s.value],
            }
            for s in Status
        ],
        "index": index,
        "ranking": ranking(period.start, period.end, "agency", {a.key[7:] for a in agency_options})
        if scope == "province"
        else [],
        "commune_ranking": ranking(period.start, period.end, "unit") if scope == "province" else [],
        "worst": worst_procedures(period.start, period.end, scope),
        "agencies": agency_options,
        "communes": communes(period),
        "districts": districts(Period.year(2025)),
    }
