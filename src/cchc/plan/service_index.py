"""What the dashboard asks the stats app: the Decision 766 index with its ranking, and the
procedures most often late — read from the rollups, never from the dossier table."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db.models import Sum

from .periods import Period, periods_between

log = logging.getLogger(__name__)


def index_766(start: datetime.date, end: datetime.date, scope: str) -> dict[str, Any] | None:
    """The index as `/api/v1/indices/766` answers it; None when the scope is unknown."""
    from cchc.stats.index766 import index_766 as compute
    from cchc.stats.measures import Scope, ScopeNotFound

    try:
        return compute(start, end, Scope.parse(scope))
    except ScopeNotFound:
        return None


def ranking(
    start: datetime.date, end: datetime.date, level: str, codes: set[str] | None = None
) -> list[dict[str, Any]]:
    """Peers ranked by their share of the points they could score, best first:
    [{scope, code, name, total, max, percent, rank}] — `level` is "agency" or "unit";
    `codes` keeps only those peers (e.g. provincial agencies), ranks unchanged."""
    from cchc.stats.index766 import ranking as rank

    try:
        rows = rank(start, end, level)  # type: ignore[arg-type]
    except Exception:  # a ranking failure must not take the whole dashboard down
        log.exception("766 ranking failed for %s %s–%s", level, start, end)
        return []
    out = []
    for row in rows:
        if codes is not None and row["code"] not in codes:
            continue
        out.append({**row, "scope": f"{level}:{row['code']}"})
    return out


def _month_starts_and_edge_days(
    start: datetime.date, end: datetime.date
) -> tuple[list[datetime.date], list[tuple[datetime.date, datetime.date]]]:
    """Whole months inside [start, end] (by their first day) and the day ranges left over."""
    months, edges = [], []
    for month in periods_between("month", start, end):
        if month.within(Period(start, end, month.kind)):
            months.append(month.start)
        else:
            edges.append((max(month.start, start), min(month.end, end)))
    return months, edges


def worst_procedures(
    start: datetime.date, end: datetime.date, scope: str = "province", limit: int = 10
) -> list[dict[str, Any]]:
    """Procedures by late share among dossiers that ended in the period (2.1's clock):
    [{code, name, ended, late, late_percent}], worst first, at least one late dossier."""
    try:
        from cchc.stats.models import (
            ProcedureDay,
            ProcedureMonth,
            ProvinceProcedureDay,
            ProvinceProcedureMonth,
        )
    except ImportError:
        return []
    months, edges = _month_starts_and_edge_days(start, end)
    filters: dict[str, Any] = {}
    kind, _sep, code = scope.partition(":")
    # The province reads its own per-procedure tables (one row per procedure and month).
    monthly: Any = ProvinceProcedureMonth
    daily: Any = ProvinceProcedureDay
    if kind in ("agency", "unit"):
        filters[f"{kind}__code"] = code
        monthly, daily = ProcedureMonth, ProcedureDay
    totals: dict[int, list[int]] = {}

    def add(rows: Any) -> None:
        for row in rows:
            bucket = totals.setdefault(row["procedure_id"], [0, 0])
            bucket[0] += row["ended"] or 0
            bucket[1] += row["late"] or 0

    aggregate = {"ended": Sum("ended"), "late": Sum("ended_late")}
    if months:
        add(
            monthly.objects.filter(day__in=months, **filters)
            .values("procedure_id")
            .annotate(**aggregate)
        )
    for first, last in edges:
        add(
            daily.objects.filter(day__gte=first, day__lte=last, **filters)
            .values("procedure_id")
            .annotate(**aggregate)
        )
    from cchc.catalogue.models import Procedure

    names = {
        p.pk: (p.code, p.name)
        for p in Procedure.objects.filter(pk__in=[k for k, v in totals.items() if v[1] > 0])
    }
    rows: list[dict[str, Any]] = [
        {
            "code": names[pk][0],
            "name": names[pk][1],
            "ended": ended,
            "late": late,
            "late_percent": round(100 * late / ended, 2) if ended else None,
        }
        for pk, (ended, late) in totals.items()
        if late > 0 and pk in names
    ]
    rows.sort(key=lambda r: (-(r["late_percent"] or 0), -r["late"], r["code"]))
    return rows[:limit]
