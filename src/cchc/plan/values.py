"""Values of the plan's targets per period and scope, their current value and their forecast.

- Computed targets ask the stats app: `measure(formula, start, end, scope)` over its daily
  rollups (a running period is measured up to today).
- Reported targets use approved reports: the value of a period is that of the latest report
  whose own period lies inside it (a quarterly report of Q3 is the value of Q3, of the year
  to date and — until Q4 is approved — of the year). Reported figures are levels, not flows.

One `PlanValues` serves one request or one export: it memoises every measurement and reads the
rollup sums of each period and scope once for all formulas (`cchc.stats.measures.Measurer`);
measurements are also kept in the stats app's result cache until their rollups change.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Min
from django.utils import timezone

from cchc.stats.measures import Measurer

from .constants import MeasurementKind, ReportStatus
from .forecast import Projection, Status, project, status_of_actual, status_of_band
from .models import ReportVersion, Target
from .periods import FREQUENCY_PERIOD, Period, PeriodKind, periods_between

PLAN_START = datetime.date(2021, 1, 1)
# How far back each grid is measured when looking for a trend (months are many).
GRID_SPAN_YEARS = {PeriodKind.YEAR: 10, PeriodKind.QUARTER: 6, PeriodKind.MONTH: 2}


@dataclass(frozen=True)
class Value:
    period: Period
    scope: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    as_of: datetime.datetime | datetime.date | None = None


@dataclass
class Assessment:
    status: Status
    basis: str  # "forecast" | "actual" | "current" | "none"
    projection: Projection | None
    grid: PeriodKind | None
    points: list[Value] = field(default_factory=list)


def _num(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _measure(
    formula: str,
    start: datetime.date,
    end: datetime.date,
    scope: str,
    sectors: tuple[str, ...],
    measurer: Measurer | None = None,
) -> tuple:
    """(value, numerator, denominator) from the stats app; N/A and unknown formulas are None.
    A target limited to sectors (land, construction, investment…) is measured on them only.
    `measurer` shares the rollup sums of a period and scope between formulas (a page)."""
    from cchc.stats.measures import FORMULAS, Scope, measure

    if formula not in FORMULAS:
        return (None, None, None)
    parsed = Scope.parse(scope)
    if sectors:
        parsed = Scope(parsed.kind, parsed.code, sectors=sectors)
    if measurer is not None:
        result = measurer.measure(formula, start, end, parsed)
    else:
        result = measure(formula, start, end, parsed)
    return (_num(result.value), _num(result.numerator), _num(result.denominator))


def first_rollup_day() -> datetime.date | None:
    """The first month the stats rollups hold (one small aggregate over the monthly table)."""
    try:
        from cchc.stats.models import AgencyMonth
    except ImportError:
        return None
    return AgencyMonth.objects.aggregate(first=Min("day"))["first"]


class PlanValues:
    """The values of targets, memoised; `today` is the reference day (tests pin it)."""

    def __init__(self, today: datetime.date | None = None) -> None:
        self.today = today or timezone.localdate()
        self._memo: dict[tuple, tuple] = {}
        self._reported: dict[tuple[int, str], list[tuple[Period, float, datetime.datetime]]] | None
        self._reported = None
        self._first_day: datetime.date | None = None
        self.measurer = Measurer()

    # --- raw values ------------------------------------------------------------------------
    def first_data_day(self) -> datetime.date:
        """The first day the platform holds dossier data for (plan start if unknown)."""
        if self._first_day is None:
            day = first_rollup_day()
            self._first_day = max(PLAN_START, day) if day else self.today
        return self._first_day

    def computed(
        self, formula: str, period: Period, scope: str, sectors: tuple[str, ...] = ()
    ) -> tuple:
        end = min(period.end, self.today)
        key = (formula, period.start, end, scope, sectors)
        if key in self._memo:
            return self._memo[key]

        if period.start > end:
            result: tuple = (None, None, None)
        else:  # cached by the stats app until the scope's rollups change
            result = _measure(formula, period.start, end, scope, sectors, measurer=self.measurer)
        self._memo[key] = result
        return result

    def _reports(self) -> dict[tuple[int, str], list[tuple[Period, float, datetime.datetime]]]:
        """Every approved figure, latest approved version per report, loaded in one query."""
        if self._reported is None:
            latest: dict[int, ReportVersion] = {}
            versions = ReportVersion.objects.filter(status=ReportStatus.APPROVED).select_related(
                "report"
            )
            for version in versions.order_by("report_id", "number"):
                latest[version.report_id] = version  # a higher number replaces a lower one
            grouped: dict[tuple[int, str], list] = defaultdict(list)
            for version in latest.values():
                report = version.report
                try:
                    period = Period.parse(report.period_key)
                except ValueError:
                    continue
                grouped[(report.target_id, report.scope)].append(
                    (period, float(version.value), version.approved_at)
                )
            for items in grouped.values():
                items.sort(key=lambda item: (item[0].end, item[0].start))
            self._reported = dict(grouped)
        return self._reported

    def value(self, target: Target, period: Period, scope: str = "province") -> Value:
        if target.measurement == MeasurementKind.COMPUTED:
            value, numerator, denominator = self.computed(
                target.formula, period, scope, tuple(target.sectors or ())
            )
            as_of = min(period.end, self.today) if value is not None else None
            return Value(period, scope, value, numerator, denominator, as_of)
        inside = [
            item for item in self._reports().get((target.pk, scope), []) if item[0].within(period)
        ]
        if not inside:
            return Value(period, scope, None)
        _p, number, approved_at = inside[-1]
        return Value(period, scope, number, as_of=approved_at)

    def series(
        self,
        target: Target,
        kind: PeriodKind | str,
        scope: str = "province",
        first: datetime.date | None = None,
        last: datetime.date | None = None,
    ) -> list[Value]:
        """The values of every `kind` period from `first` (default: first data) to `last`."""
        kind = PeriodKind(kind)
        last = last or self.today
        if first is None:
            if target.measurement == MeasurementKind.COMPUTED:
                span = GRID_SPAN_YEARS.get(kind, 10)
                first = max(self.first_data_day(), datetime.date(last.year - span + 1, 1, 1))
            else:
                first = PLAN_START
        if target.measurement == MeasurementKind.REPORTED:
            return [
                Value(p, scope, v, as_of=at)
                for p, v, at in self._reports().get((target.pk, scope), [])
                if p.kind == kind and first <= p.end and p.start <= last
            ]
        return [self.value(target, p, scope) for p in periods_between(kind, first, last)]

    def current(self, target: Target, scope: str = "province") -> Value | None:
        """Computed: this year to date (else last year). Reported: the latest approved figure."""
        if target.measurement == MeasurementKind.REPORTED:
            items = self._reports().get((target.pk, scope), [])
            if not items:
                return None
            period, number, approved_at = items[-1]
            return Value(period, scope, number, as_of=approved_at)
        for period in (Period.year_to_date(self.today), Period.year(self.today.year - 1)):
            found = self.value(target, period, scope)
            if found.value is not None:
                return found
        return None

    # --- trend and status --------------------------------------------------------------------
    def grids(self, target: Target) -> list[PeriodKind]:
        if target.measurement == MeasurementKind.REPORTED:
            return [FREQUENCY_PERIOD.get(target.frequency, PeriodKind.YEAR)]
        return [PeriodKind.YEAR, PeriodKind.QUARTER, PeriodKind.MONTH]

    def trend_points(
        self, target: Target, scope: str = "province"
    ) -> tuple[PeriodKind | None, list[Value]]:
        """The coarsest grid with at least three values of ended periods, and those values
        (a running month or quarter is measured to date and would bend the line)."""
        best: tuple[PeriodKind | None, list[Value]] = (None, [])
        for kind in self.grids(target):
            points = [
                v
                for v in self.series(target, kind, scope)
                if v.value is not None and v.period.end < self.today
            ]
            if len(points) >= 3:
                return kind, points
            if len(points) > len(best[1]):
                best = (kind, points)
        return best

    def assess(self, target: Target, scope: str = "province") -> Assessment:
        goal = float(target.value)
        goal_max = _num(target.value_max)
        bounds = (0.0, 100.0) if target.unit == "%" else (0.0, math.inf)
        grid, points = self.trend_points(target, scope)
        projection = None
        if len(points) >= 3:
            projection = project(
                [(v.period.midpoint, float(v.value or 0)) for v in points],
                Period.year(target.year).midpoint,
                bounds,
            )
        if self.today > datetime.date(target.year, 12, 31):
            # The target year is over: judged on its own value, else on today's level.
            for found in (
                self.value(target, Period.year(target.year), scope),
                self.current(target, scope),
            ):
                if found is not None and found.value is not None:
                    status = status_of_actual(found.value, target.comparator, goal, goal_max)
                    basis = (
                        "actual"
                        if found.period.kind == PeriodKind.YEAR
                        and (found.period.start.year == target.year)
                        else "current"
                    )
                    return Assessment(status, basis, None, grid, points)
            return Assessment(Status.NO_DATA, "none", None, grid, points)
        if projection is not None:
            status = status_of_band(
                projection.low, projection.high, target.comparator, goal, goal_max
            )
            return Assessment(status, "forecast", projection, grid, points)
        return Assessment(Status.NO_DATA, "none", None, grid, points)


def decimal_or_none(value: float | None, places: int = 2) -> Decimal | None:
    return None if value is None else round(Decimal(str(value)), places)
