"""Reading the rollups: sums over a period and a scope, never the dossier table.

A period [start, end] is read as whole months from the monthly tables plus the days at its
edges from the daily tables; a "since the beginning" sum (the 2.1 stock of dossiers in
progress) as every month before the end's month plus that month's days.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import connection
from django.db.models import Case, F, Q, Sum, When
from django.utils.translation import gettext as _

from cchc.org.constants import UnitLevel
from cchc.org.models import AdministrativeUnit, Agency

from .counters import COUNTER_NAMES, CUMULATIVE
from .models import (
    AgencyDay,
    AgencyMonth,
    AgencyProcedureRunning,
    Counters,
    ProcedureDay,
    ProcedureMonth,
    ProvinceDay,
    ProvinceMonth,
    ProvinceProcedureDay,
    ProvinceProcedureMonth,
)

ONE_DAY = datetime.timedelta(days=1)


class ScopeNotFound(LookupError):
    pass


@dataclass(frozen=True)
class Scope:
    """Where a measure is taken (DOMAIN.md §6): the whole province, one agency (dossiers it
    processes, DonViXuLy) or one administrative unit (dossiers processed by its agencies).

    `sectors` narrows to procedures of those catalogue sectors (e.g. land, construction,
    investment for the plan's sector satisfaction target).
    """

    kind: Literal["province", "agency", "unit"]
    code: str = ""
    sectors: tuple[str, ...] = field(default=())

    @classmethod
    def parse(cls, text: str) -> Scope:
        """`province`, `agency:H60.22` or `unit:02215`; ValueError otherwise."""
        text = (text or "").strip()
        if text == "province":
            return cls("province")
        kind, _sep, code = text.partition(":")
        if kind in ("agency", "unit") and code:
            return cls(kind, code)  # type: ignore[arg-type]
        raise ValueError(text)

    def __str__(self) -> str:
        return "province" if self.kind == "province" else f"{self.kind}:{self.code}"


@dataclass(frozen=True)
class Resolved:
    """A scope turned into rollup filters."""

    scope: Scope
    agency_ids: frozenset[int] | None  # None = every agency
    unit_ids: frozenset[int] | None

    def rollup_filter(self) -> Q:
        if self.agency_ids is not None:
            return Q(agency_id__in=self.agency_ids)
        if self.unit_ids is not None:
            return Q(unit_id__in=self.unit_ids)
        return Q()

    def depends(self) -> tuple[str, ...]:
        """The cache versions an answer for this scope depends on (cache.py)."""
        if self.agency_ids is not None:
            return tuple(f"agency#{pk}" for pk in sorted(self.agency_ids))
        if self.unit_ids is not None:
            return tuple(f"unit#{pk}" for pk in sorted(self.unit_ids))
        return ("province",)

    def agencies(self) -> list[Agency]:
        """Agencies of the scope (their procedures make the scope's catalogue)."""
        rows = Agency.objects.all()
        if self.agency_ids is not None:
            rows = rows.filter(pk__in=self.agency_ids)
        elif self.unit_ids is not None:
            rows = rows.filter(unit_id__in=self.unit_ids)
        return list(rows)


def resolve(scope: Scope) -> Resolved:
    if scope.kind == "province":
        return Resolved(scope, None, None)
    if scope.kind == "agency":
        ids = frozenset(Agency.objects.filter(code=scope.code).values_list("pk", flat=True))
        if not ids:
            raise ScopeNotFound(_("Không có cơ quan mã %(code)s.") % {"code": scope.code})
        return Resolved(scope, ids, None)
    units = frozenset(
        AdministrativeUnit.objects.filter(code=scope.code).values_list("pk", flat=True)
    )
    if not units:
        raise ScopeNotFound(_("Không có đơn vị hành chính mã %(code)s.") % {"code": scope.code})
    return Resolved(scope, None, units)


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _whole_months(start: datetime.date, end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """[first, after) of the whole months inside [start, end] (first days; empty if first ≥ after)."""
    first_full = start if start.day == 1 else _next_month(start)
    after_end = end + ONE_DAY
    return first_full, after_end if after_end.day == 1 else _month_start(after_end)


def _pieces(start: datetime.date, end: datetime.date) -> tuple[Q, Q]:
    """(monthly rows, daily rows) covering [start, end]."""
    first_full, last_full_next = _whole_months(start, end)
    if first_full >= last_full_next:  # no whole month inside
        return Q(pk__in=[]), Q(day__gte=start, day__lte=end)
    months = Q(day__gte=first_full, day__lt=last_full_next)
    days = Q(day__gte=start, day__lt=first_full) | Q(day__gte=last_full_next, day__lte=end)
    return months, days


def _tables(by_procedure: bool, province: bool) -> tuple[type[Counters], type[Counters]]:
    """(monthly, daily) tables: the province's own when no agency or unit is asked for (a few
    rows a month, whatever the number of agencies), else the agency tables."""
    if province:
        if by_procedure:
            return ProvinceProcedureMonth, ProvinceProcedureDay
        return ProvinceMonth, ProvinceDay
    return (ProcedureMonth, ProcedureDay) if by_procedure else (AgencyMonth, AgencyDay)


def _sum(
    month_q: Q,
    day_q: Q,
    where: Q,
    names: Iterable[str],
    by_procedure: bool,
    group: str | tuple[str, ...] | None,
    province: bool = False,
) -> dict[object, dict[str, float]]:
    names = list(names)
    columns: tuple[str, ...] = (group,) if isinstance(group, str) else (group or ())
    monthly, daily = _tables(by_procedure, province)
    result: dict[object, dict[str, float]] = defaultdict(lambda: dict.fromkeys(names, 0))
    sums = {name: Sum(name) for name in names}
    for model, q in ((monthly, month_q), (daily, day_q)):
        rows = model.objects.filter(q & where)  # type: ignore[attr-defined]
        if group is None:
            totals = rows.aggregate(**sums)
            for name in names:
                result[None][name] += totals[name] or 0
            continue
        for row in rows.values(*columns).annotate(**sums).order_by():
            key = row[group] if isinstance(group, str) else tuple(row[c] for c in columns)
            target = result[key]
            for name in names:
                target[name] += row[name] or 0
    return result


def flows(
    start: datetime.date,
    end: datetime.date,
    where: Q,
    *,
    names: Iterable[str] = COUNTER_NAMES,
    by_procedure: bool = False,
    group: str | tuple[str, ...] | None = None,
    province: bool = False,
) -> dict[object, dict[str, float]]:
    """Counters summed over [start, end] for the rollup rows matching `where`, per `group`
    (a rollup column such as "agency_id", or None for one total under key None). `province`:
    the whole province, from its own tables (`where` may then only name procedures)."""
    month_q, day_q = _pieces(start, end)
    return _sum(month_q, day_q, where, names, by_procedure, group, province)


def cumulative(
    end: datetime.date,
    where: Q,
    *,
    by_procedure: bool = False,
    group: str | None = None,
    province: bool = False,
) -> dict[object, dict[str, float]]:
    """CUMULATIVE counters summed from the beginning of time to `end` included."""
    month = _month_start(end)
    if (end + ONE_DAY).day == 1:  # the end of a month: months only
        month_q, day_q = Q(day__lte=month), Q(pk__in=[])
    else:
        month_q, day_q = Q(day__lt=month), Q(day__gte=month, day__lte=end)
    return _sum(
        month_q,
        day_q,
        where,
        CUMULATIVE,
        by_procedure,
        group,
        province,
    )


def procedures_with(
    start: datetime.date,
    end: datetime.date,
    where: Q,
    counter: str,
    group: str | None = None,
    province: bool = False,
) -> Any:
    """Procedures with a positive `counter` in the period (e.g. fee data, for 3.5): a set, or
    with `group` (a rollup column) a dict of sets."""
    month_q, day_q = _pieces(start, end)
    grouped: dict[object, set[int]] = defaultdict(set)
    for model, q in zip(_tables(True, province and group is None), (month_q, day_q), strict=True):
        rows = model.objects.filter(q & where, **{f"{counter}__gt": 0})  # type: ignore[attr-defined]
        if group is None:
            grouped[None].update(rows.values_list("procedure_id", flat=True).distinct())
            continue
        for key, procedure_id in rows.values_list(group, "procedure_id").distinct():
            grouped[key].add(procedure_id)
    return grouped if group else grouped.get(None, set())


def commune_unit_ids() -> set[int]:
    return set(
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE).values_list("pk", flat=True)
    )


RUNNING_NAMES = ("finished", "processing_hours", "fee_data")


def per_procedure_totals(
    start: datetime.date, end: datetime.date, group: str
) -> dict[tuple[int, int], dict[str, float]]:
    """finished, processing_hours and fee_data over [start, end] per (`group`, procedure) —
    `group` "agency_id" or "unit_id" — for every agency at once (the ranking). Whole months
    come from the year's running totals (models.AgencyProcedureRunning): per year, the totals to
    the period's last month minus those to the month before its first, so a year to date reads
    one month's rows; the days at the edges come from the daily table."""
    first, after = _whole_months(start, end)
    plus: list[datetime.date] = []
    minus: list[datetime.date] = []
    year_first = first
    while year_first < after:
        next_year = datetime.date(year_first.year + 1, 1, 1)
        year_last = _month_start(min(after, next_year) - ONE_DAY)
        plus.append(year_last)
        if year_first.month > 1:
            minus.append(_month_start(year_first - ONE_DAY))
        year_first = next_year
    totals: dict[tuple[int, int], dict[str, float]] = defaultdict(
        lambda: dict.fromkeys(RUNNING_NAMES, 0)
    )

    def add(rows: Any) -> None:
        # Thousands of rows: read as plain tuples (the ORM's per-row converters cost more than
        # the query). The SQL is the queryset's own.
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for key, procedure_id, *values in cursor.fetchall():
                target = totals[(key, procedure_id)]
                for name, value in zip(RUNNING_NAMES, values, strict=True):
                    target[name] += value or 0

    if plus:
        signed = {
            name: Sum(Case(When(day__in=plus, then=F(name)), default=-F(name)))
            for name in RUNNING_NAMES
        }
        add(
            AgencyProcedureRunning.objects.filter(day__in=plus + minus)
            .values(group, "procedure_id")
            .annotate(**signed)
            .order_by()
        )
    _month_q, day_q = _pieces(start, end)
    add(
        ProcedureDay.objects.filter(day_q)
        .values(group, "procedure_id")
        .annotate(**{name: Sum(name) for name in RUNNING_NAMES})
        .order_by()
    )
    return totals


class MonthlySums:
    """Every month's counters of one scope (rollup rows matching `where`), read in one query of
    a few rows a month; the sums of any period and the stocks are then added up in memory, and
    only the days at a period's edges are read from the daily table. For a page that measures
    many periods of one scope (the plan's series, the dashboard)."""

    def __init__(self, where: Q, by_procedure: bool = False, province: bool = False) -> None:
        self.where, self.by_procedure, self.province = where, by_procedure, province
        monthly, _daily = _tables(by_procedure, province)
        rows = (
            monthly.objects.filter(where)  # type: ignore[attr-defined]
            .values("day")
            .annotate(**{name: Sum(name) for name in COUNTER_NAMES})
            .order_by()
        )
        self.months = {row.pop("day"): row for row in rows}

    def _add(
        self, totals: dict[str, float], first: datetime.date, after: datetime.date, names: Any
    ) -> None:
        for day, row in self.months.items():
            if first <= day < after:
                for name in names:
                    totals[name] += row[name] or 0

    def _days(self, totals: dict[str, float], ranges: list[Q], names: Any) -> None:
        if not ranges:
            return
        where = ranges[0]
        for more in ranges[1:]:
            where |= more
        found = _sum(
            Q(pk__in=[]), where, self.where, names, self.by_procedure, None, self.province
        )[None]
        for name in names:
            totals[name] += found[name]

    def flows(self, start: datetime.date, end: datetime.date) -> dict[str, float]:
        """As `flows(start, end, where)[None]`."""
        totals = dict.fromkeys(COUNTER_NAMES, 0.0)
        first, after = _whole_months(start, end)
        if first >= after:
            self._days(totals, [Q(day__gte=start, day__lte=end)], COUNTER_NAMES)
            return totals
        self._add(totals, first, after, COUNTER_NAMES)
        ranges = []
        if start < first:
            ranges.append(Q(day__gte=start, day__lt=first))
        if after <= end:
            ranges.append(Q(day__gte=after, day__lte=end))
        self._days(totals, ranges, COUNTER_NAMES)
        return totals

    def cumulative(self, end: datetime.date) -> dict[str, float]:
        """As `cumulative(end, where)[None]`."""
        totals = dict.fromkeys(CUMULATIVE, 0.0)
        month = _month_start(end)
        if (end + ONE_DAY).day == 1:
            self._add(totals, datetime.date.min, _next_month(month), CUMULATIVE)
        else:
            self._add(totals, datetime.date.min, month, CUMULATIVE)
            self._days(totals, [Q(day__gte=month, day__lte=end)], CUMULATIVE)
        return totals
