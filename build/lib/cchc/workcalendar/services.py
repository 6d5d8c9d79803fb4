"""Working-calendar operations for the other apps (DOMAIN.md §2, §3).

Thin wrappers that fetch the province calendar (:func:`selectors.province_calendar`) and do
the pure arithmetic of :mod:`cchc.workcalendar.calendar`. In loops over many dossiers, fetch
the calendar once and call its methods directly.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from . import calendar as wc
from .constants import OverrideKind
from .models import CalendarOverride
from .selectors import calendar_for, invalidate_calendar_cache, province_calendar

Number = Decimal | int | float


def due_at(start: datetime, duration: Number, unit: str) -> datetime:
    """Due instant of ``duration`` ``unit`` counted from ``start`` (DOMAIN.md §3)."""
    return calendar_for(_local_date(start)).add(start, duration, unit)


def extend_due(due: datetime, duration: Number, unit: str) -> datetime:
    """New due instant after an explicit extension (form 04, DOMAIN.md §2)."""
    return calendar_for(_local_date(due)).extend(due, duration, unit)


def resume_due(due: datetime, paused_at: datetime, resumed_at: datetime, unit: str) -> datetime:
    """Due instant after the clock stopped for a supplement request (DOMAIN.md §2, §3)."""
    return calendar_for(_local_date(resumed_at)).resume_due(due, paused_at, resumed_at, unit)


def classify(end: datetime, due: datetime) -> str:
    """``"early"``, ``"on_time"`` or ``"late"`` in the province's time zone (DOMAIN.md §2)."""
    return wc.classify(end, due, timezone.get_default_timezone())


@transaction.atomic
def set_override(day: date, kind: str, reason: str) -> CalendarOverride:
    """Create or replace the province's override for ``day`` (wins over the holidays package)."""
    if kind not in OverrideKind.values:
        raise ValueError(f"unknown override kind {kind!r}")
    override, _created = CalendarOverride.objects.update_or_create(
        date=day, defaults={"kind": kind, "reason": reason}
    )
    return override


@transaction.atomic
def remove_override(day: date) -> bool:
    """Delete the override for ``day``; whether one existed."""
    override = CalendarOverride.objects.filter(date=day).first()
    if override is None:
        return False
    override.delete()
    return True


def _local_date(dt: datetime) -> date:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware")
    return dt.astimezone(timezone.get_default_timezone()).date()


__all__ = [
    "classify",
    "due_at",
    "extend_due",
    "invalidate_calendar_cache",
    "province_calendar",
    "remove_override",
    "resume_due",
    "set_override",
]
